#if canImport(Glibc)
import Glibc
#endif
import CInotifyTools
import Foundation
@testable import NorthstarDaemon
import NorthstarProbe
import Testing

/// `FolderWatches` on real folders through the real library: the descriptor it gives for a
/// folder is the one that folder's events carry, however often folders are deleted and made
/// again under the same names (the library keeps dead watches' records under those names) or
/// moved out and back. These tests are the only users of the library in the test process
/// (all test targets share one process), one at a time.
@Suite("Folder watches through libinotifytools", .serialized)
struct FolderWatchesTests {
    @Test("other spellings of a folder's path are distinct names for the same folder")
    func spellings() throws {
        let names = (1...64).map { FolderWatches.spelling(of: "/b/d1", $0) }
        #expect(Set(names.map { $0 + "/" }).count == 64)
        #expect(names.prefix(4) == ["/b/d1/./.", "/b/d1/.//.", "/b/d1/././.", "/b/d1/.///."])
        #expect(names.allSatisfy { !$0.hasSuffix("/") && $0.count <= "/b/d1".count + 4 + 2 * 6 })
        let folder = NSTemporaryDirectory() + "northstar-spelling-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var own = stat(), other = stat()
        #expect(stat(folder, &own) == 0 && stat(FolderWatches.spelling(of: folder, 37), &other) == 0 && own.st_ino == other.st_ino)
    }

    @Test("each folder's events carry the descriptor it was given, through deletions and moves of other folders")
    func descriptorsStayRight() throws {
        try withLibrary(in: "northstar-watches", folders: ["outside"]) { root in
            let fm = FileManager.default
            let count = 40
            func path(_ i: Int) -> String { root + "/f\(i)" }
            var watches = FolderWatches()
            var wds: [Int32] = []
            for i in 0..<count {
                try fm.createDirectory(atPath: path(i), withIntermediateDirectories: false)
                wds.append(try watches.add(path(i), events: .backlogFolder).get())
            }
            var rng = SplitMix64(seed: 20261202)
            for round in 0..<60 {
                // Every fourth round the same folder, so that its name gathers dead records.
                let i = round % 4 == 3 ? 0 : Int.random(in: 0..<count, using: &rng)
                if round % 3 == 2 {
                    // Moved out (the watcher removes its watch) and back (watched anew).
                    watches.remove(wds[i])
                    #expect(rename(path(i), root + "/outside/f\(i)") == 0 && rename(root + "/outside/f\(i)", path(i)) == 0)
                } else {
                    // Deleted: the kernel drops the watch, the library keeps its record.
                    try fm.removeItem(atPath: path(i))
                    try fm.createDirectory(atPath: path(i), withIntermediateDirectories: false)
                }
                drain()
                let old = wds[i]
                wds[i] = try watches.add(path(i), events: .backlogFolder).get()
                #expect(wds[i] != old, "round \(round): f\(i) got its dead watch's descriptor back")
                // A file created in the new folder and in another one: each event names its folder's descriptor.
                let j = (i + 1 + Int.random(in: 0..<(count - 1), using: &rng)) % count
                for k in [i, j] { #expect(fm.createFile(atPath: path(k) + "/r\(round).yaml", contents: Data())) }
                let seen = drain()
                for k in [i, j] {
                    #expect(seen.contains { $0.wd == wds[k] && $0.name == "r\(round).yaml" }, "round \(round): no event for f\(k)'s new file under its descriptor \(wds[k]): \(seen)")
                }
            }
        }
    }

    @Test("a watched folder moved before its move is read keeps its descriptor when watched where it is now")
    func movedFolderKeepsDescriptor() throws {
        try withLibrary(in: "northstar-moved", folders: ["a/x"]) { root in
            let fm = FileManager.default
            var watches = FolderWatches()
            let wd = try watches.add(root + "/a/x", events: .backlogFolder).get()
            try fm.createDirectory(atPath: root + "/archive", withIntermediateDirectories: false)
            #expect(rename(root + "/a/x", root + "/archive/x") == 0)
            #expect(try watches.add(root + "/archive/x", events: .backlogFolder).get() == wd)
            drain()
            #expect(fm.createFile(atPath: root + "/archive/x/new.yaml", contents: Data()))
            #expect(drain().contains { $0.wd == wd && $0.name == "new.yaml" })
        }
    }

    /// Runs `body` with the library started and a scratch folder holding `folders`, then stops
    /// the library and removes the folder.
    func withLibrary(in name: String, folders: [String], _ body: (String) throws -> Void) throws {
        #expect(inotifytools_initialize() != 0)
        defer { inotifytools_cleanup() }
        let root = NSTemporaryDirectory() + "\(name)-\(getpid())"
        for folder in folders { try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: root) }
        try body(root)
    }

    /// Reads every event already queued (inotify queues them within the system call that
    /// causes them); `next_events` with a zero timeout does not wait, `next_event(0)` would.
    @discardableResult
    func drain() -> [(wd: Int32, name: String)] {
        var seen: [(wd: Int32, name: String)] = []
        while let event = inotifytools_next_events(0, 1) {
            seen.append((event.pointee.wd, InotifyWatcher.name(of: event)))
        }
        return seen
    }
}

import Foundation
import NorthstarCore
import NorthstarProbe
@testable import NorthstarShell
import Testing

@Suite("Outputs streamed into place")
struct AtomicFileTests {
    /// A file of `lines` numbered lines, assembled line by line.
    static func assembly(_ lines: [String], head: String = "head\n", tail: String = "tail\n") -> OutputAssembly {
        OutputAssembly(head: Array(head.utf8), count: lines.count, tail: Array(tail.utf8)) { index, out in
            out.append(contentsOf: (lines[index] + "\n").utf8)
        }
    }

    static func text(_ a: OutputAssembly) -> String { String(decoding: a.bytes, as: UTF8.self) }

    /// Everything in `folder` but the target: temporaries left behind.
    static func leftovers(_ folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "out.txt" }
    }

    static let old = (0..<500).map { "line \($0)" }

    @Test("new contents differing anywhere — first piece, middle, last piece, longer, shorter — are staged whole", arguments: [
        ("first line", old.enumerated().map { $0 == 0 ? "changed" : $1 }),
        ("middle", old.enumerated().map { $0 == 250 ? "changed" : $1 }),
        ("last line", old.enumerated().map { $0 == 499 ? "changed" : $1 }),
        ("longer", old + ["one more"]),
        ("shorter", Array(old.dropLast())),
        ("empty", []),
    ])
    func changed(_ name: String, _ lines: [String]) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/out.txt"
        try AtomicFile.write(Self.assembly(Self.old).bytes, to: path)
        let before = folder.modificationTime("out.txt")
        for chunk in [1, 7, 64, 1 << 20] {
            let staged = try #require(try AtomicFile.stage(Self.assembly(lines), for: path, chunkSize: chunk), "\(name), chunk \(chunk)")
            #expect(try folder.read("out.txt") == Self.text(Self.assembly(Self.old)), "not in place before commit")
            #expect(folder.modificationTime("out.txt") == before)
            staged.discard()
        }
        let staged = try #require(try AtomicFile.stage(Self.assembly(lines), for: path, chunkSize: 13))
        try staged.commit()
        #expect(try folder.read("out.txt") == Self.text(Self.assembly(lines)))
        #expect(try Self.leftovers(folder).isEmpty)
    }

    /// Past the size at which the disk is asked to start writing, and with the equal prefix
    /// copied either inside the kernel or through a buffer: the bytes committed are the new
    /// contents, whichever way they got there, and an unchanged file is still left alone.
    @Test("a large output changed past its first megabytes is staged whole, the equal prefix copied in the kernel or through a buffer", arguments: [true, false])
    func largeChanged(copiesInKernel: Bool) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/out.txt"
        // About 2.5 writeback steps of numbered lines of some 100 bytes.
        let filler = String(repeating: "x", count: 88)
        let count = StagingStream.writebackStep * 5 / 2 / 100
        let old = (0..<count).map { "line \($0) \(filler)" }
        try AtomicFile.write(Self.assembly(old).bytes, to: path)
        #expect(try AtomicFile.stage(Self.assembly(old), for: path, chunkSize: 1 << 20, copiesInKernel: copiesInKernel) == nil)
        for (name, lines) in [("changed at 60 %", old.enumerated().map { $0 == count * 3 / 5 ? "changed" : $1 }),
                              ("longer", old + ["one more"]),
                              ("shorter by a line past the prefix", Array(old.dropLast()))] {
            let staged = try #require(try AtomicFile.stage(Self.assembly(lines), for: path, chunkSize: 1 << 20, copiesInKernel: copiesInKernel), "\(name)")
            try staged.commit()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(Self.assembly(lines).bytes), "\(name)")
            #expect(try Self.leftovers(folder).isEmpty)
            try AtomicFile.write(Self.assembly(old).bytes, to: path)
        }
    }

    @Test("a file read a batch of lines at a time gives every line once, in order, whatever the piece size", arguments: [1, 2, 7, 64, 1 << 20])
    func batchesOfLines(chunkSize: Int) throws {
        let folder = try TemporaryFolder()
        for text in ["", "one", "one\n", "a\n\nb\nlast without break", String(repeating: "line of text\n", count: 40) + "é\n"] {
            try folder.write("f.txt", text)
            var lines: [String] = []
            var batches = 0
            let result = FileReader.forEachBatchOfLines(folder.path + "/f.txt", limit: 1 << 20, chunkSize: chunkSize) { batch in
                batches += 1
                lines += batch.map { String(decoding: $0, as: UTF8.self) }
            }
            guard case .success = result else { Issue.record("\(result)"); return }
            var expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if text.hasSuffix("\n") || text.isEmpty { expected.removeLast() }
            #expect(lines == expected, "\(text.debugDescription) in pieces of \(chunkSize)")
        }
        try folder.write("big.txt", String(repeating: "x\n", count: 100))
        let tooLarge = FileReader.forEachBatchOfLines(folder.path + "/big.txt", limit: 50, chunkSize: chunkSize) { _ in }
        guard case .failure(.tooLarge) = tooLarge else { Issue.record("a file over the limit was read"); return }
    }

    @Test("identical contents: nothing staged, no temporary made, the file untouched")
    func unchanged() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/out.txt"
        try AtomicFile.write(Self.assembly(Self.old).bytes, to: path)
        let before = folder.modificationTime("out.txt")
        for chunk in [1, 5, 100, 1 << 20] {
            #expect(try AtomicFile.stage(Self.assembly(Self.old), for: path, chunkSize: chunk) == nil)
        }
        #expect(folder.modificationTime("out.txt") == before)
        #expect(try Self.leftovers(folder).isEmpty)
    }

    @Test("no previous file: staged from the first piece")
    func fresh() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/out.txt"
        let staged = try #require(try AtomicFile.stage(Self.assembly(["a", "b"]), for: path, chunkSize: 2))
        try staged.commit()
        #expect(try folder.read("out.txt") == "head\na\nb\ntail\n")
    }

    @Test("a folder where the output goes is an error before anything is written")
    func folderInTheWay() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/out.txt", withIntermediateDirectories: false)
        #expect(throws: ShellError.self) { try AtomicFile.stage(Self.assembly(["a"]), for: folder.path + "/out.txt") }
        #expect(try Self.leftovers(folder).isEmpty)
    }

    @Test("a commit that keeps the replaced files puts the new ones in place and leaves the old ones under temporary names until they are removed; a new file replaces nothing")
    func keepingReplaced() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/out.txt", other = folder.path + "/new.txt"
        try AtomicFile.write(Self.assembly(Self.old).bytes, to: path)
        let changed = Self.assembly(Self.old + ["one more"])
        let staged = [try #require(try AtomicFile.stage(Self.assembly(["fresh"]), for: other)),
                      try #require(try AtomicFile.stage(changed, for: path))]
        let replaced = try AtomicFile.commit(staged, keepingReplaced: true)
        #expect(try folder.read("out.txt") == Self.text(changed))
        #expect(try folder.read("new.txt") == Self.text(Self.assembly(["fresh"])))
        let kept = try Self.leftovers(folder).filter { $0 != "new.txt" }
        #expect(kept.count == 1 && kept.allSatisfy { $0.hasPrefix(AtomicFile.temporaryPrefix) })
        #expect(try kept.map { try folder.read($0) } == [Self.text(Self.assembly(Self.old))])
        // Left by a process that is gone, they are cleaned up like any abandoned temporary.
        for name in kept { try FileManager.default.copyItem(atPath: folder.path + "/" + name, toPath: folder.path + "/" + AtomicFile.temporaryPrefix + "999999999-replaced-1") }
        #expect(AtomicFile.removeAbandonedTemporaries(in: folder.path) == [AtomicFile.temporaryPrefix + "999999999-replaced-1"])
        replaced.remove()
        #expect(try Self.leftovers(folder) == ["new.txt"])
        // Without keeping, nothing is left to remove.
        let again = try #require(try AtomicFile.stage(Self.assembly(["again"]), for: path))
        #expect(try AtomicFile.commit([again]).isEmpty)
        #expect(try Self.leftovers(folder) == ["new.txt"])
    }

    @Test("replaced files kept under this process's pid by an earlier process with the same pid are abandoned; this process's own are not")
    func samePidLeftovers() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/out.txt"
        try AtomicFile.write(Self.assembly(Self.old).bytes, to: path)
        let replaced = try AtomicFile.commit([try #require(try AtomicFile.stage(Self.assembly(["new"]), for: path))], keepingReplaced: true)
        let own = try Self.leftovers(folder)
        #expect(own.count == 1)
        let earlier = AtomicFile.temporaryPrefix + "\(getpid())-replaced-earlierprocess-1"
        let staging = AtomicFile.temporaryPrefix + "\(getpid())-out.txt"
        try folder.write(earlier, "old")
        try folder.write(staging, "being written")
        #expect(AtomicFile.removeAbandonedTemporaries(in: folder.path) == [earlier])
        #expect(try Set(Self.leftovers(folder)) == Set(own + [staging]))
        replaced.remove()
        try FileManager.default.removeItem(atPath: folder.path + "/" + staging)
        #expect(try Self.leftovers(folder).isEmpty)
    }

    @Test("a rename that fails half-way through a commit that keeps the replaced files removes the ones kept so far")
    func keepingReplacedFailure() throws {
        let folder = try TemporaryFolder()
        let first = folder.path + "/out.txt", second = folder.path + "/other.txt"
        try AtomicFile.write(Self.assembly(Self.old).bytes, to: first)
        try folder.write("other.txt", "old other\n")
        let a = try #require(try AtomicFile.stage(Self.assembly(["new"]), for: first))
        let b = try #require(try AtomicFile.stage(Self.assembly(["new other"]), for: second))
        b.discard()  // its temporary is gone: its rename fails
        #expect(throws: ShellError.self) { try AtomicFile.commit([a, b], keepingReplaced: true) }
        #expect(try folder.read("out.txt") == Self.text(Self.assembly(["new"])))
        #expect(try folder.read("other.txt") == "old other\n")
        #expect(try Set(Self.leftovers(folder)) == ["other.txt"])
    }
}

import Foundation
import NorthstarCore
import NorthstarProbe
import NorthstarShell
import Testing

/// `northstar diff` reads a revision's backlog from git objects by the rules the scan of a
/// checked-out folder follows. Random folders of files, hidden folders, ignored names and
/// symlinks of every kind are committed to a real repository and scanned both ways.
@Suite("A revision's backlog read from git equals the checked-out folder's")
struct TreeScanTests {
    /// Runs git in `folder` with a fixed identity; fails the test when git fails.
    @discardableResult
    static func git(_ arguments: [String], in folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    /// A random backlog: folders (some hidden, some named like the output folder), YAML and
    /// other files, and relative symlinks to files and folders inside, to the backlog's parent,
    /// to nothing, to themselves and to ancestors.
    static func plant(seed: UInt64, in root: String) throws {
        var rng = SplitMix64(seed: seed)
        let folders = ["", "a", "a/b", ".hidden", "out", "c", "c/.d", "a/b/e"]
        // Git keeps no empty folder, so each holds a file that is not backlog.
        for folder in folders {
            try FileManager.default.createDirectory(atPath: root + "/backlog/" + folder, withIntermediateDirectories: true)
            try "kept\n".write(toFile: root + "/backlog/" + folder + "/keep.txt", atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: root + "/elsewhere/sub", withIntermediateDirectories: true)
        try "id: X\n".write(toFile: root + "/elsewhere/x.yaml", atomically: false, encoding: .utf8)
        try "id: Y\n".write(toFile: root + "/elsewhere/sub/y.yaml", atomically: false, encoding: .utf8)
        let names = ["one.yaml", "two.yml", "notes.txt", ".dot.yaml", "backup.yaml~", "#x.yaml#", "three.yaml"]
        var paths: [String] = []
        for (i, folder) in folders.enumerated() {
            for name in names where rng.next() % 3 == 0 {
                let path = (folder.isEmpty ? "" : folder + "/") + name
                try "id: F\(i)\(name.count)\n".write(toFile: root + "/backlog/" + path, atomically: false, encoding: .utf8)
                paths.append(path)
            }
        }
        let targets = paths + folders.filter { !$0.isEmpty } + ["../elsewhere", "../elsewhere/x.yaml", "../elsewhere/sub", "missing.yaml",
                                                                  "..", ".", "../backlog/a", "/etc/passwd", "a/", "one.yaml/", "a/./b/../b/",
                                                                  "link1", "link2.yaml", "c/../a/b"]
        for n in 0..<(4 + Int(rng.next() % 6)) {
            let folder = folders[Int(rng.next() % UInt64(folders.count))]
            let link = (folder.isEmpty ? "" : folder + "/") + "link\(n)" + (rng.next() % 2 == 0 ? ".yaml" : "")
            var target = targets[Int(rng.next() % UInt64(targets.count))]
            // Targets are written relative to the link's folder, as people write them.
            if !target.hasPrefix("/") && !target.hasPrefix("..") && target != "." && !target.hasPrefix("link") {
                let depth = folder.isEmpty ? 0 : folder.split(separator: "/").count
                target = String(repeating: "../", count: depth) + target
            }
            if n == 0 { target = "link0" + (link.hasSuffix(".yaml") ? ".yaml" : "") }   // a loop on itself
            _ = symlink(target, root + "/backlog/" + link)
        }
    }

    @Test("files, their contents and the scan's diagnostics agree", arguments: 0..<24)
    func sameAsOnDisk(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        try Self.git(["init", "-q", "."], in: folder.path)
        try Self.plant(seed: 0x7EE5 &+ seed &* 7919, in: folder.path)
        try Self.git(["add", "-A"], in: folder.path)
        try Self.git(["commit", "-q", "-m", "plant"], in: folder.path)

        let backlog = folder.path + "/backlog", output = folder.path + "/backlog/out"
        let disk = try BacklogScanner.scan(root: backlog, excluding: [output])
        let repository = try GitRepository.containing(folder.path)
        let commit = try repository.commit("HEAD")
        let tree = try repository.tree(commit)
        let scan = try #require(TreeBacklogScan.scan(tree, repositoryRoot: repository.root, paths: BacklogPaths(root: POSIX.realPath(backlog) ?? backlog,
                                                                                                                  excluded: [POSIX.realPath(output) ?? output])))
        #expect(scan.files.map(\.displayPath) == disk.files.map(\.displayPath), "seed \(seed)")
        #expect(scan.diagnostics.map { "\($0.path) \($0.code)" } == disk.diagnostics.map { "\($0.path) \($0.code)" }, "seed \(seed)")
        let blobs = try repository.blobs(scan.files.map(\.object))
        for (file, scanned) in zip(scan.files, disk.files) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: scanned.absolutePath))
            #expect(blobs[file.object] == [UInt8](bytes), "\(file.displayPath)")
            #expect(file.size == bytes.count)
        }
    }
}

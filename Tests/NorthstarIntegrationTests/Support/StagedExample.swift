import Foundation

/// The bundled example backlog, its config and `examples/broken` as staged in git (the index:
/// what `HEAD` holds plus anything deliberately `git add`ed), so that a newcomer's unstaged tour
/// edits in the work tree never change what the tests expect. Extracted once per staged
/// version into a folder named after a digest of the index entries, and reused.
enum StagedExample {
    /// A folder holding `examples/` and `config/` exactly as staged; the work tree itself
    /// when the repository is not a git checkout (a source tarball has no tour edits to guard
    /// against).
    static let root: String = extract() ?? NorthstarBinary.repositoryRoot

    /// The example backlog as staged.
    static var backlog: String { root + "/examples/food-bank/backlog" }

    /// The bundled config as staged.
    static var config: String { root + "/config/northstar.yaml" }

    private static func extract() -> String? {
        let repo = NorthstarBinary.repositoryRoot
        // `ls-files -s` lists mode, blob hash and path of every staged file: its digest names
        // this version of the example.
        guard shell("git -C '\(repo)' ls-files -- config/northstar.yaml")?.isEmpty == false,
              let digest = shell("git -C '\(repo)' ls-files -s -- examples config | git hash-object --stdin") else { return nil }
        let folder = NSTemporaryDirectory() + "northstar-staged-example-" + digest.prefix(16)
        if FileManager.default.fileExists(atPath: folder + "/config/northstar.yaml") { return folder }
        // Extracted beside its final name, then renamed: a concurrent test run never sees half.
        let partial = folder + ".partial-\(getpid())"
        guard (try? FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)) != nil,
              shell("git -C '\(repo)' ls-files -z -- examples config | git -C '\(repo)' checkout-index -z --stdin --prefix='\(partial)/'") != nil
        else { return nil }
        if rename(partial, folder) != 0 { try? FileManager.default.removeItem(atPath: partial) }
        return FileManager.default.fileExists(atPath: folder + "/config/northstar.yaml") ? folder : nil
    }

    /// Standard output of `command` under /bin/sh, or nil when it fails.
    private static func shell(_ command: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

import Foundation

/// Runs the real `northstar` executable (built beside the test bundle) as a child process.
enum NorthstarBinary {
    /// The repository root (Tests/NorthstarIntegrationTests/Support/ is three levels down).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built executable.
    static let path: String = {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("northstar").path
    }()

    /// What a finished run printed and returned.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `northstar args...` in `directory` and waits for it. Output goes through files, not
    /// pipes, so a chatty child can never block on a full pipe.
    static func run(_ arguments: [String], in directory: String = repositoryRoot) throws -> Result {
        try runTool(path, arguments, in: directory)
    }

    /// Runs another executable built beside the tests (e.g. `northstar-bench`).
    static func runTool(_ tool: String, _ arguments: [String], in directory: String = repositoryRoot) throws -> Result {
        let scratch = try TemporaryFolder()
        let outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

extension TemporaryFolder {
    /// A config pointing at `backlog` and `output` inside this folder, with the bundled (and
    /// staged) config's objectives and equity weights. Top-level keys in `extra` (e.g. `watch: {...}`)
    /// replace the bundled config's lines for those keys.
    func writeConfig(backlog: String = "backlog", output: String = "out", extra: String = "") throws {
        let bundled = try String(contentsOfFile: StagedExample.config, encoding: .utf8)
        let replaced = ["backlog", "output"] + extra.split(separator: "\n").compactMap { line in
            line.first?.isLetter == true ? line.split(separator: ":").first.map(String.init) : nil
        }
        let body = bundled.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in !replaced.contains { line.hasPrefix($0 + ":") } }
            .joined(separator: "\n")
        try write("northstar.yaml", "backlog: \(backlog)\noutput: \(output)\n\(extra)\n" + body)
    }

    /// Copies every file of the bundled example backlog (as staged in git) here, creating them in
    /// `order`.
    func copyExample(into folder: String, order: ([String]) -> [String]) throws {
        let source = StagedExample.backlog
        let files = (FileManager.default.enumerator(atPath: source)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yaml") }
        for file in order(files) {
            try write(folder + "/" + file, try String(contentsOfFile: source + "/" + file, encoding: .utf8))
        }
    }

    /// Puts a folder (holding a file) where the file `relative` was: nothing can be written
    /// or renamed onto that name until `unblock` removes it.
    func block(_ relative: String) throws {
        try? FileManager.default.removeItem(atPath: path + "/" + relative)
        try FileManager.default.createDirectory(atPath: path + "/" + relative + "/blocker", withIntermediateDirectories: true)
    }

    /// Removes what `block` put at `relative`.
    func unblock(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: path + "/" + relative)
    }

    /// The names of leftover temporaries (dot files) in `folder`.
    func temporaries(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/" + folder).filter { $0.hasPrefix(".") }
    }
}

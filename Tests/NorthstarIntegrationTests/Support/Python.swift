import Foundation

/// Runs a Python script for the tests that check an output with a real parser (Python's
/// prometheus_client, html5lib; installed by `make test`), feeding it `input` on stdin.
enum Python {
    /// What the script printed and returned.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `python3 -c script` with `input` on stdin. Output goes through files, so a chatty
    /// script never blocks on a full pipe.
    static func run(_ script: String, input: String) throws -> Result {
        let scratch = try TemporaryFolder()
        let outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        python.standardInput = stdin
        python.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        python.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try python.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        stdin.fileHandleForWriting.closeFile()
        python.waitUntilExit()
        return Result(status: python.terminationStatus,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

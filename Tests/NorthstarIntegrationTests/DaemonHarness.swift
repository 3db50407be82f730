import Foundation
import NorthstarProbe
import Testing

/// A real `northstar watch` process on a temporary backlog, with helpers to change files and
/// to wait (on inotify, with deadlines) for the outputs to reflect the change.
final class DaemonHarness {
    let folder: TemporaryFolder
    let process = Process()
    let events: FileEvents
    private let exited = DispatchSemaphore(value: 0)

    var backlog: String { folder.path + "/backlog" }
    var output: String { folder.path + "/out" }
    var logPath: String { folder.path + "/daemon.log" }

    /// Starts the daemon on `folder` (which must hold `northstar.yaml` and `backlog/`) and
    /// waits for its first outputs.
    /// `launcher` runs the daemon through another program (e.g. `unshare`), which is given
    /// the binary and its arguments.
    /// Unless `waitForAnalysis` is false, it also waits for the start-up's uncertainty analysis
    /// (when the config runs one) to be written. `arguments` are added to `watch`'s.
    init(folder: TemporaryFolder, outputFolder: String = "out", environment: [String: String] = [:], launcher: [String] = [],
         waitForAnalysis: Bool = true, arguments: [String] = []) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder.path + "/" + outputFolder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder.path + "/daemon.log", contents: nil)
        events = FileEvents(folders: [folder.path + "/" + outputFolder, folder.path])
        if let first = launcher.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(launcher.dropFirst()) + [NorthstarBinary.path, "watch", "--config", "northstar.yaml"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: NorthstarBinary.path)
            process.arguments = ["watch", "--config", "northstar.yaml"] + arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.path + "/daemon.log"))
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM"] { env[key] = nil }
        process.environment = env.merging(environment) { _, new in new }
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let ready = events.wait(seconds: 20) { self.log.contains("watching ") }
        #expect(ready, "daemon did not start: \(self.log)")
        // The start-up's second write, with how sure the ranking is, lands before a test looks.
        let config = (try? String(contentsOfFile: folder.path + "/northstar.yaml", encoding: .utf8)) ?? ""
        if ready, waitForAnalysis, !config.contains("draws: 0") {
            #expect(events.wait(seconds: 30) { self.log.contains("how sure:") }, "no uncertainty analysis at start-up: \(self.log)")
        }
    }

    deinit {
        if process.isRunning {
            process.terminate()
            _ = exited.wait(timeout: .now() + 5)
        }
    }

    /// Everything the daemon logged so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Lines of the log that report a recomputation.
    var rankedLines: [String] { log.split(separator: "\n").map(String.init).filter { $0.contains(" ranked ") } }

    /// Parsed `ranking.json` (nil while missing or unreadable).
    func ranking(in outputFolder: String? = nil) -> [String: Any]? {
        let path = (outputFolder ?? output) + "/ranking.json"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The ranked item with `id`, if ranked.
    func item(_ id: String) -> [String: Any]? {
        (ranking()?["items"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    /// The ids of ranked items.
    var rankedIDs: Set<String> {
        Set((ranking()?["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
    }

    /// Parsed `diagnostics.json` entries.
    var diagnostics: [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: output + "/diagnostics.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return object["diagnostics"] as? [[String: Any]] ?? []
    }

    /// Waits (on inotify, with a deadline) until `condition` holds.
    func expectEventually(_ what: String, seconds: Double = 10, _ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        let ok = events.wait(seconds: seconds, until: condition)
        #expect(ok, "timed out waiting for: \(what)\nlog:\n\(log)", sourceLocation: sourceLocation)
    }

    /// Sends a signal.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() -> Int32? {
        send(SIGTERM)
        guard exited.wait(timeout: .now() + 10) == .success else { return nil }
        return process.terminationStatus
    }
}

extension TemporaryFolder {
    /// Replaces `relative` the way vim and most editors save: write a temporary file beside
    /// it, then rename it over the original.
    func saveByRename(_ relative: String, _ text: String) throws {
        let temporary = path + "/" + relative + ".tmp~"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, path + "/" + relative) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

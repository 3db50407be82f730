import ArgumentParser
import Logging
import NorthstarCore
import NorthstarDaemon
import NorthstarShell

/// `northstar watch`: the daemon.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Keep the outputs current as backlog files change (the daemon; runs in the foreground).",
        discussion: """
            Scans and ranks at start-up, then watches the backlog folder (recursively) and the \
            config file through inotify. A burst of changes (a git checkout) is settled into one \
            recomputation: watch.settle_ms of quiet, at most watch.max_delay_ms after the first \
            change. Only changed files are read again. A file that stops reading, or an item \
            that gains an error, keeps its last good version in the ranking, marked stale, and \
            the log line names the first error. The metrics file is written only where the \
            config's metrics_path says. SIGHUP or an edit of the config reloads it \
            (an invalid config is reported and the previous one stays in force); SIGTERM or \
            SIGINT finish the write in progress and exit 0. Logs go to stderr, one line each, \
            with syslog priority prefixes when JOURNAL_STREAM is set.
            Exit status: 0 stopped by a signal, 1 the config is invalid at start-up, 2 usage or I/O error.
            """)

    @OptionGroup var options: ConfigOptions
    @OptionGroup var outputOption: OutputOption

    @Flag(help: "Add to each log line how long each step of that recomputation took (reading, checking, scoring, ranking, writing the outputs, the change log), and which files were read again. For investigating a slow backlog; BENCHMARKS.md explains each step.")
    var timings = false

    func run() throws {
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label) }
        let logger = Logger(label: "northstar")
        let daemon: Daemon
        let configPath = try options.configPath()
        do {
            daemon = try Daemon(
                options: Daemon.Options(configPath: configPath, overrides: FolderOverrides(backlog: options.backlog, output: outputOption.output), timings: timings),
                logger: logger)
        } catch {
            switch error {
            case .unreadableConfig(let e):
                throw CommandFailure.ioOrUsage(e.description)
            case .invalidConfig(let diagnostics):
                Terminal.print(diagnostics, backlogRoot: nil)
                throw CommandFailure.invalidInput("config has \(Terminal.count(diagnostics.errorCount, "error")); not starting")
            }
        }
        let code = daemon.run()
        if code != 0 { throw CommandFailure(exitCode: code, message: "") }
    }
}

import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `northstar` command: a prioritisation engine for mission-driven teams.
public struct NorthstarCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "northstar",
        abstract: "Rank a backlog by need, reach, equity and cost against your mission.",
        discussion: """
            Backlog items are YAML files; the config names the mission's objectives, the equity \
            weight of each beneficiary group and the scoring model. Exit status: 0 ok, \
            1 invalid input, 2 usage or I/O error.
            """,
        version: "0.1.0",
        subcommands: [WatchCommand.self, RankCommand.self, CheckCommand.self, ExplainCommand.self, NextCommand.self, DiffCommand.self, SchemaCommand.self, InitCommand.self])

    public init() {}

    /// Runs the command line and exits with the documented codes: 0 ok, 1 invalid input,
    /// 2 usage or I/O error.
    public static func runAndExit() -> Never {
        // No command at all is a usage error, as the help says: the help goes to stderr, exit 2.
        if CommandLine.arguments.count <= 1 {
            Terminal.err(helpMessage())
            Glibc.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            Glibc.exit(0)
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { Terminal.err("northstar: \(failure.message)") }
            Glibc.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Terminal.out(fullMessage(for: error))
                Glibc.exit(0)
            }
            Terminal.err(fullMessage(for: error))
            // Usage errors (ArgumentParser's 64) and anything unexpected are exit 2.
            Glibc.exit(2)
        }
    }
}

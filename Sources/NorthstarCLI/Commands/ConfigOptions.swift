import ArgumentParser
import NorthstarCore
import NorthstarShell

/// The options every command that reads a backlog shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The team's config file.", valueName: "file"))
    var config: String = "config/northstar.yaml"

    @Option(name: .long, help: ArgumentHelp("Backlog folder to read, instead of the config's 'backlog'.", valueName: "dir"))
    var backlog: String?

    @Option(name: .long, help: ArgumentHelp("Output folder to write, instead of the config's 'output'.", valueName: "dir"))
    var output: String?

    /// Loads the config, printing its diagnostics; fails with exit 1 when it has errors and
    /// exit 2 when it cannot be read.
    func loadConfig() throws(CommandFailure) -> (Config, [Diagnostic]) {
        let result: ConfigLoadResult
        do {
            result = try ConfigFile.load(config, overrides: FolderOverrides(backlog: backlog, output: output))
        } catch {
            throw .ioOrUsage(error.description)
        }
        guard let loaded = result.config else {
            Terminal.print(result.diagnostics, backlogRoot: nil)
            throw .invalidInput("config has \(Terminal.count(result.diagnostics.errorCount, "error")); nothing ranked")
        }
        return (loaded, result.diagnostics)
    }

    /// Loads the config and evaluates the backlog.
    func evaluate(timer: PhaseTimer? = nil) throws(CommandFailure) -> Evaluation {
        let (config, diagnostics) = try loadConfig()
        timer?.mark("config")
        do {
            return try RankPass.evaluate(config: config, configDiagnostics: diagnostics, timer: timer)
        } catch {
            throw .ioOrUsage(error.description)
        }
    }
}

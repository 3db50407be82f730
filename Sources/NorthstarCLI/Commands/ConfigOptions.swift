import ArgumentParser
import NorthstarCore
import NorthstarShell

/// The options every command that reads a backlog shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The team's config file (default: ./northstar.yaml, else config/northstar.yaml).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Backlog folder to read, instead of the config's 'backlog'.", valueName: "dir"))
    var backlog: String?


    /// Where a config is looked for when `--config` is not given: the one `northstar init`
    /// writes, then the layout of a repository that keeps its config apart.
    static let defaultLocations = ["northstar.yaml", "config/northstar.yaml"]

    /// The config file to read: `--config`, else the first of `defaultLocations` that exists.
    func configPath() throws(CommandFailure) -> String {
        if let config { return config }
        if let found = Self.defaultLocations.first(where: { POSIX.status($0) != nil }) { return found }
        throw .ioOrUsage("no config file: neither ./northstar.yaml nor config/northstar.yaml exists here; pass --config FILE, or create a starter project with 'northstar init DIR'")
    }

    /// Loads the config (its output folder replaced by `output` when given), printing its
    /// diagnostics; fails with exit 1 when it has errors and exit 2 when it cannot be read.
    func loadConfig(output: String? = nil) throws(CommandFailure) -> (Config, [Diagnostic]) {
        let result: ConfigLoadResult
        let path = try configPath()
        do {
            result = try ConfigFile.load(path, overrides: FolderOverrides(backlog: backlog, output: output))
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
    func evaluate(output: String? = nil, timer: PhaseTimer? = nil) throws(CommandFailure) -> Evaluation {
        let (config, diagnostics) = try loadConfig(output: output)
        timer?.mark("config")
        do {
            return try RankPass.evaluate(config: config, configDiagnostics: diagnostics, timer: timer)
        } catch {
            throw .ioOrUsage(error.description)
        }
    }
}

/// The option of the commands that write outputs (`rank`, `watch`).
struct OutputOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output folder to write, instead of the config's 'output'.", valueName: "dir"))
    var output: String?
}

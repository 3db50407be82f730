import ArgumentParser
import NorthstarCore
import NorthstarShell

/// `northstar check`: validate only, for CI and pre-commit hooks.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config and backlog without writing anything.",
        discussion: """
            Prints every problem as path:line:col: error|warning: message, then a summary. \
            Exit status: 0 no errors (warnings allowed), 1 any error, 2 usage or I/O error.
            """)

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Treat warnings as errors (exit 1 on any warning).")
    var strict = false

    /// How the diagnostics are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, github, gitlab, json
    }

    @Option(help: ArgumentHelp(
        "How to print the diagnostics: text, github, gitlab or json.",
        discussion: "text: path:line:col: error|warning: message, on stderr. github: workflow commands that annotate each problem "
            + "on its line in a pull request. gitlab: a Code Quality report. json: the diagnostics.json document. The last three go "
            + "to stdout, with paths relative to the current folder (run it from the repository's root in CI)."))
    var format: Format = .text

    func run() throws {
        let evaluation = try options.evaluate()
        KeptUntilExit.keep(evaluation)
        let root = evaluation.config.backlogPath
        let shown = evaluation.diagnostics.map { $0.repathed { Terminal.displayPath($0, backlogRoot: root) } }
        switch format {
        case .text: Terminal.print(evaluation.diagnostics, backlogRoot: root)
        case .github: Terminal.write(CIAnnotations.github(shown))
        case .gitlab: Terminal.write(CIAnnotations.gitlab(shown))
        case .json: Terminal.write(DiagnosticsJSON.render(shown))
        }
        Terminal.err("checked \(Terminal.count(evaluation.ranked.count + evaluation.closed.count, "item")) in \(Terminal.count(evaluation.fileCount, "file")): \(Terminal.count(evaluation.errorCount, "error")), \(Terminal.count(evaluation.warningCount, "warning"))")
        if evaluation.errorCount > 0 || (strict && evaluation.warningCount > 0) {
            throw CommandFailure.invalidInput()
        }
    }
}

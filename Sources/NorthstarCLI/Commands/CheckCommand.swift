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

    func run() throws {
        let evaluation = try options.evaluate()
        KeptUntilExit.keep(evaluation)
        Terminal.print(evaluation.diagnostics, backlogRoot: evaluation.config.backlogPath)
        Terminal.err("checked \(Terminal.count(evaluation.ranked.count + evaluation.closed.count, "item")) in \(Terminal.count(evaluation.fileCount, "file")): \(Terminal.count(evaluation.errorCount, "error")), \(Terminal.count(evaluation.warningCount, "warning"))")
        if evaluation.errorCount > 0 || (strict && evaluation.warningCount > 0) {
            throw CommandFailure.invalidInput()
        }
    }
}

import ArgumentParser
import NorthstarCore
import NorthstarShell

/// `northstar explain ID`: how one item's score and rank come about.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how an item's score and rank come about.",
        discussion: """
            Prints the scoring formula with the item's own numbers (alignment per objective, \
            weighted need-reach per beneficiary group, confidence, cost), its rank, and what the \
            items just above and below it have that it does not. Exit status: 0 shown, 1 no \
            valid item has that id, 2 usage or I/O error.
            """)

    @Argument(help: ArgumentHelp("The item id, as in the backlog (e.g. FA-12).", valueName: "id"))
    var id: String

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let evaluation = try options.evaluate()
        KeptUntilExit.keep(evaluation)
        if let text = Explanation.render(id, in: evaluation) {
            Terminal.out(text, terminator: "")
            return
        }
        let known = evaluation.ranked.map(\.item.id) + evaluation.closed.map(\.id)
        let problems = evaluation.diagnostics.filter { $0.severity == .error && $0.message.contains("'\(id)'") }
        if !problems.isEmpty {
            Terminal.err("\(id) is not ranked because of errors:")
            Terminal.print(problems, backlogRoot: evaluation.config.backlogPath)
        } else {
            Terminal.err("no item with id '\(id)'\(Suggestion.hint(for: id, in: known))")
        }
        throw CommandFailure.invalidInput()
    }
}

extension Terminal {
    /// Writes text to standard output with a chosen terminator.
    static func out(_ text: String, terminator: String) {
        Swift.print(text, terminator: terminator)
    }
}

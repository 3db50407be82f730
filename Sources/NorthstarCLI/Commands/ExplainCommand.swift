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
            items just above and below it have that it does not, and the newest entry of the \
            change log (changes.jsonl in the output folder) that names it. An item that errors keep out \
            of the ranking is named with its errors. Exit status: 0 shown, 1 no ranked or \
            closed item has that id, 2 usage or I/O error.
            """)

    @Argument(help: ArgumentHelp("The item id, as in the backlog (e.g. FA-12).", valueName: "id"))
    var id: String

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let evaluation = RankPass.withUncertainty(try options.evaluate())
        KeptUntilExit.keep(evaluation)
        if let text = Explanation.render(id, in: evaluation) {
            Terminal.out(text, terminator: "")
            if let change = lastChange(config: evaluation.config) { Terminal.out("\n" + change) }
            return
        }
        let root = evaluation.config.backlogPath
        if let first = evaluation.unranked.byID[id] {
            // The item exists: say so, with every error of its file (the first one is its own).
            Terminal.err("\(id) is in the backlog but cannot be ranked until its errors are fixed:")
            let errors = evaluation.diagnostics.filter { $0.severity == .error && $0.path == first.path }
            Terminal.print(errors.isEmpty ? [first] : errors, backlogRoot: root)
        } else {
            let known = evaluation.ranked.map(\.item.id) + evaluation.closed.map(\.id)
            Terminal.err("no item with id '\(id)'\(Suggestion.hint(for: id, in: known))")
            let unreadable = evaluation.unranked.byFile.values.sorted()
            if !unreadable.isEmpty {
                Terminal.err("it may be in a file that could not be read:")
                Terminal.print(unreadable, backlogRoot: root)
            }
        }
        throw CommandFailure.invalidInput()
    }
}

extension ExplainCommand {
    /// What the change log (the newest few megabytes of `changes.jsonl`) last said about the item.
    func lastChange(config: Config) -> String? {
        let path = config.outputPath + "/" + ChangeLogWriter.jsonLinesName
        guard case .success(let bytes) = FileReader.readTail(path, maxBytes: 8 << 20) else { return nil }
        return ItemHistory.latest(id, in: bytes.split(separator: 0x0A), config: config)
    }
}

extension Terminal {
    /// Writes text to standard output with a chosen terminator.
    static func out(_ text: String, terminator: String) {
        Swift.print(text, terminator: terminator)
    }
}

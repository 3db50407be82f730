import ArgumentParser
import NorthstarCore
import NorthstarShell

/// `northstar next`: what the team can start now.
struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "List the items that can start now.",
        discussion: """
            Lists the open and in-progress items that nothing open blocks (every item they \
            depend on is done), with the reason each is there. With a capacity in the config, \
            the items the plan funds come first, in rank order, then the others; without one, \
            rank order. Exit status: 0 listed (even when nothing can start), 2 usage or I/O error.
            """)

    @Option(name: .short, help: ArgumentHelp("How many items to list.", valueName: "count"))
    var n: Int = 10

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard n > 0 else { throw ValidationError("-n must be at least 1") }
    }

    func run() throws {
        let evaluation = try options.evaluate()
        KeptUntilExit.keep(evaluation)
        Terminal.out(NextItems.render(evaluation, count: n), terminator: "")
    }
}

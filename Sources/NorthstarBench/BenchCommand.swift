import ArgumentParser
import Foundation

/// `northstar-bench`: generate benchmark corpora and measure the real binary on them.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "northstar-bench",
        abstract: "Generate benchmark backlogs and measure northstar on them.",
        subcommands: [Generate.self, Run.self],
        defaultSubcommand: Run.self)

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a deterministic corpus (tiny, team or org) and its config.")

        @Option(help: "tiny (60 items), team (1,000 items in 200 files) or org (100,000 items in 10,000 files).")
        var corpus = "team"
        @Option(help: "Random seed: the same seed gives the same bytes.")
        var seed = 42
        @Option(help: "Folder to write into (replaced).")
        var out: String

        func run() throws {
            guard let shape = CorpusGenerator.Shape.named(corpus) else { throw ValidationError("unknown corpus '\(corpus)'") }
            try CorpusGenerator(shape: shape, seed: seed).write(to: out)
            print("wrote \(shape.items) items in \(shape.files) files to \(out)")
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Measure cold rank, start-up, edit latency and bursts; print a table of medians.")

        @Option(name: .customLong("corpus"), help: "Corpora to measure (repeatable).")
        var corpora: [String] = ["team", "org"]
        @Option(help: "Random seed for the corpora.")
        var seed = 42
        @Option(help: "The northstar binary (default: beside this one).")
        var binary: String?
        @Option(help: "Working folder for the corpora (default: .bench).")
        var work = ".bench"
        @Option(help: "Cold rank runs per corpus (default: 10 for team and tiny, 5 for org).")
        var coldRuns: Int?
        @Option(help: "Daemon start-ups per corpus.")
        var readyRuns = 3
        @Option(help: "One-item edits per corpus.")
        var edits = 30
        @Option(help: "500-file bursts per corpus.")
        var bursts = 3

        func run() throws {
            let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
            let northstar = binary ?? here + "/northstar"
            guard FileManager.default.isExecutableFile(atPath: northstar) else { throw ValidationError("no northstar binary at \(northstar)") }
            var results: [Harness.Result] = []
            for name in corpora {
                guard let shape = CorpusGenerator.Shape.named(name) else { throw ValidationError("unknown corpus '\(name)'") }
                let harness = Harness(
                    binary: northstar, root: (work as NSString).standardizingPath + "/" + name,
                    generator: CorpusGenerator(shape: shape, seed: seed),
                    coldRuns: coldRuns ?? (name == "org" ? 5 : 10), readyRuns: readyRuns, edits: edits, bursts: bursts, settleMs: 150)
                results.append(try harness.run { FileHandle.standardError.write(Data(("  " + $0 + "\n").utf8)) })
            }
            print(Report.render(results, binary: northstar))
        }
    }
}

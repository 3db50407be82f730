import ArgumentParser
import NorthstarCore
import NorthstarShell

/// `northstar rank`: one pass — read, score, write the outputs, exit.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Score and rank the backlog once and write the outputs.",
        discussion: """
            Writes ranking.json, ranking.csv, RANKING.md and diagnostics.json into the output \
            folder (the formats the config lists), each atomically and only when its content \
            changes, and when the ranking changed since the last ranking.json there, appends an \
            entry to the change log (changes.jsonl and CHANGELOG.md). Diagnostics are printed \
            as path:line:col: severity: message, paths relative to the working folder.
            Exit status: 0 ranked cleanly, 1 the backlog or config has errors (valid items are \
            still ranked and written), 2 usage or I/O error.
            """)

    @OptionGroup var options: ConfigOptions
    @OptionGroup var outputOption: OutputOption

    @Flag(name: .shortAndLong, help: "Print nothing but diagnostics.")
    var quiet = false

    @Flag(help: "After ranking, print on stderr how long each step took (finding and reading the files, checking, scoring, ranking, writing the outputs, the change log) and how much memory it had used by then. For reporting or investigating a slow backlog; BENCHMARKS.md explains each step.")
    var timings = false

    func run() throws {
        let timer = timings ? PhaseTimer() : nil
        defer { if let timer { Terminal.err(timer.line); Terminal.err(timer.cpuLine); Terminal.err(timer.outputsLine); Terminal.err(timer.memoryLine) } }
        let evaluation = RankPass.withUncertainty(try options.evaluate(output: outputOption.output, timer: timer), timer: timer)
        KeptUntilExit.keep(evaluation)
        Terminal.print(evaluation.diagnostics, backlogRoot: evaluation.config.backlogPath)
        let snapshot = RankingSnapshot(evaluation)
        KeptUntilExit.keep(snapshot)
        timer?.mark("prepare")
        // Each item's lines are rendered as the outputs stream to temporaries (and not kept).
        // The previous ranking.json is read only if the new one differs from it.
        let published: RankingPublisher.Published
        do throws(RankingPublisher.Failure) {
            published = try RankingPublisher.publish(evaluation, lines: .rendered, snapshot: snapshot, baseline: .onDisk,
                                                     kind: .rank, files: [], phase: { timer?.mark($0) },
                                                     alongside: { timer?.record("change log", ms: $0) })
        } catch {
            throw CommandFailure.ioOrUsage(error.description)
        }
        let written = published.written, logged = published.logged
        for cost in published.costs { timer?.recordOutput(cost.file.fileName, ms: cost.milliseconds) }
        if !quiet {
            let out = Terminal.displayPath(evaluation.config.outputPath, backlogRoot: nil)
            Terminal.out("ranked \(evaluation.ranked.count) items from \(evaluation.fileCount) files (\(Terminal.count(evaluation.errorCount, "error")), \(Terminal.count(evaluation.warningCount, "warning"))) -> \(out)/")
            if let plan = evaluation.plan {
                Terminal.out("plan: \(PlanText.summary(plan, ranked: evaluation.ranked.count, config: evaluation.config))")
            }
            for w in written {
                Terminal.out("  \(w.changed ? "wrote    " : "unchanged") \(Terminal.displayPath(w.path, backlogRoot: nil))")
            }
            if logged != nil {
                Terminal.out("  appended \(Terminal.displayPath(evaluation.config.outputPath + "/" + ChangeLogWriter.jsonLinesName, backlogRoot: nil)) and \(ChangeLogWriter.markdownName)")
            }
        }
        if evaluation.errorCount > 0 { throw CommandFailure.invalidInput() }
    }
}

import NorthstarCore

/// Writes an evaluation's outputs into the output folder, each atomically and only when its
/// bytes change. The files are streamed to temporaries in parallel (`stage`), then put in place
/// together (`Batch.commit`), `ranking.json` last: a reader that sees a new `ranking.json` sees
/// every other output of the same pass too. Between the two, the caller appends the change-log
/// entry, so a crash never replaces the outputs without logging the change.
public enum OutputWriter {
    /// What happened to one output file.
    public struct Written: Sendable {
        /// Absolute path.
        public var path: String
        /// Whether new bytes were written (false: already up to date, left untouched).
        public var changed: Bool
    }

    /// What one output cost to render and flush (for `--timings` and the benchmarks: which
    /// output is the slowest).
    public struct Cost: Sendable {
        /// The output.
        public var file: OutputFile
        /// Milliseconds spent rendering it and streaming it to its temporary (or comparing it
        /// with the file already there).
        public var milliseconds: Double
    }

    /// A pass's outputs flushed to temporaries, not yet in place.
    public struct Batch: Sendable {
        let folder: String
        /// Every output in the fixed order of `OutputFiles.files`.
        let files: [OutputFile]
        /// The files whose bytes change, in commit order (`ranking.json` last).
        let staged: [AtomicFile.Staged]
        /// What each output cost, in the order they were staged.
        public let costs: [Cost]
        /// `report.html` but the newest change-log entry, rendered with the other outputs when
        /// the config asks for the report, and how long that took.
        let report: (parts: ReportPage.Parts, milliseconds: Double)?

        /// Puts the staged files in place. Returns what happened to every output, and (with
        /// `keepingReplaced`, as for `AtomicFile.commit`) the previous versions still to remove.
        public func commit(keepingReplaced: Bool = false) throws(ShellError) -> (written: [Written], replaced: AtomicFile.Replaced) {
            let replaced = try AtomicFile.commit(staged, keepingReplaced: keepingReplaced)
            let changed = Set(staged.map(\.path))
            return (files.map { Written(path: folder + "/" + $0.fileName, changed: changed.contains(folder + "/" + $0.fileName)) }, replaced)
        }

        /// Whether `file` gets new bytes (false: it already holds them).
        public func replaces(_ file: OutputFile) -> Bool {
            staged.contains { $0.path == folder + "/" + file.fileName }
        }

        /// Removes the temporaries; the outputs stay as they were.
        public func discard() { for s in staged { s.discard() } }

        /// The batch with `report.html` staged too (when the config asks for it), showing
        /// `latestChange` (the newest `CHANGELOG.md` entry); on failure the batch is discarded.
        public func addingReport(_ evaluation: Evaluation, latestChange: String?) throws(ShellError) -> Batch {
            guard files.contains(.report) else { return self }
            let begin = PhaseTimer.now()
            let parts = self.report?.parts ?? ReportPage.Parts(evaluation, pair: Parallel.pair)
            let report = OutputAssembly(whole: parts.page(latestChange: latestChange))
            let path = folder + "/" + OutputFile.report.fileName
            let added: AtomicFile.Staged?
            do throws(ShellError) {
                added = try AtomicFile.stage(report, for: path)
            } catch {
                discard()
                throw error
            }
            let milliseconds = PhaseTimer.milliseconds(since: begin) + (self.report?.milliseconds ?? 0)
            return Batch(folder: folder, files: files, staged: OutputWriter.commitOrder(staged + (added.map { [$0] } ?? []), in: folder),
                         costs: costs + [Cost(file: .report, milliseconds: milliseconds)], report: nil)
        }
    }

    /// What a side task run alongside the staging gave, and how long it took.
    public struct SideResult<Value: Sendable>: Sendable {
        /// Its value, or the error it threw.
        public var result: Result<Value, ShellError>
        /// Milliseconds it ran (for `--timings`).
        public var milliseconds: Double
    }

    /// Streams every output of `evaluation` to a flushed temporary beside it (the ranked items'
    /// lines taken from `lines`), leaving out those already up to date, while `alongside` runs
    /// on another core (the change-log entry, which must be appended before the batch is
    /// committed). Returns both results. All or nothing: when one output cannot be flushed,
    /// every temporary is removed and the error returned, so the folder never mixes two passes
    /// (the caller retries).
    public static func stage<Side: Sendable>(_ evaluation: Evaluation, lines: ItemLineSource,
                                             alongside: @Sendable () throws(ShellError) -> Side) -> (Result<Batch, ShellError>, SideResult<Side>) {
        let folder = evaluation.config.outputPath
        let side = WorkerResults<SideResult<Side>>(count: 1)
        @Sendable func runSide() -> SideResult<Side> {
            let begin = PhaseTimer.now()
            let result = Result { () throws(ShellError) in try alongside() }
            return SideResult(result: result, milliseconds: Double(PhaseTimer.now() - begin) / 1_000_000)
        }
        do throws(ShellError) {
            try POSIX.makeDirectories(folder)
        } catch {
            return (.failure(error), runSide())
        }
        AtomicFile.removeAbandonedTemporaries(in: folder)
        let files = OutputFiles.files(evaluation.config)
        // The report shows the newest change-log entry, so it is staged once that is decided
        // (`Batch.addingReport`); the rest of it is rendered here, with the other outputs.
        let streamed = files.filter { $0 != .report }
        let report = WorkerResults<(parts: ReportPage.Parts, milliseconds: Double)>(count: 1)
        // The largest file starts first and the side task second, so the other core takes the
        // side task, the report and then the smaller files meanwhile. `ranking.json` is also the
        // commit point, renamed last.
        let json = OutputFile.rankingJSON
        let work: [Work] = streamed.filter { $0 == json }.map(Work.file) + [.side] + (files.contains(.report) ? [.reportParts] : [])
            + streamed.filter { $0 != json }.map(Work.file)
        // Each worker streams one file through a small buffer into a temporary beside the
        // target (comparing it with the old file as it goes), so no output is whole in memory.
        let outcomes = Parallel.map(work.count, minimumChunk: 1) { index -> (Result<AtomicFile.Staged?, ShellError>, Cost?) in
            let file: OutputFile
            switch work[index] {
            case .side:
                side.set(0, runSide())
                return (.success(nil), nil)
            case .reportParts:
                let begin = PhaseTimer.now()
                let parts = ReportPage.Parts(evaluation, rows: lines.rows)
                report.set(0, (parts, PhaseTimer.milliseconds(since: begin)))
                return (.success(nil), nil)
            case .file(let f):
                file = f
            }
            let begin = PhaseTimer.now()
            let result = Result { () throws(ShellError) in
                try AtomicFile.stage(OutputFiles.assembly(file, evaluation, lines: lines), for: folder + "/" + file.fileName)
            }
            return (result, Cost(file: file, milliseconds: PhaseTimer.milliseconds(since: begin)))
        }
        // The side task has run once `Parallel.map` returns.
        let sideResult = side.values()[0]
        var staged: [AtomicFile.Staged] = []
        var firstFailure: ShellError?
        for (outcome, _) in outcomes {
            switch outcome {
            case .success(let s?): staged.append(s)
            case .success(nil): break
            case .failure(let error): firstFailure = firstFailure ?? error
            }
        }
        if let firstFailure {
            for s in staged { s.discard() }
            return (.failure(firstFailure), sideResult)
        }
        return (.success(Batch(folder: folder, files: files, staged: commitOrder(staged, in: folder), costs: outcomes.compactMap(\.1),
                               report: report.values().first)), sideResult)
    }

    /// One piece of `stage`'s work.
    private enum Work {
        /// Stream this output to its temporary.
        case file(OutputFile)
        /// The side task.
        case side
        /// Render the report but its change-log entry.
        case reportParts
    }

    /// `staged` in commit order: everything else first, `ranking.json` last (it is the commit
    /// point: a crash before it leaves the previous ranking in place).
    static func commitOrder(_ staged: [AtomicFile.Staged], in folder: String) -> [AtomicFile.Staged] {
        let json = folder + "/" + OutputFile.rankingJSON.fileName
        return staged.filter { $0.path != json } + staged.filter { $0.path == json }
    }
}

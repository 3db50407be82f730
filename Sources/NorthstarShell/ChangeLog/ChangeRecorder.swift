#if canImport(Glibc)
import Glibc
#endif
import NorthstarCore

/// Decides and writes the change-log entry for a new ranking: diff against the previous one,
/// name the trigger and the git commit, append when anything moved.
public enum ChangeRecorder {
    /// The ranking last written to the output folder, as the baseline after a restart; `nil`
    /// when there is none or it cannot be read (then the next entry is a "first ranking").
    public static func baseline(_ config: Config) -> RankingSnapshot? {
        let path = config.outputPath + "/" + OutputFile.rankingJSON.fileName
        // The layout this version writes is read a few megabytes at a time, the item lines of
        // each piece parsed across the cores; any other layout is read whole by the full parser.
        var reader = RankingSnapshot.LineReader()
        let streamed = FileReader.forEachBatchOfLines(path, limit: 512 << 20) { lines in
            reader.take(lines) { Parallel.map($0, minimumChunk: 1024, $1) }
        }
        guard case .success = streamed else { return nil }
        if let snapshot = reader.finish() { return snapshot }
        guard case .success(let bytes) = FileReader.read(path, limit: 512 << 20) else { return nil }
        return RankingSnapshot.parsed(String(decoding: bytes, as: UTF8.self))
    }

    /// The ranking a new one is compared with.
    public enum Baseline: Sendable {
        /// Held in memory (a long-running process's previous pass); `nil`: there was none.
        case known(RankingSnapshot?)
        /// The `ranking.json` in the output folder, read only when the new one differs from it.
        case onDisk
        /// This very ranking, whose entry (if any) is already in the log: the outputs are
        /// written again with more in them (how sure the ranking is), and nothing is compared.
        case logged
    }

    /// What `stageAndRecord` did.
    public struct Outcome: Sendable {
        /// The outputs flushed to temporaries (to commit), or why they could not be.
        public var staged: Result<OutputWriter.Batch, ShellError>
        /// The change-log entry appended (`nil` inside: the ranking did not change), or why it
        /// could not be; `nil` when the new ranking was not compared with the baseline at all
        /// (the outputs could not be staged, so the baseline stays what it was).
        public var logged: Result<ChangeSet?, ShellError>?
        /// How long the change log took on another core while the outputs were staged; `nil`
        /// when it ran after them (its phases were reported then).
        public var alongsideMilliseconds: Double?
    }

    /// Streams the outputs of `evaluation` to temporaries and appends the change-log entry from
    /// `baseline` to `snapshot` — the entry before the outputs are committed, so a crash repeats
    /// it rather than losing it. A baseline in memory is compared on another core while the
    /// outputs stream. A baseline on disk is read only when the new `ranking.json` differs from
    /// the old one: identical bytes are an identical ranking (everything the change log compares
    /// is in that file), so no entry is due, and the 100,000-line file need not be parsed at all.
    /// `phase` is told when each step run after the staging ends ("render+flush", "baseline",
    /// "change log"), for `--timings`.
    public static func stageAndRecord(_ evaluation: Evaluation, lines: ItemLineSource, snapshot: RankingSnapshot, baseline: Baseline,
                                      kind: ChangeTrigger.Kind, files: [String], phase: (String) -> Void = { _ in }) -> Outcome {
        let config = evaluation.config
        let json = OutputFile.rankingJSON
        var known: RankingSnapshot??
        switch baseline {
        case .logged:
            let (staged, _) = OutputWriter.stage(evaluation, lines: lines) { () throws(ShellError) in () }
            phase("render+flush")
            return Outcome(staged: withReport(staged, evaluation, phase: phase), logged: .success(nil), alongsideMilliseconds: nil)
        case .known(let previous): known = .some(previous)
        case .onDisk:
            // Nothing to read: the entry is a first ranking, worked out alongside.
            if !isEnabled(config) || POSIX.status(config.outputPath + "/" + json.fileName) == nil { known = .some(nil) }
        }
        if let known {
            let (staged, side) = OutputWriter.stage(evaluation, lines: lines) { () throws(ShellError) in
                try record(from: known, to: snapshot, unranked: evaluation.unranked, kind: kind, files: files, config: config)
            }
            phase("render+flush")
            return Outcome(staged: withReport(staged, evaluation, phase: phase), logged: side.result, alongsideMilliseconds: side.milliseconds)
        }
        let (staged, _) = OutputWriter.stage(evaluation, lines: lines) { () throws(ShellError) in () }
        phase("render+flush")
        guard case .success(let batch) = staged else { return Outcome(staged: staged, logged: nil, alongsideMilliseconds: nil) }
        guard batch.replaces(json) else {
            return Outcome(staged: withReport(staged, evaluation, phase: phase), logged: .success(nil), alongsideMilliseconds: nil)
        }
        let previous = self.baseline(config)
        phase("baseline")
        let logged = Result { () throws(ShellError) in try record(from: previous, to: snapshot, unranked: evaluation.unranked, kind: kind, files: files, config: config) }
        phase("change log")
        return Outcome(staged: withReport(staged, evaluation, phase: phase), logged: logged, alongsideMilliseconds: nil)
    }

    /// `staged` with `report.html` added, showing the newest `CHANGELOG.md` entry now that this
    /// pass's entry (if any) is appended.
    static func withReport(_ staged: Result<OutputWriter.Batch, ShellError>, _ evaluation: Evaluation,
                           phase: (String) -> Void) -> Result<OutputWriter.Batch, ShellError> {
        guard case .success(let batch) = staged, evaluation.config.formats.contains(.html) else { return staged }
        var latest: String?
        if case .success(let bytes) = FileReader.read(evaluation.config.outputPath + "/" + ChangeLogWriter.markdownName, limit: 64 << 20) {
            latest = ChangeLogMarkdown.newestEntry(of: String(decoding: bytes, as: UTF8.self))
        }
        let added = Result { () throws(ShellError) in try batch.addingReport(evaluation, latestChange: latest) }
        phase("report")
        return added
    }

    /// Whether the change log can be kept: it needs `ranking.json` as its memory across restarts.
    public static func isEnabled(_ config: Config) -> Bool { config.formats.contains(.json) }

    /// Appends the entry from `previous` to `current` when the ranking changed. Returns it.
    /// `unranked` (the new evaluation's) tells items kept out by an error from deleted ones.
    @discardableResult
    public static func record(from previous: RankingSnapshot?, to current: RankingSnapshot, unranked: UnrankedItems = UnrankedItems(),
                              kind: ChangeTrigger.Kind, files: [String], config: Config) throws(ShellError) -> ChangeSet? {
        guard isEnabled(config) else { return nil }
        var change = RankingDiff.diff(from: previous ?? .empty, to: current, trigger: ChangeTrigger(kind: kind, files: files), time: utcNow(),
                                      unranked: unranked)
        guard !change.isEmpty else { return nil }
        change.trigger.commit = commit(for: files, config: config)
        try ChangeLogWriter.append(change, config: config)
        return change
    }

    /// The commit an entry for `files` can name: HEAD, marked uncommitted when those files (the
    /// whole backlog for a start-up or a one-off rank, which name none) differ from it. None
    /// outside a work tree, when HEAD does not hold the backlog (ignored, or never committed), or
    /// when git cannot tell in time: no commit is ever credited with a change it may not hold.
    static func commit(for files: [String], config: Config) -> GitCommitInfo? {
        guard let git = GitWorkTree.containing(config.backlogPath), var commit = git.headCommit(),
              git.headHolds(config.backlogPath) == true else { return nil }
        let paths = files.isEmpty ? [config.backlogPath] : files.map { Paths.resolve($0, against: config.backlogPath) }
        guard let uncommitted = git.hasUncommittedChanges(paths) else { return nil }
        commit.uncommitted = uncommitted
        return commit
    }

    /// The current UTC time as ISO 8601 (`2026-11-24T06:10:00Z`).
    public static func utcNow() -> String {
        var now = time(nil)
        var t = tm()
        gmtime_r(&now, &t)
        func pad(_ v: Int32, _ width: Int = 2) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1))-\(pad(t.tm_mday))T\(pad(t.tm_hour)):\(pad(t.tm_min)):\(pad(t.tm_sec))Z"
    }
}

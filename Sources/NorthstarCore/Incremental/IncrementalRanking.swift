/// What a long-running process remembers between ranking passes, and the order it is used in:
/// each file's parse (with the last good version of a file that broke), each ranked item's
/// checks, score, lines and change-log entry, and the previous evaluation, which a small edit
/// updates in place. It owns its invalidation: the remembered work follows the ranking policy
/// (`RankingMemo`), the in-place update applies only where it equals a full pass
/// (`EvaluationUpdate`), and the record of changed files is cleared once they are evaluated.
/// Pure: the shell reads files into `files` and hands out the cores through `map`.
public struct IncrementalRanking: Sendable {
    /// Every backlog file's parse, and which changed since the last evaluation.
    public var files = BacklogState()
    /// Each ranked item's work from the previous pass.
    private var memo = RankingMemo()
    /// The previous pass's evaluation.
    private var last: Evaluation?
    /// What an update gathered of its items' remembered work while its plan was made, for the
    /// `prepare` that follows it.
    private var gathered: RankingMemo.Gathered?

    /// Nothing remembered yet.
    public init() {}

    /// Forgets every file (the backlog folder moved); remembered item work stays until the
    /// ranking policy changes.
    public mutating func forgetFiles() {
        files = BacklogState()
        last = nil
    }

    /// The evaluation of the files as they are now under `config`, with `headDiagnostics` (the
    /// config's and the scan's) first. With `mayUpdate`, a few files edited in place update the
    /// previous evaluation (handed over, so its ranking changes in place); anything else is a
    /// full pass that reuses each unchanged item's remembered work. Returns whether it was an
    /// update, and the ids kept at their last good version (stale). `phase`, `map` and `pair`
    /// are as for `Evaluation.evaluate`.
    public mutating func evaluate(config: Config, headDiagnostics: [Diagnostic], mayUpdate: Bool,
                                  phase: (String) -> Void = { _ in },
                                  map: (Int, @Sendable (Int) -> ScoredItem) -> [ScoredItem] = { n, f in (0..<n).map(f) },
                                  pair: WorkPair = .serial)
        -> (evaluation: Evaluation, updatedInPlace: Bool, staleIDs: Set<String>) {
        // An update reads only the changed files; the whole list is made for a full pass.
        let staleIDs = files.staleIDs()
        var updated: Evaluation?
        gathered = nil
        if mayUpdate, let previous = last.take() {
            // The items' remembered work is gathered on the other core while the plan is set up
            // (the memo is only read; `prepare` remembers). Past a few hundred items to render,
            // they are left to `prepare`, which spreads them over the cores.
            let slot = Slot<RankingMemo.Gathered>(), memo = memo
            updated = EvaluationUpdate.apply(files.changes(), to: consume previous, config: config, configDiagnostics: headDiagnostics,
                                             staleIDs: staleIDs, fileCount: files.fileCount, memo: memo, pair: pair) { ranked, itemChecks in
                if let g = memo.gather(ranked, config: config, itemChecks: itemChecks, renderingAtMost: 256) { slot.put(g) }
            }
            if updated != nil { gathered = slot.take() }
        }
        let evaluation = updated ?? Evaluation.evaluate(files.effectiveFiles().files, config: config, configDiagnostics: headDiagnostics,
                                                        staleIDs: staleIDs, memo: memo, phase: phase, map: map, pair: pair,
                                                        keepsPlanItems: true)
        last = evaluation
        files.clearChanges()
        return (evaluation, updated != nil, staleIDs)
    }

    /// Each ranked item's lines, the closed items' part of `ranking.json` and the change-log
    /// snapshot of `e` (the evaluation just made), reusing remembered work and remembering the
    /// new; `map` as for `RankingMemo.prepare`.
    public mutating func prepare(_ e: Evaluation, map: ([Int], @Sendable (Int) -> RankingMemo.RememberedItem) -> [RankingMemo.RememberedItem] = { $0.map($1) })
        -> (rows: [ItemLines], closedJSON: [UInt8], snapshot: RankingSnapshot, rendered: Int) {
        memo.prepare(e, gathered: gathered.take(), map: map)
    }
}

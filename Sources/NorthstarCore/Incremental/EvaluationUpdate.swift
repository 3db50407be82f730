/// The evaluation after a few files changed, worked out from the previous one instead of from
/// every file: the daemon's answer to someone saving one item in a 100,000-item backlog.
///
/// It applies only to changes that cannot alter anything the whole backlog decides together —
/// duplicate ids, dependencies on unknown items, dependency cycles, items rejected by their
/// checks, stale items. So every changed file must have been there before and still be, declare
/// the same ids in the same order with every item valid in both versions, keep each item's
/// `depends_on`, and have had no cross-file diagnostic and no error. Estimates, titles, owners,
/// objectives, statuses and comments may change freely; that is what people edit. Anything else
/// returns `nil` and the caller runs the full `Evaluation.evaluate`, whose result this equals
/// exactly (a property test holds the two together). Pure.
public enum EvaluationUpdate {
    /// Diagnostics only a pass over the whole backlog can settle.
    static let crossFileCodes: Set<DiagnosticCode> = [.duplicateID, .unknownDependency, .dependencyCycle]

    /// The evaluation of the backlog after `changes` (each file's effective version before and
    /// after, as `BacklogState` gives them), given the `previous` evaluation and the memo of its
    /// items under `config`; `nil` when only a full pass can tell.
    /// The other arguments are those `Evaluation.evaluate` would be given. Hand `previous` over
    /// (it is consumed): its 100,000-entry ranking is then updated in place rather than copied.
    /// `alongsidePlan`, when given, is called once with the new ranking and its items' config
    /// checks if there is an update: beside the plan's set-up when there is a plan (on the other
    /// core when `pair` has two), first otherwise (see `Evaluation.linkAndPlan`).
    public static func apply(_ changes: [(before: ParsedFile?, after: ParsedFile?)], to previous: consuming Evaluation,
                             config: Config, configDiagnostics: [Diagnostic], staleIDs: Set<String>,
                             fileCount: Int, memo: RankingMemo, pair: WorkPair = .serial,
                             alongsidePlan: (@Sendable (_ ranked: [RankedItem], _ itemChecks: [String: [Diagnostic]]) -> Void)? = nil)
        -> Evaluation? {
        // Each changed item moves within a 100,000-entry array; past a few dozen files (a
        // `git pull`), the full pass costs about the same and settles everything.
        // A ranking reordered by dependencies is worked out afresh.
        guard config.dependencyOrder == .ignore, previous.config.dependencyOrder == .ignore else { return nil }
        guard previous.config.rankingPolicy == config.rankingPolicy, memo.holds(config), staleIDs.isEmpty, fileCount == previous.fileCount,
              !changes.isEmpty, changes.count <= 64 else { return nil }
        // The config's and the scan's diagnostics come first, as before.
        let head = configDiagnostics.sorted()
        guard previous.diagnostics.count >= head.count, previous.diagnostics.starts(with: head) else { return nil }
        // The plan's come last, and the new plan makes its own.
        let plan = previous.planDiagnostics.sorted()
        let body = previous.diagnostics.dropFirst(head.count)
        guard body.count >= plan.count, body.suffix(plan.count).elementsEqual(plan) else { return nil }

        guard let pairs = editedInPlace(changes),
              var kept = diagnosticsKept(body.dropLast(plan.count), changedPaths: Set(pairs.map(\.after.path)))
        else { return nil }
        // Nothing was stale before either (stale flags would have to be worked out again).
        guard !previous.ranked.contains(where: \.isStale) else { return nil }

        let context = ItemChecks.Context(config)
        let scoring = ScoringContext(config)
        // Taken out of `previous`, so that when it held the only reference they change in place.
        var ranked = previous.ranked, closed = previous.closed, itemChecks = previous.itemChecks
        // What the plan read of the items, and the links, are moved along with the ranking
        // rather than read again from every item, when their config is the same.
        var planItems = previous.config == config ? previous.planItems : nil
        var columns: ContextColumns? = previous.contextColumns
        let rankedBefore = previous.ranked.count
        previous.ranked = []
        previous.closed = []
        previous.itemChecks = [:]
        previous.planItems = nil
        previous.contextColumns = ContextColumns()
        // The links stay as they were, but for the order of what an item unblocks, when no edit
        // brings an item into the ranking or out of it, or makes one done or no longer done.
        var linksKeep = true
        var added: [ScoredItem] = []
        var addedClosed: [Item] = []
        var leaving: [(at: Int, id: String)] = []
        var leavingClosed: [Int] = []
        for (before, after) in pairs {
            kept += after.diagnostics
            for (old, new) in zip(before.items, after.items) {
                if old.status.isRanked != new.status.isRanked || (old.status == .done) != (new.status == .done) { linksKeep = false }
                // Where the old version stands.
                if old.status.isRanked {
                    guard let s = memo.scored(old), let at = position(of: s, in: ranked) else { return nil }
                    leaving.append((at, old.id))
                } else {
                    guard let at = position(of: old.id, in: closed) else { return nil }
                    leavingClosed.append(at)
                }
                itemChecks[old.id] = nil
                // The new version's checks and score.
                let checks = memo.checks(new) ?? ItemChecks.check(new, context)
                guard !checks.contains(where: { $0.severity == .error }) else { return nil }
                if !checks.isEmpty {
                    itemChecks[new.id] = checks
                    kept += checks
                }
                if new.status.isRanked {
                    added.append(memo.scored(new) ?? Scoring.score(new, context: scoring))
                } else {
                    addedClosed.append(new)
                }
            }
        }
        // Old versions out (from the back, so positions stay valid), new ones in at their place.
        for at in leaving.map(\.at).sorted(by: >) { ranked.remove(at: at) }
        for at in leavingClosed.sorted(by: >) { closed.remove(at: at) }
        var arriving: [(at: Int, scored: ScoredItem)] = []
        for s in added {
            let at = insertionPoint(of: s, in: ranked)
            ranked.insert(RankedItem(rank: 0, scored: s, isStale: false), at: at)
            arriving.append((at, s))
        }
        for item in addedClosed { closed.insert(item, at: insertionPoint(of: item.id, in: closed)) }
        for index in ranked.indices { ranked[index].rank = index + 1 }
        // Handed over, so that the rows move in place rather than being copied.
        let items = planItems.take()?.moving(from: rankedBefore, leaving: leaving, arriving: arriving, keepingLinks: linksKeep)
        let links = linksKeep ? items.map { previous.links.reordered(moved: added.map(\.item.id), position: $0.place(of:)) } : nil
        // The links by place move the same way, when the links themselves are kept.
        let movedColumns = links.flatMap { links in
            items.flatMap { items in
                columns.take()?.moving(from: rankedBefore, leaving: leaving.map(\.at), arriving: arriving.map { ($0.at, $0.scored.item.id) },
                                       links: links) { items.place(of: $0) }
            }
        }
        // The changed files had no error and have none: what was unranked elsewhere still is.
        var evaluation = Evaluation(config: config, ranked: ranked, closed: closed, diagnostics: head + kept.sorted(),
                                    fileCount: fileCount, itemChecks: itemChecks, unranked: previous.unranked)
        let alongside = alongsidePlan.map { work in
            { @Sendable [ranked = evaluation.ranked, itemChecks = evaluation.itemChecks] in work(ranked, itemChecks) }
        }
        evaluation.linkAndPlan(pair, keepingPlanItems: true, known: (links, items, movedColumns), alongside: alongside)
        return evaluation
    }

    /// The changed files as (before, after) pairs, when every one was edited in place: there
    /// before and after, readable both times, declaring the same ids in the same order with every
    /// item valid in both versions and the same `depends_on`; nil otherwise.
    static func editedInPlace(_ changes: [(before: ParsedFile?, after: ParsedFile?)]) -> [(before: ParsedFile, after: ParsedFile)]? {
        var pairs: [(before: ParsedFile, after: ParsedFile)] = []
        for change in changes {
            guard let before = change.before, let after = change.after, before.path == after.path,
                  !before.isUnreadable, !after.isUnreadable else { return nil }
            let ids = before.declaredIDs.map(\.id)
            guard after.declaredIDs.map(\.id) == ids, before.items.map(\.id) == ids, after.items.map(\.id) == ids,
                  zip(before.items, after.items).allSatisfy({ $0.dependsOn == $1.dependsOn }) else { return nil }
            pairs.append((before, after))
        }
        return pairs
    }

    /// The previous diagnostics of the files that did not change; nil when a changed file had an
    /// error or a diagnostic only the whole backlog can settle (then the full pass must decide).
    static func diagnosticsKept(_ previous: ArraySlice<Diagnostic>, changedPaths: Set<String>) -> [Diagnostic]? {
        var kept: [Diagnostic] = []
        kept.reserveCapacity(previous.count)
        for d in previous {
            guard changedPaths.contains(d.path) else { kept.append(d); continue }
            guard d.severity != .error, !crossFileCodes.contains(d.code) else { return nil }
        }
        return kept
    }

    /// The first position in `ranked` that `s` does not come after (`Ranking.precedes`).
    static func insertionPoint(of s: ScoredItem, in ranked: [RankedItem]) -> Int {
        var low = 0, high = ranked.count
        while low < high {
            let mid = (low + high) / 2
            if Ranking.precedes(ranked[mid].scored, s) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Where `s` (the very item, by id and score) stands in `ranked`.
    static func position(of s: ScoredItem, in ranked: [RankedItem]) -> Int? {
        let at = insertionPoint(of: s, in: ranked)
        guard at < ranked.count, ranked[at].scored.score == s.score, ranked[at].item.id == s.item.id else { return nil }
        return at
    }

    /// The first position in `closed` (ordered by id) whose id does not come before `id`.
    static func insertionPoint(of id: String, in closed: [Item]) -> Int {
        var low = 0, high = closed.count
        while low < high {
            let mid = (low + high) / 2
            if closed[mid].id.utf8.lexicographicallyPrecedes(id.utf8) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Where the item `id` stands in `closed`.
    static func position(of id: String, in closed: [Item]) -> Int? {
        let at = insertionPoint(of: id, in: closed)
        return at < closed.count && closed[at].id == id ? at : nil
    }
}

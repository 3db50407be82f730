/// What each ranked item's row says about the other items — what blocks it, what it unblocks,
/// whether the plan funds it — by its place in the ranking. Worked out once per ranking from
/// the links and the plan, so that each output reads it by place: looking every row's id up in
/// the links and the funded set again, in each output, cost more than writing the rows.
struct ContextColumns: Sendable {
    /// The number of ranked items these columns were worked out for (0: none worked out).
    private(set) var count = 0
    /// Each ranked item's open dependencies, in the order written (empty when none).
    private var blockedBy = RowLists(count: 0)
    /// The ranked items that depend on each ranked item, in rank order (empty when none).
    private var unblocks = RowLists(count: 0)
    /// Whether the plan funds each ranked item (empty without a plan).
    private var funded: [Bool] = []
    /// Whether there is a plan (kept here, so that a row reads one flag, not the plan).
    private var hasPlan = false

    /// No columns: each output looks the context up by id.
    init() {}

    /// The columns of `count` ranked items, `position` giving a ranked item's place by id (for
    /// the links, and for funding when the plan does not carry it by place).
    init(count: Int, links: DependencyLinks, plan: Plan?, position: (String) -> Int?) {
        self.count = count
        // Only the linked and funded items are looked up; an id that is not ranked (a
        // dependency that is closed but not done) has no row.
        blockedBy = RowLists(count: count, lists: links.blockedBy.compactMap { id, list in position(id).map { ($0, list) } })
        unblocks = RowLists(count: count, lists: links.unblocks.compactMap { id, list in position(id).map { ($0, list) } })
        fund(plan, position: position)
    }

    /// These columns after the ranking they were worked out for changed as `EvaluationUpdate`
    /// changes it — the rows at `leaving` taken out, from the last, then each of `arriving` put
    /// in at its place, in turn — when the change keeps `links` but for the order of what an
    /// item unblocks (`DependencyLinks.reordered`): the arriving items' lists, and the lists
    /// that hold one of them, are read from `links` again; every other row's lists move with it.
    /// Funding is set by `fund`. Nil when these are not columns of a ranking of `count` items.
    consuming func moving(from count: Int, leaving: [Int], arriving: [(at: Int, id: String)], links: DependencyLinks,
                          position: (String) -> Int?) -> ContextColumns? {
        guard self.count == count, blockedBy.count == count, unblocks.count == count else { return nil }
        var moved = self
        for at in leaving.sorted(by: >) {
            moved.blockedBy.remove(at: at)
            moved.unblocks.remove(at: at)
        }
        for (at, id) in arriving {
            moved.blockedBy.insert(links.blockedBy[id] ?? [], at: at)
            moved.unblocks.insert(links.unblocks[id] ?? [], at: at)
        }
        for (_, id) in arriving {
            for dep in links.blockedBy[id] ?? [] { if let at = position(dep) { moved.unblocks.replace(at, with: links.unblocks[dep] ?? []) } }
        }
        moved.count = moved.blockedBy.count
        moved.funded = []
        moved.hasPlan = false
        return moved
    }

    /// Sets the funding column from `plan` (none without one).
    mutating func fund(_ plan: Plan?, position: (String) -> Int?) {
        hasPlan = plan != nil
        funded = []
        guard let plan else { return }
        if plan.fundedByPlace.count == count {
            funded = plan.fundedByPlace
        } else {
            funded = Array(repeating: false, count: count)
            for id in plan.funded { if let at = position(id) { funded[at] = true } }
        }
    }

    /// `body` given the context of the ranked item at `index` (what blocks it, what it unblocks,
    /// whether the plan funds it), borrowed for the call: from the columns when they were worked
    /// out for this ranking, else looked up by `id`.
    func withContext<R>(_ index: Int, id: String, _ e: Evaluation,
                        _ body: (_ blockedBy: UnsafeBufferPointer<String>, _ unblocks: UnsafeBufferPointer<String>, _ funded: Bool?) -> R) -> R {
        let funded = funded(index, id: id, e)
        guard count == e.ranked.count, index < count else {
            let (b, u) = (e.links.blockedBy[id] ?? [], e.links.unblocks[id] ?? [])
            return b.withUnsafeBufferPointer { b in u.withUnsafeBufferPointer { u in body(b, u, funded) } }
        }
        return blockedBy.withList(index) { b in unblocks.withList(index) { u in body(b, u, funded) } }
    }

    /// The context of the ranked item at `index` as arrays (see `withContext`).
    func context(_ index: Int, id: String, _ e: Evaluation) -> (blockedBy: [String], unblocks: [String], funded: Bool?) {
        withContext(index, id: id, e) { (Array($0), Array($1), $2) }
    }

    /// Whether the plan funds the ranked item at `index` (nil without a plan): from the column
    /// when it was worked out for this ranking, else looked up by `id` (only then worked out:
    /// a caller's id may sit behind a reference the column saves reaching).
    func funded(_ index: Int, id: @autoclosure () -> String, _ e: Evaluation) -> Bool? {
        guard count == e.ranked.count, index < count else { return e.plan.map { $0.isFunded(id()) } }
        return hasPlan ? funded[index] : nil
    }
}

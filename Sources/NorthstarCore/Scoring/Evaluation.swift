/// Everything Northstar knows after one pass over a backlog: the ranking, the items left out
/// of it, and every diagnostic. All outputs are rendered from this value.
public struct Evaluation: Sendable {
    /// The config used.
    public var config: Config
    /// Open and in-progress items, best first.
    public internal(set) var ranked: [RankedItem]
    /// Done and dropped items (valid, not ranked), by id.
    public var closed: [Item]
    /// Every problem, config ones first, then by file and position.
    public var diagnostics: [Diagnostic]
    /// How many backlog files were read.
    public var fileCount: Int
    /// The config checks (`ItemChecks`) of each ranked or closed item that has any, by id:
    /// what a long-running process remembers with the item.
    public var itemChecks: [String: [Diagnostic]] = [:]
    /// Declared items that errors keep out of the ranking, and files that could not be read.
    public var unranked = UnrankedItems()
    /// What blocks each ranked item and what it unblocks.
    public internal(set) var links = DependencyLinks()
    /// The budget plan, when the config has a capacity.
    public internal(set) var plan: Plan?
    /// The links and the plan by place in the ranking, for the outputs' rows; worked out with
    /// them, so never left from another ranking.
    var contextColumns = ContextColumns()
    /// The plan's own problems (a `must` that does not fit, a floor no plan meets), which are
    /// also among `diagnostics`.
    public var planDiagnostics: [Diagnostic] = []
    /// How sure the ranking is (the Monte Carlo over the estimates' ranges), once worked out
    /// for exactly this ranking; nil when the config turns it off or it is not done yet.
    public var uncertainty: RankUncertainty?
    /// What the plan read of the ranked items, kept (by a long-running process) so that the
    /// next small edit moves a few rows instead of reading every item again.
    var planItems: PlanItems?

    /// Reads `files` against `config`: validates, scores, ranks. `staleIDs` names items whose
    /// values are last-good copies kept by the daemon. Pure and deterministic: the same files
    /// in any order give the same evaluation.
    /// `phase` is told when each step ends ("validate", "score", "rank"), so a caller can time
    /// them; it changes nothing in the result.
    /// `memo` supplies checks and scores done by an earlier pass for unchanged items (see `RankingMemo`).
    /// `map` applies its function to `0..<count` in order (the shell spreads that over the cores);
    /// `pair` runs two independent parts of the plan stage side by side.
    public static func evaluate(_ files: [ParsedFile], config: Config, configDiagnostics: [Diagnostic] = [], staleIDs: Set<String> = [],
                                memo: RankingMemo? = nil, phase: (String) -> Void = { _ in },
                                map: (Int, @Sendable (Int) -> ScoredItem) -> [ScoredItem] = { n, f in (0..<n).map(f) },
                                pair: WorkPair = .serial) -> Evaluation {
        evaluate(files, config: config, configDiagnostics: configDiagnostics, staleIDs: staleIDs, memo: memo, phase: phase,
                 map: map, pair: pair, keepsPlanItems: false)
    }

    /// `evaluate` above; with `keepsPlanItems`, what the plan read of the items is kept for
    /// `EvaluationUpdate`.
    static func evaluate(_ files: [ParsedFile], config: Config, configDiagnostics: [Diagnostic], staleIDs: Set<String>,
                         memo: RankingMemo?, phase: (String) -> Void, map: (Int, @Sendable (Int) -> ScoredItem) -> [ScoredItem],
                         pair: WorkPair, keepsPlanItems: Bool) -> Evaluation {
        let memo = memo.flatMap { $0.holds(config) ? $0 : nil }
        let outcome = BacklogValidator.validate(files, config: config, remembered: { memo?.checks($0) })
        phase("validate")
        let context = ScoringContext(config)
        let open = outcome.items.filter { $0.status.isRanked }
        let scored = map(open.count) { memo?.scored(open[$0]) ?? Scoring.score(open[$0], context: context) }
        phase("score")
        let ranked = Ranking.rank(scored, staleIDs: staleIDs)
        phase("rank")
        let closed = outcome.items.filter { !$0.status.isRanked }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var evaluation = Evaluation(config: config, ranked: ranked, closed: closed,
                                    diagnostics: configDiagnostics.sorted() + outcome.diagnostics,
                                    fileCount: files.count, itemChecks: outcome.itemChecks, unranked: outcome.unranked)
        evaluation.linkAndPlan(pair, keepingPlanItems: keepsPlanItems)
        phase("plan")
        return evaluation
    }

    /// The stage after ranking: the dependency links, the order they give when blockers inherit
    /// their place, and the budget plan, whose problems join the diagnostics. `pair` runs
    /// independent parts side by side when the shell hands out two cores.
    /// With `keepingPlanItems`, what the plan read of the items stays in `planItems`. `known`
    /// gives the links, that reading and the links by place (used only with those links) when
    /// the caller has them for this very ranking (an update that moved a few items); nil parts
    /// are worked out here. `alongside`, when given, runs once: beside the plan's set-up on the
    /// other core when there is a plan, first otherwise.
    mutating func linkAndPlan(_ pair: WorkPair = .serial, keepingPlanItems: Bool = false,
                              known: (links: DependencyLinks?, items: PlanItems?, columns: ContextColumns?) = (nil, nil, nil),
                              alongside: (@Sendable () -> Void)? = nil) {
        // Worked out for a ranking, never carried over to another.
        uncertainty = nil
        planItems = nil
        if config.dependencyOrder == .inherit || config.capacity == nil {
            alongside?()
            links = DependencyLinks(ranked: ranked, closed: closed)
            if config.dependencyOrder == .inherit { ranked = links.inheritOrder(ranked) }
            plan = Planner.plan(ranked, links: links, config: config, pair: pair)
            var index: [String: Int] = [:]
            if !links.isEmpty || (plan.map { $0.fundedByPlace.count != ranked.count } ?? false) {
                index.reserveCapacity(ranked.count)
                for (i, r) in ranked.enumerated() { index[r.item.id] = i }
            }
            contextColumns = ContextColumns(count: ranked.count, links: links, plan: plan) { index[$0] }
        } else {
            // The links and the plan's reading of the items are independent passes over them.
            let (ranked, closed, config) = (self.ranked, self.closed, self.config)
            let (links, read) = pair.both({ known.links ?? DependencyLinks(ranked: ranked, closed: closed) },
                                          { known.items ?? PlanItems(ranked, config: config) })
            var items = read
            // Kept with the rows for the next update, which then finds the dependencies by place.
            if items.edges == nil { items.link(links) }
            self.links = links
            plan = Planner.plan(ranked, links: links, config: config, items: items, pair: pair, alongside: alongside)
            if known.links != nil, var columns = known.columns, columns.count == ranked.count {
                columns.fund(plan) { items.place(of: $0) }
                contextColumns = columns
            } else {
                contextColumns = ContextColumns(count: ranked.count, links: links, plan: plan) { items.place(of: $0) }
            }
            if keepingPlanItems { planItems = items }
        }
        planDiagnostics = plan?.diagnostics ?? []
        // After the config's and the backlog's own: the plan is made from them.
        diagnostics += planDiagnostics.sorted()
    }

    /// Number of error diagnostics.
    public var errorCount: Int { diagnostics.errorCount }
    /// Number of warning diagnostics.
    public var warningCount: Int { diagnostics.warningCount }

    /// The ranked item with `id`.
    public func ranked(_ id: String) -> RankedItem? { ranked.first { $0.item.id == id } }
}

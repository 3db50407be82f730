/// Makes the budget plan of an evaluation (README: "The plan"): turns the ranked items into a
/// `PlanProblem` (value, cost, open dependencies, pins, floor parts), solves it, and compares
/// it with funding down the list. Pure.
public enum Planner {
    /// The plan for `ranked` under `config`'s capacity and floors, or nil without a capacity.
    /// `items` is what `PlanItems` read of the ranked items, when already read; `pair` runs the
    /// plan and its frontier side by side when the shell hands out two cores.
    public static func plan(_ ranked: [RankedItem], links: DependencyLinks, config: Config, pair: WorkPair = .serial) -> Plan? {
        plan(ranked, links: links, config: config, items: nil, pair: pair)
    }

    /// `alongside`, when given, runs once, beside the plan's set-up on the other core (the
    /// set-up is the one part of the plan that keeps to one core).
    static func plan(_ ranked: [RankedItem], links: DependencyLinks, config: Config, items: PlanItems?, pair: WorkPair,
                     alongside: (@Sendable () -> Void)? = nil) -> Plan? {
        guard let capacity = config.capacity else {
            alongside?()
            return nil
        }
        let build = { @Sendable () -> PlanSetup in
            var setup = PlanSetup(ranked, items: items ?? PlanItems(ranked, config: config), links: links, config: config, capacity: capacity)
            // Past a few thousand items, the frontier and the searches share one set of blocks.
            setup.sharedBlocks = sharesBlocks(ranked.count) ? PlanBlocks.fundable(setup.candidates) : nil
            return setup
        }
        let unpinned = alongside.map { pair.both(build, $0).0 } ?? build()
        // The frontier keeps the floors the plan keeps, so with floors it waits for the plan.
        var plan: Plan
        if unpinned.floors.isEmpty {
            let points: [Plan.FrontierPoint]
            (plan, points) = pair.both({ choose(unpinned) }, { frontier(unpinned, kept: [], blocks: unpinned.sharedBlocks) })
            plan.frontier = points
        } else {
            plan = choose(unpinned)
            plan.frontier = frontier(unpinned, kept: plan.floors.map(\.met), blocks: unpinned.sharedBlocks)
        }
        return plan
    }

    /// The plan without its frontier: pins, solves with and without the floors, and compares
    /// with funding down the list.
    private static func choose(_ unpinned: PlanSetup) -> Plan {
        var setup = unpinned
        setup.pinInProgressAndMust()
        var diagnostics = setup.diagnostics
        let unconstrained = setup.solveWithoutFloors()
        let (solution, floorOutcomes) = setup.solveWithFloors(unconstrained, diagnostics: &diagnostics)
        let greedy = setup.greedy(pinned: setup.fundedPins, within: setup.capacity)
        let ranked = setup.ranked
        let funded = ranked.indices.filter { solution.funded[$0] }.map { ranked[$0].item.id }
        return Plan(
            capacity: setup.capacity, funded: funded,
            totals: Plan.Totals(value: solution.value, cost: solution.cost, count: funded.count),
            method: solution.isOptimal ? .optimal : .bounded, bound: solution.bound,
            greedy: greedy, floorCost: max(0, unconstrained.value - solution.value),
            shares: setup.shares(solution.funded), floors: floorOutcomes, frontier: [],
            excluded: setup.excluded, diagnostics: diagnostics, fundedIDs: Set(funded), fundedByPlace: solution.funded)
    }
}

extension Planner {
    /// The plan's rules for the ranked items of `e` (dependencies, exclusions, floors), ready to
    /// be applied to draws of the estimates; nil without a capacity.
    static func drawSetup(_ e: Evaluation) -> PlanSetup? {
        guard let capacity = e.config.capacity else { return nil }
        return PlanSetup(e.ranked, links: e.links, config: e.config, capacity: capacity)
    }

    /// Which ranked items the plan funds when each is worth `values[i]` at `costs[i]`: the same
    /// pins (in-progress first, then `funding: must`, as far as they fit), dependencies and
    /// floors as the plan, on one draw of the estimates, searched a tenth as long as one
    /// frontier point (`drawWorkLimit`).
    /// `isOptimal` says whether that plan is proven the best.
    static func funded(_ base: PlanSetup, values: [Double], costs: [Double]) -> (funded: [Bool], isOptimal: Bool) {
        var setup = base.drawn(values: values, costs: costs)
        setup.pin(setup.pins(within: setup.capacity))
        let unconstrained = setup.solveWithoutFloors()
        guard !setup.floors.isEmpty else { return (unconstrained.funded, unconstrained.isOptimal) }
        var ignored: [Diagnostic] = []
        let solution = setup.solveWithFloors(unconstrained, diagnostics: &ignored).solution
        return (solution.funded, solution.isOptimal)
    }

    /// What funding the unfunded item at `index` would take: the budget it needs beyond what the
    /// plan leaves, and the funded items the best plan with it would drop. Nil when it cannot be
    /// funded at all, or no plan with it fits.
    public static func displacement(of index: Int, in e: Evaluation) -> (extra: Double, displaced: [String])? {
        guard let plan = e.plan, let capacity = e.config.capacity else { return nil }
        var setup = PlanSetup(e.ranked, links: e.links, config: e.config, capacity: capacity)
        guard setup.candidates[index].pin != .unfunded else { return nil }
        setup.pinInProgressAndMust()
        let kept = plan.floors.map(\.met)
        // Everything it needs that is not funded yet.
        let extraCost = setup.closure(of: index).filter { !plan.isFunded(e.ranked[$0].item.id) }.reduce(0) { $0 + setup.candidates[$1].cost }
        var forced = setup.problem(floors: true, keeping: kept)
        forced.candidates[index].pin = .funded
        let with = PlanSolver.solve(forced, workLimit: frontierWorkLimit)
        guard with.isFeasible else { return nil }
        let displaced = e.ranked.indices.filter { plan.isFunded(e.ranked[$0].item.id) && !with.funded[$0] }.map { e.ranked[$0].item.id }
        return (max(0, extraCost - (capacity - plan.totals.cost)), displaced)
    }
}

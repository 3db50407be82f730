extension Planner {
    /// The work limit of each frontier point's search (the plan itself gets the default).
    static let frontierWorkLimit = PlanSolver.defaultWorkLimit / 40
    /// The search each Monte Carlo draw's plan may do.
    static let drawWorkLimit = frontierWorkLimit / 10
    /// Up to this many items each frontier point is searched; past it, the points come from
    /// one set of value-for-money blocks (a plan and the proven bound at every budget).
    static let frontierSearchLimit = 5_000

    /// Whether the searches over `count` candidates share one set of value-for-money blocks:
    /// past the frontier's search limit (the plan, its frontier and each draw's plan alike).
    static func sharesBlocks(_ count: Int) -> Bool { count > frontierSearchLimit }

    /// The best value found, its proven bound and funding down the list at 21 budgets from 0
    /// to twice the capacity, each planned by the plan's rules: the pins that fit that budget,
    /// the floors the plan kept (`kept`).
    static func frontier(_ unpinned: PlanSetup, kept: [Bool], blocks: PlanBlocks?, searchLimit: Int = frontierSearchLimit) -> [Plan.FrontierPoint] {
        let budgets = (0...20).map { unpinned.capacity * 2 * Double($0) / 20 }
        let pins = unpinned.pins(within: budgets)
        let greedy = budgets.indices.map { unpinned.greedy(pinned: unpinned.flags(pins[$0]), within: budgets[$0]).value }
        if unpinned.candidates.count > searchLimit, !kept.contains(true), let blocks = blocks ?? PlanBlocks.fundable(unpinned.candidates) {
            return blockFrontier(unpinned, blocks: blocks, budgets: budgets, pins: pins, greedy: greedy)
        }
        var frontier = [Plan.FrontierPoint?](repeating: nil, count: budgets.count)
        let order = PlanSolver.valueForMoneyOrder(PlanProblem(candidates: unpinned.candidates, capacity: unpinned.capacity))
        // Budgets with the same pins share one programme over the cost grid, at the largest.
        var byPins: [[Int]: [Int]] = [:]
        for step in budgets.indices { byPins[pins[step].sorted(), default: []].append(step) }
        for steps in byPins.values {
            let problems = steps.map { step in
                var setup = unpinned
                setup.capacity = budgets[step]
                setup.pin(pins[step])
                return setup.problem(floors: true, keeping: kept)
            }
            guard let largest = problems.max(by: { $0.capacity < $1.capacity }) else { continue }
            let values = PlanSolver.bestValues(largest, budgets: steps.map { budgets[$0] })
            for (k, step) in steps.enumerated() {
                if let values {
                    frontier[step] = Plan.FrontierPoint(budget: budgets[step], best: values[k], bound: values[k], greedy: greedy[step])
                    continue
                }
                let best = PlanSolver.solve(problems[k], workLimit: frontierWorkLimit, order: order)
                // Proven empty: 0; stopped without a plan: its bound still holds.
                frontier[step] = Plan.FrontierPoint(budget: budgets[step], best: best.isFeasible ? best.value : 0,
                                                    bound: best.isFeasible || !best.isOptimal ? best.bound : 0, greedy: greedy[step])
            }
        }
        return frontier.compactMap { $0 }
    }

    /// The frontier from one set of value-for-money blocks over every candidate that can be
    /// funded: at each budget, its pins, then whole blocks while they fit (the plan), and the
    /// blocks' linear bound.
    private static func blockFrontier(_ setup: PlanSetup, blocks: PlanBlocks, budgets: [Double], pins: [[Int]], greedy: [Double]) -> [Plan.FrontierPoint] {
        let c = setup.candidates
        // Every budget from the pins' cost up fits the same pins, and ordering the blocks around
        // them is most of a point's work: a budget with its predecessor's pins keeps its order.
        var last: (pins: [Int], value: Double, cost: Double, positions: [Int], order: [Int])?
        var frontier: [Plan.FrontierPoint] = []
        for k in budgets.indices {
            let p: (pins: [Int], value: Double, cost: Double, positions: [Int], order: [Int])
            if let last, last.pins == pins[k] {
                p = last
            } else {
                var value = 0.0, cost = 0.0
                var positions: [Int] = []
                for i in pins[k].sorted() {
                    value += c[i].value; cost += c[i].cost
                    positions.append(blocks.forest.position[i])
                }
                p = (pins[k], value, cost, positions, blocks.order(pinned: positions))
                last = p
            }
            let room = budgets[k] - p.cost
            // The blocks' plan is a heuristic: funding down the list is a plan too.
            let best = max(p.value + blocks.plan(p.order, room: room, pinned: p.positions).value, greedy[k])
            let bound = p.value + blocks.bound(p.order, room: room)
            frontier.append(Plan.FrontierPoint(budget: budgets[k], best: best, bound: max(bound, best), greedy: greedy[k]))
        }
        return frontier
    }
}

/// The plan's rules prepared once for a run of Monte Carlo draws of the estimates. What stays
/// the same from draw to draw is built here (the forest the fundable candidates form, and the
/// value-for-money order of the items whose estimates are certain) or comes with the setup
/// (the dependency edges).
/// Each draw then only re-weighs them. It funds what `Planner.funded` funds, draw for draw
/// (a property test holds the two together); with floors it is `Planner.funded`.
struct DrawPlanner: Sendable {
    /// The rules as the planner holds them, nothing pinned yet.
    let setup: PlanSetup
    /// Each candidate's pin before the draw's pins: free, or never fundable (or funded, should
    /// the setup have been pinned already).
    private let basePins: [PlanProblem.Pin]
    /// The fundable candidates' forest, when the searches are bounded with its blocks.
    private let forest: PlanForest?
    /// Candidates by value for money, and forest positions by their item's, kept across draws.
    private let candidateOrder: RatioOrder?, positionOrder: RatioOrder?

    /// The rules of `setup` for draws that change the value and cost of the candidates in
    /// `changing` (ascending) and of no other.
    init(_ setup: PlanSetup, changing: [Int]) {
        self.setup = setup
        let c = setup.candidates
        basePins = setup.candidatePins
        // With floors every draw takes the general path: nothing here would be used.
        guard setup.floors.isEmpty else {
            forest = nil; candidateOrder = nil; positionOrder = nil
            return
        }
        candidateOrder = RatioOrder(ratios: PlanColumns.ratios(value: c.map(\.value), cost: c.map(\.cost)), changing: changing)
        let forest = Planner.sharesBlocks(c.count) ? PlanBlocks.fundableForest(c) : nil
        self.forest = forest
        positionOrder = forest.flatMap { forest in
            RatioOrder(ratios: forest.items.map { PlanBlocks.itemRatio(value: c[$0].value, cost: c[$0].cost) },
                       changing: changing.map { forest.position[$0] }.filter { $0 >= 0 }.sorted())
        }
    }

    /// Which candidates the plan funds when each is worth `values[i]` at `costs[i]`, and
    /// whether that plan is proven the best (as `Planner.funded`).
    func funded(values: [Double], costs: [Double]) -> (funded: [Bool], isOptimal: Bool) {
        guard setup.floors.isEmpty else { return Planner.funded(setup, values: values, costs: costs) }
        var pins = basePins
        for i in setup.pins(within: setup.capacity, costs: costs) { pins[i] = .funded }
        let columns = PlanColumns(value: values, cost: costs, pin: pins, dependencies: setup.dependencies, dependents: setup.dependents, capacity: setup.capacity)
        let order = candidateOrder?.order { PlanColumns.ratio(value: values[$0], cost: costs[$0]) }
        let blocks = forest.map { forest in
            let itemOrder = positionOrder?.order { p in PlanBlocks.itemRatio(value: values[forest.items[p]], cost: costs[forest.items[p]]) }
            return PlanBlocks(forest: forest, value: { values[$0] }, cost: { costs[$0] }, itemOrder: itemOrder)
        }
        // The work limit `PlanSetup.drawn` gives the general path.
        var search = PlanSearch(columns, workLimit: Planner.drawWorkLimit)
        let solution = search.run(order: order, blocks: blocks)
        return (solution.funded, solution.isOptimal)
    }
}

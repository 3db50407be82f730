/// A plan problem as the search reads it: one column per property of the candidates instead of
/// one record per candidate, so that a problem that changes only its values and costs (a
/// Monte Carlo draw) is made without copying the dependencies or the pins that stay the same.
struct PlanColumns: Sendable {
    /// What funding each candidate is worth.
    var value: [Double]
    /// What each candidate costs.
    var cost: [Double]
    /// What the plan must do with each candidate.
    var pin: [PlanProblem.Pin]
    /// Each candidate's dependencies, and its dependants.
    let dependencies: PlanEdges, dependents: PlanEdges
    /// The budget.
    var capacity: Double
    /// Per floor, each candidate's part of the floor minus the floor's share of its value: a
    /// plan meets the floor when its funded candidates' amounts add up to zero or more.
    var floorCoef: [[Double]]

    /// The columns of `problem`.
    init(_ problem: PlanProblem) {
        let c = problem.candidates
        value = c.map(\.value)
        cost = c.map(\.cost)
        pin = c.map(\.pin)
        dependencies = PlanEdges(dependenciesOf: c)
        dependents = PlanEdges(dependantsFrom: dependencies)
        capacity = problem.capacity
        floorCoef = problem.floors.indices.map { k in c.map { $0.floorParts[k] - problem.floors[k] * $0.value } }
    }

    /// A problem without floors over the given columns (the edges built once for many problems).
    init(value: [Double], cost: [Double], pin: [PlanProblem.Pin], dependencies: PlanEdges, dependents: PlanEdges, capacity: Double) {
        self.value = value; self.cost = cost; self.pin = pin
        self.dependencies = dependencies; self.dependents = dependents
        self.capacity = capacity
        floorCoef = []
    }

    /// How many candidates there are.
    var count: Int { value.count }

    /// Candidates worth `value` at `cost`, by value for money, best first (ties in rank order).
    static func valueForMoneyOrder(value: [Double], cost: [Double]) -> [Int] {
        let ratios = Self.ratios(value: value, cost: cost)
        return value.indices.sorted { a, b in ratios[a] != ratios[b] ? ratios[a] > ratios[b] : a < b }
    }

    /// Each candidate's value per unit of cost (`ratio`).
    static func ratios(value: [Double], cost: [Double]) -> [Double] {
        zip(value, cost).map(ratio)
    }

    /// A candidate's value per unit of cost, the order of value for money; a free one comes first.
    @inline(__always)
    static func ratio(value: Double, cost: Double) -> Double { cost > 0 ? value / cost : .infinity }
}

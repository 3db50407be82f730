/// The budget plan: which open items to fund within the capacity, how good that choice is known
/// to be, how it compares with funding down the list, and whom the funded value serves.
public struct Plan: Sendable, Hashable {
    /// How the funded set was found.
    public enum Method: String, Sendable, Hashable {
        /// The search finished: no plan within the rules is worth more.
        case optimal
        /// The search stopped at its work limit: `bound` caps what any plan could be worth.
        case bounded
    }

    /// A value and a cost together.
    public struct Totals: Sendable, Hashable {
        /// Funded value.
        public var value: Double
        /// Funded cost.
        public var cost: Double
        /// Items funded.
        public var count: Int

        /// `count` items worth `value` for `cost`.
        public init(value: Double, cost: Double, count: Int) {
            self.value = value; self.cost = cost; self.count = count
        }

        /// Nothing funded.
        public static let none = Totals(value: 0, cost: 0, count: 0)
    }

    /// One group's or objective's share of value.
    public struct Share: Sendable, Hashable {
        /// Groups or objectives.
        public var kind: PlanFloor.Kind
        /// The group's or objective's id.
        public var name: String
        /// Its share of the funded value (0..1).
        public var funded: Double
        /// Its share of the value of every ranked item (0..1).
        public var backlog: Double
    }

    /// A floor and whether the plan meets it.
    public struct FloorOutcome: Sendable, Hashable {
        /// The floor as configured.
        public var floor: PlanFloor
        /// The share of the funded value the plan gives it.
        public var achieved: Double
        /// Whether the plan keeps it (a floor no plan can meet is dropped, and said so).
        public var met: Bool
    }

    /// The best and the greedy plan's value at one budget.
    public struct FrontierPoint: Sendable, Hashable {
        /// The budget.
        public var budget: Double
        /// The best value found within it (the same rules as the plan).
        public var best: Double
        /// A proven upper bound on any plan's value within it (`best` when the search finished).
        public var bound: Double
        /// Funding down the list by score within it.
        public var greedy: Double
    }

    /// The budget.
    public var capacity: Double
    /// The funded items' ids, in rank order.
    public var funded: [String]
    /// What the plan funds.
    public var totals: Totals
    /// Optimal, or stopped with a bound.
    public var method: Method
    /// A proven upper bound on the value of any plan (the funded value when optimal).
    public var bound: Double
    /// Funding down the list by score, skipping what does not fit or whose dependencies are
    /// not funded: what the optimisation gains over.
    public var greedy: Totals
    /// The value the floors cost: the best plan without them is worth this much more.
    public var floorCost: Double
    /// Each group's and objective's share of the funded and of the whole backlog's value.
    public var shares: [Share]
    /// Each floor, met or not.
    public var floors: [FloorOutcome]
    /// The best and greedy values at 21 budgets from 0 to twice the capacity.
    public var frontier: [FrontierPoint]
    /// Why an unfunded item could not be funded at all, by id (`funding: never`, a dependency
    /// that can never be funded).
    public var excluded: [String: String]
    /// Problems with the plan's rules: a `must` that does not fit, an unmeetable floor.
    public var diagnostics: [Diagnostic]

    /// The funded ids, to look up.
    public var fundedIDs: Set<String>
    /// Whether each ranked item is funded, by its place in the ranking the plan was made for
    /// (what the outputs' rows read; empty for a plan put together by hand).
    var fundedByPlace: [Bool] = []

    /// Whether the item `id` is funded.
    public func isFunded(_ id: String) -> Bool { fundedIDs.contains(id) }

    /// How far the funded value may be from the best possible, as a share of the bound (0 when optimal).
    public var gap: Double { bound > 0 ? max(0, bound - totals.value) / bound : 0 }
}

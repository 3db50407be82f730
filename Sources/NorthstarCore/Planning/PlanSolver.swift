/// Solves a `PlanProblem` exactly: depth-first branch and bound over the candidates in order of
/// value for money, each branch funding a candidate with everything it depends on or leaving it
/// out with everything that depends on it. The bound is the continuous knapsack's (Dantzig's),
/// which drops the dependencies and floors, so it is a proven upper bound at every node;
/// candidates it proves in or out are fixed before the search. The search stops after a fixed
/// amount of work (deterministic: the same problem gives the same plan on any machine); a
/// search stopped early says so and reports the root bound, never an unqualified optimum.
public enum PlanSolver {
    /// The best plan found, and how good it is known to be.
    public struct Solution: Sendable, Hashable {
        /// Which candidates are funded.
        public var funded: [Bool]
        /// The funded value.
        public var value: Double
        /// The funded cost.
        public var cost: Double
        /// Whether the search finished, so `value` is the best possible.
        public var isOptimal: Bool
        /// A proven upper bound on the best possible value (equal to `value` when optimal).
        public var bound: Double
        /// Whether any plan meets the pins, the capacity and the floors.
        public var isFeasible: Bool
        /// Branch-and-bound nodes explored.
        public var nodes: Int
        /// Whether the exact grid method solved it (else the branch-and-bound search).
        public var byGrid = false
    }

    /// The gap to the proven bound, as a share of it, below which no search is started.
    public static let enoughGap = 1e-5

    /// The most bound-loop steps a solve may take before it stops with a bound.
    public static let defaultWorkLimit = 8_000_000

    /// The best plan for `problem`. `order` is `valueForMoneyOrder(problem)` when the caller
    /// solves many problems with the same candidates (computed here otherwise).
    public static func solve(_ problem: PlanProblem, workLimit: Int = defaultWorkLimit, order: [Int]? = nil) -> Solution {
        solve(problem, workLimit: workLimit, order: order, sharing: nil)
    }

    /// The best plan, bounded with `blocks` (over the same candidates, pins taken out) instead
    /// of blocks of its own when they are given.
    static func solve(_ problem: PlanProblem, workLimit: Int = defaultWorkLimit, order: [Int]? = nil, sharing blocks: PlanBlocks?) -> Solution {
        var search = PlanSearch(problem, workLimit: workLimit)
        return search.run(order: order, blocks: blocks)
    }

    /// The best value at each of `budgets` (none above `problem.capacity`), by one programme
    /// over the cost grid; nil when the problem does not have the grid method's shape or the
    /// pins do not fit the smallest budget.
    public static func bestValues(_ problem: PlanProblem, budgets: [Double]) -> [Double]? {
        var search = PlanSearch(problem, workLimit: 0)
        return search.gridValues(budgets: budgets)
    }

    /// Every candidate by value for money, best first (ties in rank order).
    public static func valueForMoneyOrder(_ problem: PlanProblem) -> [Int] {
        PlanColumns.valueForMoneyOrder(value: problem.candidates.map(\.value), cost: problem.candidates.map(\.cost))
    }
}

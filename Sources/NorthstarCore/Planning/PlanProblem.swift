/// The choice a budget plan makes, stripped to its numbers: which open items to fund so that
/// the funded value is as large as possible within the capacity, never funding an item without
/// the items it depends on, with some items pinned in or out, and with floors on the share of
/// the funded value that must go to a beneficiary group or an objective.
public struct PlanProblem: Sendable, Hashable {
    /// One open item the plan may fund.
    public struct Candidate: Sendable, Hashable {
        /// What funding it is worth (its score's numerator).
        public var value: Double
        /// What it costs, in the config's cost unit.
        public var cost: Double
        /// The candidates it cannot be funded without (indices into `candidates`).
        public var dependsOn: [Int]
        /// Whether it must be funded, may not be, or is free to choose.
        public var pin: Pin
        /// For each floor, the part of `value` that goes to the floor's group or objective.
        public var floorParts: [Double]

        /// A candidate worth `value` at `cost`.
        public init(value: Double, cost: Double, dependsOn: [Int] = [], pin: Pin = .free, floorParts: [Double] = []) {
            self.value = value; self.cost = cost; self.dependsOn = dependsOn; self.pin = pin; self.floorParts = floorParts
        }
    }

    /// What the plan must do with one candidate.
    public enum Pin: Sendable, Hashable {
        /// The plan chooses.
        case free
        /// Funded, with everything it depends on (`in-progress`, `funding: must`).
        case funded
        /// Never funded, nor anything that depends on it (`funding: never`, or it depends on
        /// something that cannot be funded).
        case unfunded
    }

    /// The candidates, in rank order (the order ties are broken in).
    public var candidates: [Candidate]
    /// The budget.
    public var capacity: Double
    /// The smallest share (0..1) of the funded value each floor asks for, in the order of each
    /// candidate's `floorParts`.
    public var floors: [Double]

    /// A problem of funding `candidates` within `capacity`, with `floors`.
    public init(candidates: [Candidate], capacity: Double, floors: [Double] = []) {
        self.candidates = candidates
        self.capacity = capacity
        self.floors = floors
    }

    /// Whether `funded` is a plan of this problem: within the capacity, every dependency of a
    /// funded candidate funded, pins respected, every floor met.
    public func admits(_ funded: [Bool]) -> Bool {
        var cost = 0.0, value = 0.0
        var floorSums = [Double](repeating: 0, count: floors.count)
        for (i, c) in candidates.enumerated() where funded[i] {
            cost += c.cost; value += c.value
            if c.dependsOn.contains(where: { !funded[$0] }) || c.pin == .unfunded { return false }
            for k in floors.indices { floorSums[k] += c.floorParts[k] }
        }
        for (i, c) in candidates.enumerated() where c.pin == .funded && !funded[i] { return false }
        guard cost <= capacity * (1 + 1e-12) else { return false }
        return floors.indices.allSatisfy { floorSums[$0] >= floors[$0] * value - 1e-9 * max(1, value) }
    }

    /// Total value and cost of `funded`.
    public func totals(_ funded: [Bool]) -> (value: Double, cost: Double) {
        var value = 0.0, cost = 0.0
        for (i, c) in candidates.enumerated() where funded[i] { value += c.value; cost += c.cost }
        return (value, cost)
    }
}

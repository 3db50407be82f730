/// A score written as a formula over its estimates, so a Monte Carlo draw can recompute it from
/// drawn values without scoring the item again:
///
///     value = factor · S(Σ_terms weight · Π inputs) · Π multipliers
///     score = value / divisor
///
/// Each input is drawn once per draw, however many terms use it (a need that holds for every
/// group is one quantity, not one per group).
public struct UncertainScore: Sendable {
    /// One summed term: a certain weight times the product of some inputs.
    public struct Term: Sendable {
        /// The certain weight (an equity weight, or 1).
        public var weight: Double
        /// Indices into `inputs`.
        public var inputs: [Int]

        /// A term.
        public init(weight: Double, inputs: [Int]) {
            self.weight = weight
            self.inputs = inputs
        }
    }

    /// The estimates the score reads (a certain one is never drawn).
    public var inputs: [Estimate]
    /// A certain factor (the impact model's alignment).
    public var factor: Double
    /// The summed terms.
    public var terms: [Term]
    /// What is applied to the sum (the impact model's reach scale; linear elsewhere).
    public var scale: ReachScale
    /// Inputs the value is multiplied by (confidence).
    public var multipliers: [Int]
    /// The input the value is divided by (cost), or nil for 1.
    public var divisor: Int?

    /// A formula.
    public init(inputs: [Estimate], factor: Double = 1, terms: [Term], scale: ReachScale = .linear, multipliers: [Int] = [], divisor: Int?) {
        self.inputs = inputs
        self.factor = factor
        self.terms = terms
        self.scale = scale
        self.multipliers = multipliers
        self.divisor = divisor
    }

    /// Whether any input is uncertain.
    public var hasRanges: Bool { inputs.contains { PERTDistribution($0) != nil } }

    /// Value and cost with each input at `values[k]`.
    func evaluate(_ values: [Double]) -> (value: Double, cost: Double) {
        var sum = 0.0
        for t in terms {
            // Inputs first, then the weight: the order the models multiply in, so the formula
            // at the point estimates gives the ranking's own score, bit for bit.
            var product = 1.0
            for k in t.inputs { product *= values[k] }
            sum += product * t.weight
        }
        var value = factor * scale.apply(sum)
        for k in multipliers { value *= values[k] }
        return (value, divisor.map { values[$0] } ?? 1)
    }
}

/// Builds an `UncertainScore`'s inputs, one per distinct estimate source.
struct UncertainInputs {
    private(set) var inputs: [Estimate] = []

    /// The index of a new input `estimate`.
    mutating func add(_ estimate: Estimate) -> Int {
        inputs.append(estimate)
        return inputs.count - 1
    }
}

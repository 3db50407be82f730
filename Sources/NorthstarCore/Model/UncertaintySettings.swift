/// How sure the ranking is asked to be (`uncertainty:` in the config): how many Monte Carlo
/// draws over the estimates' ranges, from which seed, and how many top items get a chance of
/// being in the top (without a capacity) and a sensitivity to each weight.
public struct UncertaintySettings: Sendable, Hashable {
    /// Draws of every range; 0 turns the analysis off.
    public var draws: Int
    /// The seed: the same seed, inputs and config give the same figures, on any number of cores.
    public var seed: UInt64
    /// The items whose sensitivity to each weight is worked out, and, without a capacity, the
    /// "top" whose chance each item has of being in.
    public var top: Int

    /// The settings; the defaults are the config's.
    public init(draws: Int = 1000, seed: UInt64 = 1, top: Int = 10) {
        self.draws = draws
        self.seed = seed
        self.top = top
    }

    /// Whether the analysis runs.
    public var isEnabled: Bool { draws > 0 }
}

/// How sure the ranking is (README: "How sure the ranking is"): for every ranked item, where
/// it lands across Monte Carlo draws of the estimates' ranges, and how often it is funded (or,
/// without a capacity, in the top).
public struct RankUncertainty: Sendable, Hashable {
    /// One item's figures.
    public struct Item: Sendable, Hashable {
        /// Its median rank over the draws.
        public var medianRank: Int
        /// The rank it reaches or betters in 10% of the draws (the interval's good end).
        public var rankP10: Int
        /// The rank it reaches or betters in 90% of the draws (the interval's poor end).
        public var rankP90: Int
        /// Share of draws in which the plan funds it (with a capacity), or in which it ranks
        /// within the top `top` (without).
        public var chance: Double
    }

    /// The draws made.
    public var draws: Int
    /// Their seed.
    public var seed: UInt64
    /// The top the chance refers to without a capacity.
    public var top: Int
    /// The draws the rank intervals come from: all of them, or on a very large backlog the
    /// first ones (`RankUncertainty.rankEntries` ranks are kept in memory at most).
    public var rankDraws: Int
    /// Whether `chance` is the chance of being funded (else of being in the top).
    public var chanceIsFunded: Bool
    /// With a capacity, how many draws' plans were proven the best possible (the others are the
    /// best each search found within its limit).
    public var provenPlans: Int?
    /// Each ranked item's figures, in rank order.
    public var items: [Item]
    /// For each of the first `top` ranked items, how far each weight can move before its rank
    /// changes (empty for a model without weights).
    public var sensitivity: [[WeightSensitivity]] = []

    /// The most ranks kept for the intervals (items × draws): 64 MB.
    public static let rankEntries = 1 << 24
}

/// Where an item stands in the team's work.
public enum ItemStatus: String, Sendable, Hashable, CaseIterable {
    /// Not started; ranked.
    case open
    /// Being worked on; still ranked, so the team sees whether it still deserves the effort.
    case inProgress = "in-progress"
    /// Delivered; not ranked.
    case done
    /// Decided against; not ranked.
    case dropped

    /// Whether items with this status take part in the ranking.
    public var isRanked: Bool { self == .open || self == .inProgress }
}

/// A team's decision about funding an item, which the budget plan respects.
public enum FundingPin: String, Sendable, Hashable, CaseIterable {
    /// Funded whatever its score (with everything it depends on); an error when it does not fit.
    case must
    /// Never funded, nor anything that depends on it.
    case never
}

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

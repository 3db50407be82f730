/// Severity of need (1..5) of the people an item serves: one figure, or one per group.
public enum Need: Sendable, Hashable {
    /// The same severity for every group the item reaches.
    case uniform(Estimate)
    /// A severity per beneficiary group; every reached group must have one.
    case perGroup([String: Estimate])

    /// The need of `group`, when known.
    public func estimate(for group: String) -> Estimate? {
        switch self {
        case .uniform(let e): return e
        case .perGroup(let byGroup): return byGroup[group]
        }
    }
}

/// Short figures about an item shared by the table outputs (CSV, Markdown, HTML).
public enum ItemSummary {
    /// The item's need as a figure: `4`, or `2–5` when it differs by group.
    public static func need(_ item: Item) -> String {
        switch item.need {
        case .uniform(let e): return NumberFormat.human(e.point)
        case .perGroup(let byGroup):
            let points = byGroup.values.map(\.point)
            guard let lo = points.min(), let hi = points.max() else { return "" }
            return lo == hi ? NumberFormat.human(lo) : "\(NumberFormat.human(lo))–\(NumberFormat.human(hi))"
        case nil: return ""
        }
    }

    /// The objective that contributes most to the item's alignment, by display name.
    public static func topObjective(_ scored: ScoredItem, config: Config) -> String {
        guard case .impact(let f) = scored.factors else {
            let best = scored.item.objectives.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first
            return best.map { config.objective($0.key)?.name ?? $0.key } ?? ""
        }
        // One pass: the largest part, ties to the smaller id (parts are in id order already).
        var best: ObjectivePart?
        for p in f.objectiveParts where p.part > 0 && p.part > (best?.part ?? 0) { best = p }
        return best.map { config.objective($0.objective)?.name ?? $0.objective } ?? ""
    }

    /// The displayed title, falling back to the id.
    public static func title(_ item: Item) -> String { item.title.isEmpty ? item.id : item.title }
}

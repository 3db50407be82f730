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

    /// The item's need as one number that sorts: the need itself, or for a need per group
    /// the average of the groups' needs weighted by the people reached in each (their plain
    /// average when it reaches no one); nil when it states none.
    public static func needFigure(_ item: Item) -> Double? {
        switch item.need {
        case .uniform(let e): return e.point
        case .perGroup(let byGroup):
            guard !byGroup.isEmpty else { return nil }
            let groups = byGroup.keys.sorted()
            let people = groups.map { item.reach[$0]?.point ?? 0 }
            let total = people.reduce(0, +)
            if total > 0 { return zip(groups, people).reduce(0) { $0 + (byGroup[$1.0]?.point ?? 0) * $1.1 } / total }
            return groups.reduce(0) { $0 + (byGroup[$1]?.point ?? 0) } / Double(groups.count)
        case nil: return nil
        }
    }

    /// The lowest and highest need the item states, across its ranges and its groups; nil
    /// when it states one figure only.
    public static func needSpread(_ item: Item) -> (low: Double, high: Double)? {
        var low = Double.infinity, high = -Double.infinity
        switch item.need {
        case .uniform(let e): (low, high) = (e.low, e.high)
        case .perGroup(let byGroup): for e in byGroup.values { low = min(low, e.low); high = max(high, e.high) }
        case nil: return nil
        }
        return low < high ? (low, high) : nil
    }

    /// The lowest and highest total reach, when any group's reach is a range.
    public static func reachSpread(_ item: Item) -> (low: Double, high: Double)? {
        guard item.reach.values.contains(where: \.isRange) else { return nil }
        // Summed in group order, as `Item.totalReach` is, so the figures add up the same way.
        var low = 0.0, high = 0.0
        for (_, e) in item.reach { low += e.low; high += e.high }
        return (low, high)
    }

    /// Appends a link from the output folder to the item's file and line (`../backlog/a.yaml#L3`)
    /// to `out`, every path byte outside a small safe set percent-encoded.
    public static func appendSourceLink(_ item: Item, config: Config, to out: inout [UInt8]) {
        out.append(contentsOf: config.backlogFromOutput)
        Paths.appendPercentEncoded(item.path, to: &out)
        out.append(contentsOf: "#L".utf8)
        NumberFormat.appendInteger(item.location.line, to: &out)
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

/// What a team can start now: open items nothing open blocks, in plan order when there is a
/// budget (the funded ones in rank order, then the rest), else in rank order, each with the
/// reason it is on the list. Pure.
public enum NextItems {
    /// One item that can start now.
    public struct Entry: Sendable, Hashable {
        /// The ranked item.
        public var ranked: RankedItem
        /// Whether the plan funds it (nil without a plan).
        public var funded: Bool?
        /// Why it is on the list, in words.
        public var reason: String
    }

    /// The first `count` items that can start now.
    public static func list(_ e: Evaluation, count: Int) -> [Entry] {
        let startable = e.ranked.filter { e.links.canStart($0.item.id) }
        let ordered: [RankedItem]
        if let plan = e.plan {
            ordered = startable.filter { plan.isFunded($0.item.id) } + startable.filter { !plan.isFunded($0.item.id) }
        } else {
            ordered = startable
        }
        return ordered.prefix(max(0, count)).map { r in
            let id = r.item.id
            var parts: [String] = []
            if let plan = e.plan {
                if let position = plan.funded.firstIndex(of: id) {
                    parts.append("funded (\(ChangeLogMarkdown.ordinal(position + 1)) of \(plan.funded.count))")
                } else {
                    parts.append(plan.excluded[id].map { "not funded: \($0)" } ?? "not funded by the plan")
                }
            }
            if r.item.status == .inProgress { parts.append("already in progress") }
            if let unblocks = e.links.unblocks[id] {
                parts.append("unblocks " + unblocks.map { dep in e.ranked(dep).map { "\(dep) (rank \($0.rank))" } ?? dep }.joined(separator: ", "))
            }
            if parts.isEmpty { parts.append("nothing blocks it") }
            return Entry(ranked: r, funded: e.plan?.isFunded(id), reason: parts.joined(separator: "; "))
        }
    }

    /// The list as `next` prints it.
    public static func render(_ e: Evaluation, count: Int) -> String {
        let entries = list(e, count: count)
        let blocked = e.ranked.count - e.ranked.count(where: { e.links.canStart($0.item.id) })
        var out = e.plan == nil ? "Can start now, in rank order" : "Can start now, funded items first (in rank order)"
        out += " — \(entries.count) shown, \(NumberFormat.count(blocked, "item")) waiting on another:\n"
        let width = String(entries.count).count
        for (n, entry) in entries.enumerated() {
            let r = entry.ranked
            let number = String(repeating: " ", count: width - String(n + 1).count) + "\(n + 1)."
            out += "\(number) \(r.item.id) — \(ItemSummary.title(r.item))\n"
            out += String(repeating: " ", count: width + 2)
            out += "rank \(r.rank), score \(NumberFormat.score(r.scored.score)), \(PlanText.amount(r.scored.cost, e.config)): \(entry.reason)\n"
        }
        if entries.isEmpty { out += "(nothing: every open item waits on another)\n" }
        return out
    }
}

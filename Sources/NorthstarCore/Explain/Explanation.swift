/// How an item's score and rank come about, in words a programme manager can repeat in a
/// meeting: the formula with the item's own numbers, then what the items just above and below
/// it have that it does not. Pure.
public enum Explanation {
    /// The explanation of item `id`, or `nil` when no valid item has that id.
    public static func render(_ id: String, in e: Evaluation) -> String? {
        if let closed = e.closed.first(where: { $0.id == id }) {
            return "\(closed.id) — \(ItemSummary.title(closed))\nStatus \(closed.status.rawValue): not ranked (only open and in-progress items are). Source: \(closed.sourceReference)\n"
        }
        guard let index = e.ranked.firstIndex(where: { $0.item.id == id }) else { return nil }
        let r = e.ranked[index]
        let c = e.config
        var out = "\(r.item.id) — \(ItemSummary.title(r.item))\n"
        out += "Rank \(r.rank) of \(e.ranked.count) · score \(NumberFormat.score(r.scored.score)) · \(r.item.status.rawValue) · \(r.item.sourceReference)\n"
        if r.isStale { out += "⚠ Its file no longer reads; these are its last good values.\n" }
        out += dependencies(r.item.id, in: e)
        if e.plan != nil { out += planLine(index, in: e) }
        out += SensitivityText.lines(index, in: e)
        out += "\n" + formula(r.scored, config: c)
        let above = index > 0 ? e.ranked[index - 1] : nil
        let below = index + 1 < e.ranked.count ? e.ranked[index + 1] : nil
        if above != nil || below != nil { out += "\nCompared with its neighbours:\n" }
        if let above {
            out += "  ↑ \(above.item.id) (rank \(above.rank), score \(NumberFormat.score(above.scored.score)), \(percent(above.scored.score, r.scored.score)) higher)\n"
            out += contrast(above.scored, over: r.scored, config: c)
        }
        if let below {
            out += "  ↓ \(below.item.id) (rank \(below.rank), score \(NumberFormat.score(below.scored.score)), \(percentLower(below.scored.score, than: r.scored.score)) lower)\n"
            out += contrast(r.scored, over: below.scored, config: c, subjectIsExplained: true)
        }
        return out
    }

    /// "FA-12 is blocked by DG-2 (rank 24)." and "DG-2 unblocks FA-12 (rank 1)." lines.
    static func dependencies(_ id: String, in e: Evaluation) -> String {
        func named(_ ids: [String]) -> String {
            ids.map { dep in e.ranked(dep).map { "\(dep) (rank \($0.rank))" } ?? "\(dep) (not an open item)" }.joined(separator: ", ")
        }
        var out = ""
        if let blockers = e.links.blockedBy[id] { out += "\(id) is blocked by \(named(blockers)).\n" }
        if let blocked = e.links.unblocks[id] { out += "\(id) unblocks \(named(blocked)).\n" }
        return out
    }

    /// "Funded: yes, 4th of 13 funded items." or why not, and what funding it would take.
    static func planLine(_ index: Int, in e: Evaluation) -> String {
        guard let plan = e.plan else { return "" }
        let id = e.ranked[index].item.id
        if let position = plan.funded.firstIndex(of: id) {
            return "Funded: yes, \(ChangeLogMarkdown.ordinal(position + 1)) of \(plan.funded.count) funded items (\(PlanText.headline(plan, ranked: e.ranked.count, config: e.config))).\n"
        }
        if let why = plan.excluded[id] { return "Not funded: never, because of \(why).\n" }
        guard let (extra, displaced) = Planner.displacement(of: index, in: e) else {
            return "Not funded: no plan within the capacity can include it.\n"
        }
        var line = "Not funded: "
        line += extra > 0 ? "\(PlanText.amount(extra, e.config)) more would be needed" : "it fits the budget left, but the plan is worth more without it"
        if !displaced.isEmpty { line += "; funding it would displace \(displaced.joined(separator: ", "))" }
        return line + ".\n"
    }

    /// The formula with the item's numbers, as its model writes it.
    static func formula(_ s: ScoredItem, config c: Config) -> String {
        s.factors.explainFormula(s, config: c)
    }

    /// What `top` has that `bottom` does not (and what offsets it).
    static func contrast(_ top: ScoredItem, over bottom: ScoredItem, config c: Config, subjectIsExplained: Bool = false) -> String {
        guard let (factors, extras) = Factors.comparisons(top, over: bottom, config: c) else { return "" }
        let who = subjectIsExplained ? "\(top.item.id) has over \(bottom.item.id)" : "\(top.item.id) has that \(bottom.item.id) does not"
        var out = "     what \(who):\n"
        let favouring = factors.filter { $0.advantage > 0 }.sorted { $0.advantage > $1.advantage }
        let against = factors.filter { $0.advantage < 0 }.sorted { $0.advantage < $1.advantage }
        for e in extras { out += "       + \(e)\n" }
        for f in favouring { out += "       + \(f.description)\n" }
        if favouring.isEmpty && extras.isEmpty { out += "       (nothing: same factors; the tie is broken by id)\n" }
        for f in against { out += "       − offset by \(f.description)\n" }
        return out
    }

    static func percent(_ a: Double, _ b: Double) -> String {
        guard b > 0 else { return a > 0 ? "infinitely" : "0%" }
        return "\(NumberFormat.human((a / b - 1) * 100, digits: 1))%"
    }

    static func percentLower(_ a: Double, than b: Double) -> String {
        guard b > 0 else { return "0%" }
        return "\(NumberFormat.human((1 - a / b) * 100, digits: 1))%"
    }

    /// `s` padded with spaces to `width` characters (the formula's columns).
    static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }
}

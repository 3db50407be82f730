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

    /// The formula with the item's numbers.
    static func formula(_ s: ScoredItem, config c: Config) -> String {
        let n = NumberFormat.human
        let unit = c.costUnit
        switch s.factors {
        case .impact(let f):
            var out = "score = alignment × impact × confidence ÷ cost\n"
            out += "      = \(n(f.alignment, 4)) × \(n(f.impact, 2)) × \(n(f.confidence, 2)) ÷ \(NumberFormat.quantity(n(s.cost, 2), s.cost, unit))\n"
            out += "      = \(n(s.score, 2))\n\n"
            let total = c.totalObjectiveWeight
            out += "alignment = Σ objective weight × contribution ÷ total weight (\(n(total, 2)))\n"
            let parts = f.objectiveParts.filter { $0.contribution > 0 }
            let width = (parts.map(\.objective.count) + f.groupParts.map(\.group.count)).max() ?? 0
            for p in parts {
                out += "  \(pad(p.objective, width))  \(n(p.weight, 2)) × \(n(p.contribution, 2)) ÷ \(n(total, 2)) = \(n(p.part, 4))\n"
            }
            if parts.isEmpty { out += "  (contributes to no configured objective)\n" }
            out += "  \(pad("total", width))  = \(n(f.alignment, 4))\n\n"
            out += "weighted need-reach = Σ people reached × need × equity weight\n"
            for g in f.groupParts {
                out += "  \(pad(g.group, width))  \(n(g.reach, 0)) × \(n(g.need, 2)) × \(n(g.equity, 2)) = \(n(g.part, 2))\n"
            }
            out += "  \(pad("total", width))  = \(n(f.weightedNeedReach, 2))\n\n"
            switch f.reachScale {
            case .linear: out += "impact = weighted need-reach = \(n(f.impact, 2)) (reach scale linear)\n"
            case .sqrt: out += "impact = √\(n(f.weightedNeedReach, 2)) = \(n(f.impact, 2)) (reach scale sqrt)\n"
            case .log: out += "impact = ln(1 + \(n(f.weightedNeedReach, 2))) = \(n(f.impact, 4)) (reach scale log)\n"
            }
            out += "confidence = \(n(f.confidence, 2))\(f.confidenceIsDefault ? " (the config's default: the item states none)" : "")\n"
            out += "cost = \(NumberFormat.quantity(n(s.cost, 2), s.cost, unit))\n"
            return out
        case .rice(let f):
            return "score = reach × impact × confidence ÷ effort\n      = \(n(f.reach, 0)) × \(n(f.impact, 2)) × \(n(f.confidence, 2)) ÷ \(n(f.effort, 2))\n      = \(n(s.score, 2))\n"
        case .wsjf(let f):
            return "score = (business value + time criticality + risk reduction) ÷ job size\n      = (\(n(f.businessValue, 2)) + \(n(f.timeCriticality, 2)) + \(n(f.riskReduction, 2))) ÷ \(n(f.jobSize, 2))\n      = \(n(s.score, 2))\n"
        }
    }

    /// A named factor with its value in two items and whether more of it raises the score.
    struct FactorComparison {
        var name: String
        var higher: Double
        var lower: Double
        var moreIsBetter: Bool
        var unit: String = ""

        /// How much this factor favours the higher-ranked item (log ratio; > 0 favours it).
        var advantage: Double {
            guard higher > 0, lower > 0 else {
                if higher == lower { return 0 }
                return (higher > lower) == moreIsBetter ? .infinity : -.infinity
            }
            let l = Math.log(higher / lower)
            return moreIsBetter ? l : -l
        }
    }

    /// What `top` has that `bottom` does not (and what offsets it).
    static func contrast(_ top: ScoredItem, over bottom: ScoredItem, config c: Config, subjectIsExplained: Bool = false) -> String {
        let n = NumberFormat.human
        var factors: [FactorComparison] = []
        var extras: [String] = []
        switch (top.factors, bottom.factors) {
        case (.impact(let a), .impact(let b)):
            factors = [
                FactorComparison(name: "alignment", higher: a.alignment, lower: b.alignment, moreIsBetter: true),
                FactorComparison(name: "weighted need-reach", higher: a.weightedNeedReach, lower: b.weightedNeedReach, moreIsBetter: true),
                FactorComparison(name: "confidence", higher: a.confidence, lower: b.confidence, moreIsBetter: true),
                FactorComparison(name: "cost", higher: top.cost, lower: bottom.cost, moreIsBetter: false, unit: c.costUnit),
            ]
            let bGroups = Set(b.groupParts.filter { $0.reach > 0 }.map(\.group))
            for g in a.groupParts where g.reach > 0 && !bGroups.contains(g.group) {
                extras.append("reaches \(n(g.reach, 0)) people in '\(g.group)' (equity weight \(n(g.equity, 2)), need \(n(g.need, 2)))")
            }
            let bObjectives = Set(b.objectiveParts.filter { $0.contribution > 0 }.map(\.objective))
            for p in a.objectiveParts where p.contribution > 0 && !bObjectives.contains(p.objective) {
                extras.append("serves objective '\(c.objective(p.objective)?.name ?? p.objective)' (contribution \(n(p.contribution, 2)), weight \(n(p.weight, 2)))")
            }
        case (.rice(let a), .rice(let b)):
            factors = [
                FactorComparison(name: "reach", higher: a.reach, lower: b.reach, moreIsBetter: true),
                FactorComparison(name: "impact", higher: a.impact, lower: b.impact, moreIsBetter: true),
                FactorComparison(name: "confidence", higher: a.confidence, lower: b.confidence, moreIsBetter: true),
                FactorComparison(name: "effort", higher: a.effort, lower: b.effort, moreIsBetter: false),
            ]
        case (.wsjf(let a), .wsjf(let b)):
            factors = [
                FactorComparison(name: "cost of delay", higher: a.businessValue + a.timeCriticality + a.riskReduction,
                                 lower: b.businessValue + b.timeCriticality + b.riskReduction, moreIsBetter: true),
                FactorComparison(name: "job size", higher: a.jobSize, lower: b.jobSize, moreIsBetter: false),
            ]
        default:
            return ""
        }
        let who = subjectIsExplained ? "\(top.item.id) has over \(bottom.item.id)" : "\(top.item.id) has that \(bottom.item.id) does not"
        var out = "     what \(who):\n"
        let favouring = factors.filter { $0.advantage > 0 }.sorted { $0.advantage > $1.advantage }
        let against = factors.filter { $0.advantage < 0 }.sorted { $0.advantage < $1.advantage }
        for e in extras { out += "       + \(e)\n" }
        for f in favouring { out += "       + \(describe(f))\n" }
        if favouring.isEmpty && extras.isEmpty { out += "       (nothing: same factors; the tie is broken by id)\n" }
        for f in against { out += "       − offset by \(describe(f))\n" }
        return out
    }

    static func describe(_ f: FactorComparison) -> String {
        let n = NumberFormat.human
        let comparative = (f.higher > f.lower) ? "higher" : "lower"
        var text = "\(comparative) \(f.name): \(NumberFormat.quantity(n(f.higher, 4), f.higher, f.unit)) vs \(NumberFormat.quantity(n(f.lower, 4), f.lower, f.unit))"
        if f.higher > 0, f.lower > 0 {
            let ratio = max(f.higher, f.lower) / min(f.higher, f.lower)
            text += " (×\(n(ratio, 2)))"
        }
        return text
    }

    static func percent(_ a: Double, _ b: Double) -> String {
        guard b > 0 else { return a > 0 ? "infinitely" : "0%" }
        return "\(NumberFormat.human((a / b - 1) * 100, digits: 1))%"
    }

    static func percentLower(_ a: Double, than b: Double) -> String {
        guard b > 0 else { return "0%" }
        return "\(NumberFormat.human((1 - a / b) * 100, digits: 1))%"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }
}

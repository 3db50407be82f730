/// RICE, for teams coming from it: reach · impact · confidence / effort.
/// Reach is the item's total reach; effort is `effort`, else `cost`.
public enum RICEModel {
    /// Scores `item` under `config` (which supplies the default confidence).
    public static func score(_ item: Item, config: Config) -> ScoredItem {
        let reach = item.totalReach
        let impact = item.riceImpact ?? 0
        let confidence = item.confidence?.point ?? config.defaultConfidence
        let effort = (item.effort ?? item.cost)?.point ?? 1
        let value = reach * impact * confidence
        return ScoredItem(item: item, value: value, cost: effort, score: value / effort,
                          factors: .rice(RICEFactors(reach: reach, impact: impact, confidence: confidence, effort: effort)))
    }
}

/// What the `rice` model says about its own inputs and formula, wherever they are shown.
extension RICEModel {
    /// The item fields only this model reads.
    static let fields = ["impact", "effort"]

    /// Reads `key` into `item` when it is one of this model's fields; false otherwise.
    static func read(_ key: String, _ value: YAMLNode, into item: inout Item, fields: inout FieldReader) -> Bool {
        switch key {
        case "effort":
            item.effort = fields.estimate(value, field: key, check: BacklogFileLoader.positive)
        case "impact":
            if let v = fields.number(value, field: key) {
                if [3, 2, 1, 0.5, 0.25].contains(v) {
                    item.riceImpact = v
                } else {
                    fields.error(.range, "'impact' is RICE's scale: 3 (massive), 2 (high), 1 (medium), 0.5 (low) or 0.25 (minimal), found \(NumberFormat.plain(v))", at: value.location)
                }
            }
        default:
            return false
        }
        return true
    }

    /// The fields an open item lacks for this model to score it.
    static func missingInputs(_ item: Item) -> [String] {
        var missing: [String] = []
        if item.reach.isEmpty { missing.append("reach") }
        if item.riceImpact == nil { missing.append("impact") }
        if item.effort == nil, item.cost == nil { missing.append("effort") }
        return missing
    }

    /// The formula in words, for `RANKING.md`.
    static let formulaMarkdown = "**Score** (RICE) = reach × impact × confidence ÷ effort.\n"

    /// The formula with the item's numbers, for `explain`.
    static func explainFormula(_ s: ScoredItem, _ f: RICEFactors) -> String {
        let n = NumberFormat.human
        return "score = reach × impact × confidence ÷ effort\n      = \(n(f.reach, 0)) × \(n(f.impact, 2)) × \(n(f.confidence, 2)) ÷ \(n(f.effort, 2))\n      = \(n(s.score, 2))\n"
    }

    /// How one item's factors compare with another's.
    static func comparisons(_ a: RICEFactors, over b: RICEFactors) -> [FactorComparison] {
        [
            FactorComparison(name: "reach", higher: a.reach, lower: b.reach, moreIsBetter: true),
            FactorComparison(name: "impact", higher: a.impact, lower: b.impact, moreIsBetter: true),
            FactorComparison(name: "confidence", higher: a.confidence, lower: b.confidence, moreIsBetter: true),
            FactorComparison(name: "effort", higher: a.effort, lower: b.effort, moreIsBetter: false),
        ]
    }

    /// The factors' fields in `ranking.json` (inside its `factors` object).
    static func appendJSON(_ f: RICEFactors, to w: inout JSONTextWriter) {
        w.field("reach", f.reach); w.field("impact", f.impact); w.field("confidence", f.confidence); w.field("effort", f.effort)
    }

    /// The inputs the change log compares for this model (besides need and dependencies).
    static func changeLogInputs(_ f: RICEFactors, into inputs: inout [String: String]) {
        let json = NumberFormat.json
        inputs["reach"] = json(f.reach); inputs["impact"] = json(f.impact)
        inputs["effort"] = json(f.effort); inputs["confidence"] = json(f.confidence)
    }
}

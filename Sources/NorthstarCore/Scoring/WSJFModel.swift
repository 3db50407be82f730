/// Weighted shortest job first, for teams coming from SAFe:
/// (business value + time criticality + risk reduction) / job size.
/// Job size is `job_size`, else `cost`.
public enum WSJFModel {
    /// Scores `item`.
    public static func score(_ item: Item) -> ScoredItem {
        let bv = item.businessValue?.point ?? 0
        let tc = item.timeCriticality?.point ?? 0
        let rr = item.riskReduction?.point ?? 0
        let size = (item.jobSize ?? item.cost)?.point ?? 1
        let value = bv + tc + rr
        return ScoredItem(item: item, value: value, cost: size, score: value / size,
                          factors: .wsjf(WSJFFactors(businessValue: bv, timeCriticality: tc, riskReduction: rr, jobSize: size)))
    }
}

/// What the `wsjf` model says about its own inputs and formula, wherever they are shown.
extension WSJFModel {
    /// The item fields only this model reads.
    static let fields = ["business_value", "time_criticality", "risk_reduction", "job_size"]

    /// Reads `key` into `item` when it is one of this model's fields; false otherwise.
    static func read(_ key: String, _ value: YAMLNode, into item: inout Item, fields: inout FieldReader) -> Bool {
        switch key {
        case "job_size": item.jobSize = fields.estimate(value, field: key, check: BacklogFileLoader.positive)
        case "business_value": item.businessValue = fields.estimate(value, field: key, check: BacklogFileLoader.nonNegative)
        case "time_criticality": item.timeCriticality = fields.estimate(value, field: key, check: BacklogFileLoader.nonNegative)
        case "risk_reduction": item.riskReduction = fields.estimate(value, field: key, check: BacklogFileLoader.nonNegative)
        default: return false
        }
        return true
    }

    /// The fields an open item lacks for this model to score it.
    static func missingInputs(_ item: Item) -> [String] {
        var missing: [String] = []
        if item.businessValue == nil { missing.append("business_value") }
        if item.timeCriticality == nil { missing.append("time_criticality") }
        if item.riskReduction == nil { missing.append("risk_reduction") }
        if item.jobSize == nil, item.cost == nil { missing.append("job_size") }
        return missing
    }

    /// The formula in words, for `RANKING.md`.
    static let formulaMarkdown = "**Score** (WSJF) = (business value + time criticality + risk reduction) ÷ job size.\n"

    /// The formula with the item's numbers, for `explain`.
    static func explainFormula(_ s: ScoredItem, _ f: WSJFFactors) -> String {
        let n = NumberFormat.human
        return "score = (business value + time criticality + risk reduction) ÷ job size\n      = (\(n(f.businessValue, 2)) + \(n(f.timeCriticality, 2)) + \(n(f.riskReduction, 2))) ÷ \(n(f.jobSize, 2))\n      = \(n(s.score, 2))\n"
    }

    /// How one item's factors compare with another's.
    static func comparisons(_ a: WSJFFactors, over b: WSJFFactors) -> [FactorComparison] {
        [
            FactorComparison(name: "cost of delay", higher: a.businessValue + a.timeCriticality + a.riskReduction,
                             lower: b.businessValue + b.timeCriticality + b.riskReduction, moreIsBetter: true),
            FactorComparison(name: "job size", higher: a.jobSize, lower: b.jobSize, moreIsBetter: false),
        ]
    }

    /// The factors' fields in `ranking.json` (inside its `factors` object).
    static func appendJSON(_ f: WSJFFactors, to w: inout JSONTextWriter) {
        w.field("business_value", f.businessValue); w.field("time_criticality", f.timeCriticality)
        w.field("risk_reduction", f.riskReduction); w.field("job_size", f.jobSize)
    }

    /// The inputs the change log compares for this model (besides need and dependencies).
    static func changeLogInputs(_ f: WSJFFactors, into inputs: inout [String: String]) {
        let json = NumberFormat.json
        inputs["business_value"] = json(f.businessValue); inputs["time_criticality"] = json(f.timeCriticality)
        inputs["risk_reduction"] = json(f.riskReduction); inputs["job_size"] = json(f.jobSize)
    }
}

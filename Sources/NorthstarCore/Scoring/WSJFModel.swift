/// Weighted shortest job first, for teams coming from SAFe:
/// (business value + time criticality + risk reduction) / job size.
/// Job size is `job_size`, else `cost`.
public struct WSJFModel: ScoringModel {
    /// The model.
    public init() {}

    /// `scoring.model: wsjf`.
    public var name: String { "wsjf" }

    /// The three parts of the cost of delay, and the job size.
    public var itemFields: [ModelField] {
        [
            .estimate("business_value", ItemFields.share, summary: "WSJF: user and business value, a part of the cost of delay"),
            .estimate("time_criticality", ItemFields.share, summary: "WSJF: how much value is lost by waiting, a part of the cost of delay"),
            .estimate("risk_reduction", ItemFields.share, summary: "WSJF: risk reduction and opportunity enablement, a part of the cost of delay"),
            .estimate("job_size", ItemFields.amount, summary: "WSJF: the job size the cost of delay is divided by"),
        ]
    }

    /// Scores `item`.
    public func score(_ item: Item, context: ScoringContext) -> ScoredItem {
        let inputs = item.modelInputs
        let bv = inputs["business_value"]?.point ?? 0
        let tc = inputs["time_criticality"]?.point ?? 0
        let rr = inputs["risk_reduction"]?.point ?? 0
        let size = (inputs["job_size"] ?? item.cost)?.point ?? 1
        let value = bv + tc + rr
        let figures = ModelFigures(model: name, ["business_value": bv, "time_criticality": tc, "risk_reduction": rr, "job_size": size])
        return ScoredItem(item: item, value: value, cost: size, score: value / size, factors: .figures(figures))
    }

    /// (business value + time criticality + risk reduction) ÷ job size.
    public func uncertainScore(_ item: Item, context: ScoringContext) -> UncertainScore? {
        var inputs = UncertainInputs()
        let terms = ["business_value", "time_criticality", "risk_reduction"].map {
            UncertainScore.Term(weight: 1, inputs: [inputs.add(item.modelInputs[$0] ?? Estimate(0))])
        }
        let size = inputs.add(item.modelInputs["job_size"] ?? item.cost ?? Estimate(1))
        return UncertainScore(inputs: inputs.inputs, terms: terms, divisor: size)
    }

    /// The three parts of the cost of delay, and the job size (or cost).
    public func missingInputs(_ item: Item) -> [String] {
        var missing = ["business_value", "time_criticality", "risk_reduction"].filter { item.modelInputs[$0] == nil }
        if item.modelInputs["job_size"] == nil, item.cost == nil { missing.append("job_size") }
        return missing
    }

    /// The formula in words, for `RANKING.md`.
    public func formulaMarkdown(_ config: Config) -> String {
        "**Score** (WSJF) = (business value + time criticality + risk reduction) ÷ job size.\n"
    }

    /// The formula with the item's numbers, for `explain`.
    public func explainFormula(_ s: ScoredItem, config: Config) -> String {
        guard let f = figures(of: s) else { return "" }
        let n = NumberFormat.human
        return "score = (business value + time criticality + risk reduction) ÷ job size\n      = (\(n(f["business_value"], 2)) + \(n(f["time_criticality"], 2)) + \(n(f["risk_reduction"], 2))) ÷ \(n(f["job_size"], 2))\n      = \(n(s.score, 2))\n"
    }

    /// The cost of delay and the job size against the other item's.
    public func comparisons(_ top: ScoredItem, over bottom: ScoredItem, config: Config) -> (factors: [FactorComparison], extras: [String])? {
        guard let a = figures(of: top), let b = figures(of: bottom) else { return nil }
        let delay = { (f: ModelFigures) in f["business_value"] + f["time_criticality"] + f["risk_reduction"] }
        return ([
            FactorComparison(name: "cost of delay", higher: delay(a), lower: delay(b), moreIsBetter: true),
            FactorComparison(name: "job size", higher: a["job_size"], lower: b["job_size"], moreIsBetter: false),
        ], [])
    }
}

extension ScoringModelKind {
    /// (business value + time criticality + risk reduction) / job size.
    public static let wsjf = ScoringModelKind(WSJFModel())
}

/// RICE, for teams coming from it: reach · impact · confidence / effort.
/// Reach is the item's total reach; effort is `effort`, else `cost`.
public struct RICEModel: ScoringModel {
    /// The model.
    public init() {}

    /// `scoring.model: rice`.
    public var name: String { "rice" }

    /// `impact` on RICE's scale, and `effort`.
    public var itemFields: [ModelField] {
        [ModelField("impact", shape: .figures(Self.impactScale), summary: "RICE's impact: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal",
                    clean: .figure(in: Self.impactScale), read: Self.readImpact),
         .estimate("effort", ItemFields.amount, summary: "RICE's effort (person-months, or the team's unit); cost stands in when it is left out")]
    }

    /// RICE's impact scale: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.
    static let impactScale: [Double] = [3, 2, 1, 0.5, 0.25]

    /// Reads an impact on RICE's scale.
    @Sendable static func readImpact(_ node: YAMLNode, _ fields: inout FieldReader) -> Estimate? {
        guard let v = fields.number(node, field: "impact") else { return nil }
        guard impactScale.contains(v) else {
            fields.error(.range, "'impact' is RICE's scale: 3 (massive), 2 (high), 1 (medium), 0.5 (low) or 0.25 (minimal), found \(NumberFormat.plain(v))", at: node.location)
            return nil
        }
        return Estimate(v)
    }

    /// Scores `item`; the config supplies the default confidence.
    public func score(_ item: Item, context: ScoringContext) -> ScoredItem {
        let reach = item.totalReach
        let impact = item.modelInputs["impact"]?.point ?? 0
        let confidence = item.confidence?.point ?? context.config.defaultConfidence
        let effort = (item.modelInputs["effort"] ?? item.cost)?.point ?? 1
        let value = reach * impact * confidence
        let figures = ModelFigures(model: name, ["reach": reach, "impact": impact, "confidence": confidence, "effort": effort])
        return ScoredItem(item: item, value: value, cost: effort, score: value / effort, factors: .figures(figures))
    }

    /// Σ reach(g) · impact · confidence ÷ effort.
    public func uncertainScore(_ item: Item, context: ScoringContext) -> UncertainScore? {
        var inputs = UncertainInputs()
        let terms = item.reach.map { UncertainScore.Term(weight: 1, inputs: [inputs.add($0.value)]) }
        let impact = inputs.add(item.modelInputs["impact"] ?? Estimate(0))
        let confidence = inputs.add(item.confidence ?? Estimate(context.config.defaultConfidence))
        let effort = inputs.add(item.modelInputs["effort"] ?? item.cost ?? Estimate(1))
        return UncertainScore(inputs: inputs.inputs, terms: terms, multipliers: [impact, confidence], divisor: effort)
    }

    /// Reach, impact, and effort (or cost).
    public func missingInputs(_ item: Item) -> [String] {
        var missing: [String] = []
        if item.reach.isEmpty { missing.append("reach") }
        if item.modelInputs["impact"] == nil { missing.append("impact") }
        if item.modelInputs["effort"] == nil, item.cost == nil { missing.append("effort") }
        return missing
    }

    /// The formula in words, for `RANKING.md`.
    public func formulaMarkdown(_ config: Config) -> String {
        "**Score** (RICE) = reach × impact × confidence ÷ effort.\n"
    }

    /// The formula with the item's numbers, for `explain`.
    public func explainFormula(_ s: ScoredItem, config: Config) -> String {
        guard let f = figures(of: s) else { return "" }
        let n = NumberFormat.human
        return "score = reach × impact × confidence ÷ effort\n      = \(n(f["reach"], 0)) × \(n(f["impact"], 2)) × \(n(f["confidence"], 2)) ÷ \(n(f["effort"], 2))\n      = \(n(s.score, 2))\n"
    }

    /// Each factor against the other item's.
    public func comparisons(_ top: ScoredItem, over bottom: ScoredItem, config: Config) -> (factors: [FactorComparison], extras: [String])? {
        guard let a = figures(of: top), let b = figures(of: bottom) else { return nil }
        return ([
            FactorComparison(name: "reach", higher: a["reach"], lower: b["reach"], moreIsBetter: true),
            FactorComparison(name: "impact", higher: a["impact"], lower: b["impact"], moreIsBetter: true),
            FactorComparison(name: "confidence", higher: a["confidence"], lower: b["confidence"], moreIsBetter: true),
            FactorComparison(name: "effort", higher: a["effort"], lower: b["effort"], moreIsBetter: false),
        ], [])
    }
}

extension ScoringModelKind {
    /// reach x impact x confidence / effort.
    public static let rice = ScoringModelKind(RICEModel())
}

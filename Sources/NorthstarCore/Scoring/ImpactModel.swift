/// Northstar's scoring model `impact` (README: "How the score is computed"): equity-weighted need-people served per
/// unit of cost, discounted for uncertainty and scaled by mission fit.
///
///     alignment          = Σ_o weight(o) · contribution(o) / Σ_o weight(o)
///     weighted need-reach = Σ_g reach(g) · need(g) · equity(g)
///     impact             = S(weighted need-reach)        S = identity | sqrt | log1p
///     value              = alignment · impact · confidence
///     score              = value / cost
public struct ImpactModel: ScoringModel {
    /// The model.
    public init() {}

    /// `scoring.model: impact`, the default.
    public var name: String { "impact" }
    /// Northstar's own fields are every model's; this one reads none of its own.
    public var itemFields: [ModelField] { [] }
    /// Alignment is a factor: an item that serves no objective scores 0.
    public var readsObjectives: Bool { true }

    /// Scores `item` with the config's figures prepared once for the whole backlog.
    public func score(_ item: Item, context: ScoringContext) -> ScoredItem {
        Self.score(item, context: context)
    }

    /// Scores `item` under `config`. The item must have passed validation (need, reach, cost).
    public static func score(_ item: Item, config: Config) -> ScoredItem {
        score(item, context: ScoringContext(config))
    }

    /// Scores `item` with the config's figures prepared once for the whole backlog.
    public static func score(_ item: Item, context: ScoringContext) -> ScoredItem {
        let config = context.config
        let totalWeight = context.totalWeight
        let objectiveParts = context.objectivesByID.map { o in
            let contribution = item.objectives[o.id] ?? 0
            let part = totalWeight > 0 ? o.weight * contribution / totalWeight : 0
            return ObjectivePart(objective: o.id, weight: o.weight, contribution: contribution, part: part)
        }
        let alignment = objectiveParts.reduce(0) { $0 + $1.part }

        let groupParts = item.reach.map { g, estimate in
            let reach = estimate.point
            let need = item.need?.estimate(for: g)?.point ?? 0
            let equity = config.equity.weight(for: g)
            return GroupPart(group: g, reach: reach, need: need, equity: equity, part: reach * need * equity)
        }
        let weightedNeedReach = groupParts.reduce(0) { $0 + $1.part }
        let impact = config.reachScale.apply(weightedNeedReach)

        let confidence = item.confidence?.point ?? config.defaultConfidence
        let cost = item.cost?.point ?? 1
        let value = alignment * impact * confidence
        let factors = ImpactFactors(
            alignment: alignment, objectiveParts: objectiveParts,
            weightedNeedReach: weightedNeedReach, groupParts: groupParts,
            impact: impact, reachScale: config.reachScale,
            confidence: confidence, confidenceIsDefault: item.confidence == nil)
        return ScoredItem(item: item, value: value, cost: cost, score: value / cost, factors: .impact(factors))
    }
}

/// The `impact` score over its estimates: reach and need per group, confidence and cost.
extension ImpactModel {
    /// alignment · S(Σ_g reach(g) · need(g) · equity(g)) · confidence ÷ cost, in the order
    /// `score` sums the parts.
    public func uncertainScore(_ item: Item, context: ScoringContext) -> UncertainScore? {
        let config = context.config
        let totalWeight = context.totalWeight
        let alignment = context.objectivesByID.reduce(0.0) { sum, o in
            sum + (totalWeight > 0 ? o.weight * (item.objectives[o.id] ?? 0) / totalWeight : 0)
        }
        var inputs = UncertainInputs()
        var sharedNeed: Int?
        if case .uniform(let e) = item.need { sharedNeed = inputs.add(e) }
        let terms = item.reach.map { g, estimate in
            let reach = inputs.add(estimate)
            let need = sharedNeed ?? inputs.add(item.need?.estimate(for: g) ?? Estimate(0))
            return UncertainScore.Term(weight: config.equity.weight(for: g), inputs: [reach, need])
        }
        let confidence = inputs.add(item.confidence ?? Estimate(config.defaultConfidence))
        let cost = inputs.add(item.cost ?? Estimate(1))
        return UncertainScore(inputs: inputs.inputs, factor: alignment, terms: terms, scale: config.reachScale,
                              multipliers: [confidence], divisor: cost)
    }
}

/// What the `impact` model says about its own inputs and formula, wherever they are shown.
extension ImpactModel {
    /// Need, reach and cost.
    public func missingInputs(_ item: Item) -> [String] {
        var missing: [String] = []
        if item.need == nil { missing.append("need") }
        if item.reach.isEmpty { missing.append("reach") }
        if item.cost == nil { missing.append("cost") }
        return missing
    }

    /// The reach scale, beside the model's name in `RANKING.md`.
    public func settingsNote(_ config: Config) -> String { " (reach scale: \(config.reachScale.rawValue))" }

    /// The formula in words, for `RANKING.md`.
    public func formulaMarkdown(_ c: Config) -> String {
        let s: String
        switch c.reachScale {
        case .linear: s = "weighted need-reach"
        case .sqrt: s = "√(weighted need-reach)"
        case .log: s = "ln(1 + weighted need-reach)"
        }
        return "**Score** = alignment × \(s) × confidence ÷ cost (\(RankingMarkdown.escape(c.costUnit))), where weighted need-reach = Σ over groups of people reached × need (1–5) × equity weight, and alignment = Σ objective weight × contribution ÷ total weight.\n"
    }

    /// The formula with the item's numbers, for `explain`.
    public func explainFormula(_ s: ScoredItem, config c: Config) -> String {
        guard case .impact(let f) = s.factors else { return "" }
        let unit = c.costUnit
        let cost = NumberFormat.quantity(NumberFormat.human(s.cost, digits: 2), s.cost, unit)
        var out = TextBuffer(capacity: 640)
        out.add("score = alignment × impact × confidence ÷ cost\n      = ")
        out.add(f.alignment, digits: 4); out.add(" × "); out.add(f.impact, digits: 2); out.add(" × ")
        out.add(f.confidence, digits: 2); out.add(" ÷ "); out.add(cost); out.add("\n      = ")
        out.add(s.score, digits: 2); out.add("\n\n")
        let total = c.totalObjectiveWeight
        out.add("alignment = Σ objective weight × contribution ÷ total weight ("); out.add(total, digits: 2); out.add(")\n")
        var width = 0
        for p in f.objectiveParts where p.contribution > 0 { width = max(width, p.objective.count) }
        for g in f.groupParts { width = max(width, g.group.count) }
        var anyPart = false
        for p in f.objectiveParts where p.contribution > 0 {
            anyPart = true
            out.add("  "); out.add(p.objective, paddedTo: width); out.add("  ")
            out.add(p.weight, digits: 2); out.add(" × "); out.add(p.contribution, digits: 2); out.add(" ÷ ")
            out.add(total, digits: 2); out.add(" = "); out.add(p.part, digits: 4); out.add("\n")
        }
        if !anyPart { out.add("  (contributes to no configured objective)\n") }
        out.add("  "); out.add("total", paddedTo: width); out.add("  = "); out.add(f.alignment, digits: 4)
        out.add("\n\nweighted need-reach = Σ people reached × need × equity weight\n")
        for g in f.groupParts {
            out.add("  "); out.add(g.group, paddedTo: width); out.add("  ")
            out.add(g.reach, digits: 0); out.add(" × "); out.add(g.need, digits: 2); out.add(" × ")
            out.add(g.equity, digits: 2); out.add(" = "); out.add(g.part, digits: 2); out.add("\n")
        }
        out.add("  "); out.add("total", paddedTo: width); out.add("  = "); out.add(f.weightedNeedReach, digits: 2); out.add("\n\n")
        switch f.reachScale {
        case .linear:
            out.add("impact = weighted need-reach = "); out.add(f.impact, digits: 2); out.add(" (reach scale linear)\n")
        case .sqrt:
            out.add("impact = √"); out.add(f.weightedNeedReach, digits: 2); out.add(" = "); out.add(f.impact, digits: 2); out.add(" (reach scale sqrt)\n")
        case .log:
            out.add("impact = ln(1 + "); out.add(f.weightedNeedReach, digits: 2); out.add(") = "); out.add(f.impact, digits: 4); out.add(" (reach scale log)\n")
        }
        out.add("confidence = "); out.add(f.confidence, digits: 2)
        out.add(f.confidenceIsDefault ? " (the config's default: the item states none)\n" : "\n")
        out.add("cost = "); out.add(cost); out.add("\n")
        return out.text
    }

    /// How `top` compares with `bottom` factor by factor, and what `top` has that `bottom`
    /// lacks altogether (a group reached, an objective served).
    public func comparisons(_ top: ScoredItem, over bottom: ScoredItem, config c: Config) -> (factors: [FactorComparison], extras: [String])? {
        guard case .impact(let a) = top.factors, case .impact(let b) = bottom.factors else { return nil }
        let n = NumberFormat.human
        let factors = [
            FactorComparison(name: "alignment", higher: a.alignment, lower: b.alignment, moreIsBetter: true),
            FactorComparison(name: "weighted need-reach", higher: a.weightedNeedReach, lower: b.weightedNeedReach, moreIsBetter: true),
            FactorComparison(name: "confidence", higher: a.confidence, lower: b.confidence, moreIsBetter: true),
            FactorComparison(name: "cost", higher: top.cost, lower: bottom.cost, moreIsBetter: false, unit: c.costUnit),
        ]
        var extras: [String] = []
        let bGroups = Set(b.groupParts.filter { $0.reach > 0 }.map(\.group))
        for g in a.groupParts where g.reach > 0 && !bGroups.contains(g.group) {
            extras.append("reaches \(n(g.reach, 0)) people in '\(g.group)' (equity weight \(n(g.equity, 2)), need \(n(g.need, 2)))")
        }
        let bObjectives = Set(b.objectiveParts.filter { $0.contribution > 0 }.map(\.objective))
        for p in a.objectiveParts where p.contribution > 0 && !bObjectives.contains(p.objective) {
            extras.append("serves objective '\(c.objective(p.objective)?.name ?? p.objective)' (contribution \(n(p.contribution, 2)), weight \(n(p.weight, 2)))")
        }
        return (factors, extras)
    }

    /// The factors' fields in `ranking.json` (inside its `factors` object).
    static func appendJSON(_ f: ImpactFactors, to w: inout JSONTextWriter) {
        w.field("alignment", f.alignment)
        w.key("objectives"); w.open(0x7B)
        for p in f.objectiveParts where p.contribution > 0 {
            w.key(named: p.objective); w.open(0x7B)
            w.field("weight", p.weight); w.field("contribution", p.contribution); w.field("part", p.part)
            w.close(0x7D)
        }
        w.close(0x7D)
        w.field("weighted_need_reach", f.weightedNeedReach)
        w.key("groups"); w.open(0x7B)
        for g in f.groupParts {
            w.key(named: g.group); w.open(0x7B)
            w.field("reach", g.reach); w.field("need", g.need); w.field("equity", g.equity); w.field("part", g.part)
            w.close(0x7D)
        }
        w.close(0x7D)
        w.field("impact", f.impact)
        w.field("confidence", f.confidence)
        w.field("confidence_source", f.confidenceIsDefault ? "default" : "item")
    }

    /// The inputs the change log compares for this model (besides need and dependencies).
    static func changeLogInputs(_ s: ScoredItem, _ f: ImpactFactors, into inputs: inout [String: String]) {
        let json = NumberFormat.json
        for g in f.groupParts { inputs["reach.\(g.group)"] = json(g.reach) }
        for p in f.objectiveParts where p.contribution > 0 { inputs["objectives.\(p.objective)"] = json(p.contribution) }
        if !f.confidenceIsDefault { inputs["confidence"] = json(f.confidence) }
        inputs["cost"] = json(s.cost)
    }
}

extension ScoringModelKind {
    /// Northstar's need x reach x equity x alignment x confidence / cost (README: "How the score is computed").
    public static let impact = ScoringModelKind(ImpactModel())
}

/// Northstar's scoring model `impact` (README: "How the score is computed"): equity-weighted need-people served per
/// unit of cost, discounted for uncertainty and scaled by mission fit.
///
///     alignment          = Σ_o weight(o) · contribution(o) / Σ_o weight(o)
///     weighted need-reach = Σ_g reach(g) · need(g) · equity(g)
///     impact             = S(weighted need-reach)        S = identity | sqrt | log1p
///     value              = alignment · impact · confidence
///     score              = value / cost
public enum ImpactModel {
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

        let groupParts = (item.reach.count == 1 ? Array(item.reach.keys) : item.reach.keys.sorted()).map { g in
            let reach = item.reach[g]?.point ?? 0
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

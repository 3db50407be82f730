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

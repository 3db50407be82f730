/// Scores an item with the model the config names.
public enum Scoring {
    /// The item's score and factors under `config.model`.
    public static func score(_ item: Item, config: Config) -> ScoredItem {
        switch config.model {
        case .impact: return ImpactModel.score(item, config: config)
        case .rice: return RICEModel.score(item, config: config)
        case .wsjf: return WSJFModel.score(item)
        }
    }
}

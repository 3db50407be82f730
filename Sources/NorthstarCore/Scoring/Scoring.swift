/// The config's figures that every score needs, prepared once per evaluation rather than
/// once per item.
public struct ScoringContext: Sendable {
    /// The config.
    public let config: Config
    /// Objectives in id order (the order parts are summed in, for identical sums everywhere).
    public let objectivesByID: [Objective]
    /// Sum of all objective weights.
    public let totalWeight: Double

    /// The context for `config`.
    public init(_ config: Config) {
        self.config = config
        objectivesByID = config.objectives.sorted { $0.id < $1.id }
        totalWeight = config.totalObjectiveWeight
    }
}

/// Scores an item with the model the config names.
public enum Scoring {
    /// The item's score and factors under `config.model`.
    public static func score(_ item: Item, config: Config) -> ScoredItem {
        score(item, context: ScoringContext(config))
    }

    /// The item's score and factors, with the config prepared once.
    public static func score(_ item: Item, context: ScoringContext) -> ScoredItem {
        context.config.model.score(item, context: context)
    }
}

/// What a Monte Carlo's figures follow from: the config, the ranked items in order (with their
/// estimates, status and funding pins) and their dependencies. A daemon pass whose draw inputs
/// equal the last analysed pass's keeps its figures rather than drawing them again. Its own
/// arrays, so keeping it never shares (and so never copies) the evaluation's ranking.
public struct DrawInputs: Sendable {
    private let config: Config
    private let scores: [Double]
    private let items: [Item]
    private let blockedBy: [String: [String]]

    /// The inputs of `e`'s draws.
    public init(_ e: Evaluation) {
        config = e.config
        scores = e.ranked.map(\.scored.score)
        items = e.ranked.map(\.item)
        blockedBy = e.links.blockedBy
    }

    /// Whether `e`'s draws would give exactly the figures drawn for these inputs.
    public func match(_ e: Evaluation) -> Bool {
        guard config == e.config, scores.count == e.ranked.count else { return false }
        // Scores first: an edit that moves anything shows there, long before a deep comparison.
        for (score, r) in zip(scores, e.ranked) where score != r.scored.score { return false }
        for (item, r) in zip(items, e.ranked) where item != r.item { return false }
        return blockedBy == e.links.blockedBy
    }
}

import NorthstarCore

/// Renders each ranked item's lines and change-log entry — the per-item work behind every
/// output — across the cores, reusing what a `RankingMemo` remembers from the previous pass.
public enum ItemPreparation {
    /// What the outputs and the change log are assembled from.
    public struct PreparedOutputs: Sendable {
        /// Each ranked item's lines, in rank order.
        public var rows: [ItemLines]
        /// The closed items' part of `ranking.json`.
        public var closedJSON: [UInt8]
        /// The ranking as the change log compares it.
        public var snapshot: RankingSnapshot
        /// How many items had to be rendered (the rest came from the memo).
        public var rendered: Int

        /// Where the outputs take the items' lines from.
        public var lines: ItemLineSource { .remembered(rows, closed: closedJSON) }
    }

    /// Prepares `e`'s items, taking unchanged ones from what `ranking` remembers and
    /// remembering the new ones.
    public static func prepare(_ e: Evaluation, ranking: inout IncrementalRanking) -> PreparedOutputs {
        let result = ranking.prepare(e) { indices, body in
            Parallel.map(indices.count, minimumChunk: 512) { body(indices[$0]) }
        }
        return PreparedOutputs(rows: result.rows, closedJSON: result.closedJSON, snapshot: result.snapshot, rendered: result.rendered)
    }
}

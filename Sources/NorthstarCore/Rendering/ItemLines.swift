/// One ranked item as it appears in each ranking file, without its rank (and where it stands
/// on the report's need-and-reach chart).
///
/// An item's line depends on the item, its score, whether it is stale and the config — not on
/// where it ranks — so the lines are rendered once per item and each file is assembled from
/// them with the current ranks. The daemon keeps them between recomputations: after a one-item
/// edit in a 100,000-item backlog only that item's lines are rendered again.
public struct ItemLines: Sendable, Equatable {
    /// The item's id, kept beside its lines so that the cells that depend on the other items
    /// are found without reading the item again.
    public var id: String
    /// The three lines one after the other, in one buffer: the daemon copies 100,000 of these
    /// per pass, and each copy is then one reference count instead of three.
    private var bytes: [UInt8]
    /// Where the `ranking.json` line ends and the `ranking.csv` line ends in `bytes`.
    private var jsonEnd: Int, csvEnd: Int
    /// Where the item stands on the report's need-and-reach chart (nil: not worked out with
    /// these lines, so the chart reads the item). Part of equality: lines made with `init` and
    /// by `render` differ in it.
    var chart: NeedReachChart.Figures?

    /// The lines of the item `id`.
    public init(id: String, json: [UInt8], csv: [UInt8], markdown: [UInt8]) {
        self.id = id
        var bytes: [UInt8] = []
        bytes.reserveCapacity(json.count + csv.count + markdown.count)
        bytes += json
        bytes += csv
        bytes += markdown
        self.bytes = bytes
        jsonEnd = json.count
        csvEnd = json.count + csv.count
    }

    /// The item's `ranking.json` object after its rank: `"id": ..., ..., "source": "..."}`.
    public var json: ArraySlice<UInt8> { bytes[0..<jsonEnd] }
    /// The item's `ranking.csv` cells after the rank cell, comma first, with the line break.
    public var csv: ArraySlice<UInt8> { bytes[jsonEnd..<csvEnd] }
    /// The item's `RANKING.md` table cells after the rank cell, with the line break.
    public var markdown: ArraySlice<UInt8> { bytes[csvEnd...] }

    /// The rows of `r` (its rank is ignored) under `config`.
    public static func render(_ r: RankedItem, config: Config) -> ItemLines {
        var lines = ItemLines(id: r.item.id, json: RankingJSON.itemBody(r), csv: RankingCSV.rowTail(r, config: config),
                              markdown: RankingMarkdown.rowTail(r, config: config))
        lines.chart = NeedReachChart.figures(r.scored)
        return lines
    }

    /// The rows of every ranked item of `e`, in rank order.
    public static func render(_ e: Evaluation) -> [ItemLines] {
        e.ranked.map { render($0, config: e.config) }
    }
}

/// The parts of a ranked item's row that depend on the other items — what blocks it, what it
/// unblocks, whether the plan funds it, how sure its rank is — appended after the item's own
/// cells, which are remembered between passes while these are worked out on every pass.
enum ItemContext {
    /// `, "blocked_by": [...], "unblocks": [...], "funded": true, "uncertainty": {...}` before
    /// the object's closing brace, which `bytes` ends with (`index` is the item's in the ranking,
    /// `id` its id: given by the caller, who holds it already, so that these cells never read
    /// the item itself, which the other outputs' threads are reading at the same time).
    static func appendJSON(_ index: Int, id: String, _ e: Evaluation, to bytes: inout [UInt8]) {
        if bytes.last == 0x7D { bytes.removeLast() }
        // The fixed layout written straight, as `JSONTextWriter` writes it: this runs for every row.
        e.contextColumns.withContext(index, id: id, e) { blockedBy, unblocks, funded in
            bytes.append(contentsOf: Self.blockedByOpen)
            appendList(blockedBy, to: &bytes)
            bytes.append(contentsOf: Self.unblocksOpen)
            appendList(unblocks, to: &bytes)
            bytes.append(0x5D)
            if let funded { bytes.append(contentsOf: funded ? Self.fundedTrue : Self.fundedFalse) }
        }
        if let u = e.uncertainty, index < u.items.count {
            var w = JSONTextWriter(capacity: 256)
            let x = u.items[index]
            w.raw(", ")
            w.key("uncertainty"); w.open(0x7B)
            w.field("median_rank", x.medianRank); w.field("rank_p10", x.rankP10); w.field("rank_p90", x.rankP90)
            w.field(u.chanceIsFunded ? "p_funded" : "p_top", x.chance)
            w.close(0x7D)
            if index < u.sensitivity.count {
                w.raw(", ")
                w.key("sensitivity"); w.open(0x5B)
                for s in u.sensitivity[index] {
                    w.open(0x7B)
                    w.field("weight", s.weight); w.field("value", s.value)
                    for (key, crossing) in [("down", s.down), ("up", s.up)] {
                        w.key(named: key)
                        if let crossing {
                            w.open(0x7B); w.field("at", crossing.at); w.field("swaps_with", crossing.swapsWith); w.close(0x7D)
                        } else {
                            w.null()
                        }
                    }
                    w.close(0x7D)
                }
                w.close(0x5D)
            }
            w.append(to: &bytes)
        }
        bytes.append(0x7D)
    }

    private static let blockedByOpen = Array(", \"blocked_by\": [".utf8), unblocksOpen = Array("], \"unblocks\": [".utf8)
    private static let fundedTrue = Array(", \"funded\": true".utf8), fundedFalse = Array(", \"funded\": false".utf8)

    /// `ids` as JSON strings, separated by `, `.
    private static func appendList(_ ids: UnsafeBufferPointer<String>, to bytes: inout [UInt8]) {
        for (k, id) in ids.enumerated() {
            if k > 0 { bytes.append(0x2C); bytes.append(0x20) }
            JSONTextWriter.appendString(id, to: &bytes)
        }
    }

    /// The CSV's `blocked_by`, `unblocks` (with a plan `funded`, with the uncertainty analysis
    /// its figures and `how_sure`) cells before the line break that `bytes` ends with.
    static func appendCSV(_ index: Int, id: String, _ e: Evaluation, to bytes: inout [UInt8]) {
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        e.contextColumns.withContext(index, id: id, e) { blockedBy, unblocks, funded in
            RankingCSV.appendJoinedCell(blockedBy, to: &bytes)
            RankingCSV.appendJoinedCell(unblocks, to: &bytes)
            if let funded { RankingCSV.appendCell(funded ? "true" : "false", to: &bytes) }
        }
        if let u = e.uncertainty, index < u.items.count {
            let x = u.items[index]
            for n in [x.medianRank, x.rankP10, x.rankP90] { bytes.append(0x2C); NumberFormat.appendInteger(n, to: &bytes) }
            bytes.append(0x2C); NumberFormat.appendJSON(x.chance, to: &bytes)
            appendHowSureCell(x, u, to: &bytes)
        }
        bytes.append(0x0D); bytes.append(0x0A)
    }

    /// Appends `,` and the `how_sure` cell — `"12 (10–15), funded 87%"` — as
    /// `RankingCSV.appendCell(interval + ", " + chance, neutralised: true, to:)` writes it,
    /// straight from the figures: it holds a comma, so it is always quoted, and nothing in it
    /// is a quote or starts a formula (ranks are positive, so it starts with a digit).
    static func appendHowSureCell(_ x: RankUncertainty.Item, _ u: RankUncertainty, to bytes: inout [UInt8]) {
        bytes.append(0x2C); bytes.append(0x22)
        NumberFormat.appendInteger(x.medianRank, to: &bytes)
        if x.rankP10 != x.rankP90 {
            bytes.append(0x20); bytes.append(0x28)
            NumberFormat.appendInteger(x.rankP10, to: &bytes)
            bytes.append(contentsOf: Self.enDash)
            NumberFormat.appendInteger(x.rankP90, to: &bytes)
            bytes.append(0x29)
        }
        if u.chanceIsFunded {
            bytes.append(contentsOf: Self.fundedPrefix)
        } else {
            bytes.append(contentsOf: Self.topPrefix)
            NumberFormat.appendInteger(u.top, to: &bytes)
            bytes.append(0x3A); bytes.append(0x20)
        }
        UncertaintyText.appendPercent(x.chance, to: &bytes)
        bytes.append(0x22)
    }

    private static let enDash = Array("–".utf8), fundedPrefix = Array(", funded ".utf8), topPrefix = Array(", top ".utf8)

    /// The CSV's columns for these cells.
    static func csvColumns(_ e: Evaluation) -> [String] {
        ["blocked_by", "unblocks"] + (e.plan == nil ? [] : ["funded"])
            + (e.uncertainty.map { ["median_rank", "rank_p10", "rank_p90", $0.chanceIsFunded ? "p_funded" : "p_top", "how_sure"] } ?? [])
    }

    /// `RANKING.md`'s "Blocked by" (with a plan "Funded", with the uncertainty analysis "How
    /// sure") cells before the line break that `bytes` ends with.
    static func appendMarkdown(_ index: Int, id: String, _ e: Evaluation, to bytes: inout [UInt8]) {
        if bytes.last == 0x0A { bytes.removeLast() }
        let context = e.contextColumns.context(index, id: id, e)
        let blockers = context.blockedBy.map(RankingMarkdown.escape).joined(separator: ", ")
        bytes.append(contentsOf: (blockers.isEmpty ? " |" : " \(blockers) |").utf8)
        if let funded = context.funded { bytes.append(contentsOf: (funded ? " ✔ |" : " |").utf8) }
        if let u = e.uncertainty, index < u.items.count {
            let x = u.items[index]
            bytes.append(contentsOf: " \(UncertaintyText.interval(x)) · \(UncertaintyText.chance(x, u)) |".utf8)
        }
        bytes.append(0x0A)
    }

    /// `RANKING.md`'s header cells and alignment row cells for these columns.
    static func markdownColumns(_ e: Evaluation) -> (header: String, rule: String) {
        var columns = e.plan == nil ? (header: " Blocked by |", rule: "---|") : (header: " Blocked by | Funded |", rule: "---|:---:|")
        if e.uncertainty != nil {
            columns.header += " How sure |"
            columns.rule += "---|"
        }
        return columns
    }
}

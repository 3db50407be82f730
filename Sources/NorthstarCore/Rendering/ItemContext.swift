/// The parts of a ranked item's row that depend on the other items — what blocks it, what it
/// unblocks, and whether the plan funds it — appended after the item's own cells, which are
/// remembered between passes while these are worked out on every pass.
enum ItemContext {
    /// `, "blocked_by": [...], "unblocks": [...], "funded": true` before the object's closing
    /// brace, which `bytes` ends with.
    static func appendJSON(_ id: String, _ e: Evaluation, to bytes: inout [UInt8]) {
        if bytes.last == 0x7D { bytes.removeLast() }
        var w = JSONTextWriter(adopting: &bytes)
        w.raw(", ")
        w.key("blocked_by"); w.open(0x5B); for d in e.links.blockedBy[id] ?? [] { w.string(d) }; w.close(0x5D)
        w.raw(", ")
        w.key("unblocks"); w.open(0x5B); for d in e.links.unblocks[id] ?? [] { w.string(d) }; w.close(0x5D)
        if let plan = e.plan { w.raw(", "); w.key("funded"); w.bool(plan.isFunded(id)) }
        w.raw("}")
        w.finish(into: &bytes)
    }

    /// The CSV's `blocked_by`, `unblocks` (and with a plan `funded`) cells before the line break
    /// that `bytes` ends with.
    static func appendCSV(_ id: String, _ e: Evaluation, to bytes: inout [UInt8]) {
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        RankingCSV.appendCell((e.links.blockedBy[id] ?? []).joined(separator: " "), neutralised: true, to: &bytes)
        RankingCSV.appendCell((e.links.unblocks[id] ?? []).joined(separator: " "), neutralised: true, to: &bytes)
        if let plan = e.plan { RankingCSV.appendCell(plan.isFunded(id) ? "true" : "false", to: &bytes) }
        bytes.append(0x0D); bytes.append(0x0A)
    }

    /// The CSV's columns for these cells.
    static func csvColumns(_ e: Evaluation) -> [String] {
        ["blocked_by", "unblocks"] + (e.plan == nil ? [] : ["funded"])
    }

    /// `RANKING.md`'s "Blocked by" (and with a plan "Funded") cells before the line break that
    /// `bytes` ends with.
    static func appendMarkdown(_ id: String, _ e: Evaluation, to bytes: inout [UInt8]) {
        if bytes.last == 0x0A { bytes.removeLast() }
        let blockers = (e.links.blockedBy[id] ?? []).map(RankingMarkdown.escape).joined(separator: ", ")
        bytes.append(contentsOf: (blockers.isEmpty ? " |" : " \(blockers) |").utf8)
        if let plan = e.plan { bytes.append(contentsOf: (plan.isFunded(id) ? " ✔ |" : " |").utf8) }
        bytes.append(0x0A)
    }

    /// `RANKING.md`'s header cells and alignment row cells for these columns.
    static func markdownColumns(_ e: Evaluation) -> (header: String, rule: String) {
        e.plan == nil ? (" Blocked by |", "---|") : (" Blocked by | Funded |", "---|:---:|")
    }
}

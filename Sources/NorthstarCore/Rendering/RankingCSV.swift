/// Renders `ranking.csv` (RFC 4180): one row per ranked item, for spreadsheets.
/// Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) are prefixed
/// with `'` so a hostile title cannot execute.
public enum RankingCSV {
    /// The column names. Every figure is a number, so a spreadsheet sorts it; a range is its
    /// point (`likely`, else the midpoint) with `_low` and `_high` beside it, empty for a
    /// single figure.
    public static let header = ["rank", "id", "title", "status", "score", "value",
                                "cost", "cost_low", "cost_high", "alignment", "weighted_need_reach",
                                "confidence", "confidence_low", "confidence_high",
                                "need", "need_low", "need_high", "reach", "reach_low", "reach_high", "top_objective",
                                "depends_on", "tags", "owner", "stale", "source"]

    /// The file's text.
    public static func render(_ e: Evaluation) -> String {
        String(decoding: bytes(e, rows: ItemLines.render(e)), as: UTF8.self)
    }

    /// The file's bytes, with each row assembled from the rank and the item's cached cells.
    public static func bytes(_ e: Evaluation, rows: [ItemLines]) -> [UInt8] {
        assembly(e, lines: .remembered(rows)).bytes
    }

    /// The file in pieces: the header row, then one row per ranked item (from `lines`).
    public static func assembly(_ e: Evaluation, lines: ItemLineSource) -> OutputAssembly {
        let ranked = e.ranked
        let config = e.config
        let line: (Int, inout [UInt8]) -> Void
        switch lines {
        case .remembered(let rows, _):
            precondition(rows.count == ranked.count, "one set of rows per ranked item")
            line = { index, out in
                NumberFormat.appendInteger(ranked[index].rank, to: &out)
                out.append(contentsOf: rows[index].csv)
                ItemContext.appendCSV(index, id: rows[index].id, e, to: &out)
            }
        case .rendered:
            line = { index, out in
                NumberFormat.appendInteger(ranked[index].rank, to: &out)
                appendRowTail(ranked[index], config: config, to: &out)
                ItemContext.appendCSV(index, id: ranked[index].item.id, e, to: &out)
            }
        }
        return OutputAssembly(head: Array(((header + ItemContext.csvColumns(e)).joined(separator: ",") + "\r\n").utf8), count: ranked.count, tail: [], line: line)
    }

    /// The cells of `r`'s row after the rank — `,id,title,...,source` — and the line break.
    static func rowTail(_ r: RankedItem, config: Config) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(200)
        appendRowTail(r, config: config, to: &out)
        return out
    }

    /// Appends the cells of `r`'s row after the rank, and the line break, to `out`.
    static func appendRowTail(_ r: RankedItem, config: Config, to out: inout [UInt8]) {
        let i = r.item
        // Figures never need quoting (digits, '-', '.', 'e', or null).
        func number(_ x: Double) { out.append(0x2C); NumberFormat.appendJSON(x, to: &out) }
        func text(_ s: String) { appendCell(s, neutralised: true, to: &out) }
        func empty(_ n: Int = 1) { for _ in 0..<n { out.append(0x2C) } }
        func spread(_ range: (low: Double, high: Double)?) {
            if let range { number(range.low); number(range.high) } else { empty(2) }
        }
        func spread(_ e: Estimate?) { spread(e.flatMap { $0.isRange ? ($0.low, $0.high) : nil }) }
        text(i.id); text(i.title); appendCell(i.status.rawValue, to: &out)
        number(r.scored.score); number(r.scored.value); number(r.scored.cost); spread(i.cost)
        let figures = r.scored.factors.csvFigures
        if let x = figures.alignment { number(x) } else { empty() }
        if let x = figures.weightedNeedReach { number(x) } else { empty() }
        if let x = figures.confidence { number(x) } else { empty() }
        spread(i.confidence)
        if let need = ItemSummary.needFigure(i) { number(need) } else { empty() }
        spread(ItemSummary.needSpread(i))
        number(i.totalReach); spread(ItemSummary.reachSpread(i))
        text(ItemSummary.topObjective(r.scored, config: config))
        appendJoinedCell(i.dependsOn, to: &out); appendJoinedCell(i.tags, to: &out)
        text(i.owner ?? ""); appendCell(r.isStale ? "true" : "false", to: &out); text(i.sourceReference)
        out.append(0x0D); out.append(0x0A)
    }

    /// Appends `,` and one cell (`neutralised`: a text cell, see `text(_:)`), quoted when it
    /// holds a comma, quote or line break (see `quote(_:)`).
    static func appendCell(_ cell: String, neutralised: Bool = false, to out: inout [UInt8]) {
        out.append(0x2C)
        var s = cell
        let done: Bool = s.withUTF8 { u in
            // The common case, straight from the bytes: nothing to quote.
            guard !needsQuoting(u) else { return false }
            if neutralised, let first = u.first, isFormulaTrigger(first) { out.append(UInt8(ascii: "'")) }
            out.append(contentsOf: u)
            return true
        }
        if !done { out.append(contentsOf: quote(neutralised ? text(cell) : cell).utf8) }
    }

    /// Appends `,` and the text cell of `parts` joined by spaces (ids, tags), as
    /// `appendCell(parts.joined(separator: " "), neutralised: true, to:)` would, without
    /// making the joined text when no part needs quoting: every row has a few such cells.
    static func appendJoinedCell(_ parts: some Collection<String>, to out: inout [UInt8]) {
        guard !parts.contains(where: { needsQuoting($0.utf8) }) else { return appendCell(parts.joined(separator: " "), neutralised: true, to: &out) }
        out.append(0x2C)
        if let first = parts.first?.utf8.first, isFormulaTrigger(first) { out.append(UInt8(ascii: "'")) }
        for (k, part) in parts.enumerated() {
            if k > 0 { out.append(0x20) }
            var part = part
            part.withUTF8 { out.append(contentsOf: $0) }
        }
    }

    /// Whether a cell's bytes hold a comma, quote or line break (so the cell is quoted).
    @inline(__always)
    static func needsQuoting(_ utf8: some Sequence<UInt8>) -> Bool {
        utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Whether a text cell starting with this byte would run as a formula.
    static func isFormulaTrigger(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == 0x09 || b == 0x0D
    }

    /// Neutralises formula triggers at the start of a text cell.
    static func text(_ s: String) -> String {
        guard let first = s.utf8.first, isFormulaTrigger(first) else { return s }
        return "'" + s
    }

    /// Quotes a cell when it holds a comma, quote or line break.
    static func quote(_ s: String) -> String {
        guard needsQuoting(s.utf8) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(count)
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

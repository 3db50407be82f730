/// Renders `RANKING.md`: a table readable on a git forge, with the formula, the items left
/// out, and the diagnostics.
public enum RankingMarkdown {
    /// The file's text.
    public static func render(_ e: Evaluation) -> String {
        String(decoding: bytes(e, rows: ItemLines.render(e)), as: UTF8.self)
    }

    /// The table row of `r` after its rank cell — ` id | title | ... |` — and the line break.
    static func rowTail(_ r: RankedItem, config c: Config) -> [UInt8] {
        var out: [UInt8] = []
        appendRowTail(r, config: c, to: &out)
        return out
    }

    /// Appends the table row of `r` after its rank cell, and the line break, to `out`.
    static func appendRowTail(_ r: RankedItem, config c: Config, to out: inout [UInt8]) {
        let i = r.item
        let stale = r.isStale ? " ⚠ stale" : ""
        out.append(contentsOf: " [\(escape(i.id))](".utf8)
        ItemSummary.appendSourceLink(i, config: c, to: &out)
        out.append(contentsOf: ") | \(escape(ItemSummary.title(i)))\(stale) | \(i.status.rawValue) | \(NumberFormat.score(r.scored.score)) | \(escape(ItemSummary.need(i))) | \(NumberFormat.human(i.totalReach, digits: 0)) | \(NumberFormat.human(r.scored.cost)) | \(escape(ItemSummary.topObjective(r.scored, config: c))) |\n".utf8)
    }

    /// The file's bytes, with each table row assembled from the rank and the item's cached cells.
    public static func bytes(_ e: Evaluation, rows: [ItemLines]) -> [UInt8] {
        assembly(e, lines: .remembered(rows)).bytes
    }

    /// The file in pieces: title and table header, one table row per ranked item (from
    /// `lines`), then the formula, weights, closed items and diagnostics.
    public static func assembly(_ e: Evaluation, lines: ItemLineSource) -> OutputAssembly {
        let c = e.config
        var out = "# Backlog ranking\n\n"
        if let mission = c.mission, !mission.isEmpty { out += "> **Mission:** \(escape(mission))\n\n" }
        out += "\(NumberFormat.count(e.ranked.count, "item")) ranked by the `\(c.model.rawValue)` model"
        out += c.model.model.settingsNote(c)
        out += " · \(NumberFormat.count(e.errorCount, "error")), \(NumberFormat.count(e.warningCount, "warning")) · config `\(c.scoringDigest)`\n\n"
        if let plan = e.plan { out += PlanText.markdownSummary(plan, ranked: e.ranked.count, config: c) }
        if let u = e.uncertainty { out += "> **How sure:** \(escape(UncertaintyText.method(u))).\n\n" }
        let columns = ItemContext.markdownColumns(e)
        out += "| Rank | ID | Title | Status | Score | Need | Reach | Cost | Top objective |\(columns.header)\n"
        out += "|---:|---|---|---|---:|---:|---:|---:|---|\(columns.rule)\n"
        let head = Array(out.utf8)
        let ranked = e.ranked
        let tailOf: (Int, inout [UInt8]) -> Void
        switch lines {
        case .remembered(let rows, _):
            precondition(rows.count == ranked.count, "one set of rows per ranked item")
            tailOf = { index, bytes in
                bytes.append(contentsOf: rows[index].markdown)
                ItemContext.appendMarkdown(index, id: rows[index].id, e, to: &bytes)
            }
        case .rendered:
            tailOf = { index, bytes in
                appendRowTail(ranked[index], config: c, to: &bytes)
                ItemContext.appendMarkdown(index, id: ranked[index].item.id, e, to: &bytes)
            }
        }
        let shown = min(ranked.count, c.markdownMaxRows)
        out = ranked.count > shown ? "\n\(ranked.count - shown) more items are in `ranking.csv` (this table shows the first \(shown); `markdown.max_rows` in the config).\n" : ""
        out += "\n" + formula(c) + "\n"
        out += "Run `northstar explain ID` to see how any item's score and rank come about.\n"
        if !c.objectives.isEmpty {
            out += "\n## Objectives\n\n| Objective | Weight | Metric |\n|---|---:|---|\n"
            for o in c.objectives {
                out += "| \(escape(o.name)) (`\(escape(o.id))`) | \(NumberFormat.human(o.weight)) | \(escape(o.metric ?? "")) |\n"
            }
        }
        if !c.equity.groups.isEmpty {
            out += "\n## Equity weights\n\n| Group | Weight |\n|---|---:|\n"
            for g in c.equity.groups.keys.sorted() {
                out += "| \(escape(g)) | \(NumberFormat.human(c.equity.groups[g] ?? 0)) |\n"
            }
            out += "| *any other group* | \(NumberFormat.human(c.equity.defaultWeight)) |\n"
        }
        if !e.closed.isEmpty {
            out += "\n## Done and dropped\n\n"
            for i in e.closed.prefix(c.markdownMaxRows) { out += "- \(escape(i.id)) — \(escape(ItemSummary.title(i))) (\(i.status.rawValue))\n" }
            if e.closed.count > c.markdownMaxRows { out += "- and \(e.closed.count - c.markdownMaxRows) more (all in `ranking.json`)\n" }
        }
        if !e.diagnostics.isEmpty {
            out += "\n## Diagnostics\n\n"
            for d in e.diagnostics {
                out += "- `\(code(d.path)):\(d.location.line):\(d.location.column)` **\(d.severity.rawValue)**: \(escape(d.text))\n"
            }
        }
        return OutputAssembly(head: head, count: shown, tail: Array(out.utf8)) { index, bytes in
            bytes.append(0x7C); bytes.append(0x20)
            NumberFormat.appendInteger(ranked[index].rank, to: &bytes)
            bytes.append(0x20); bytes.append(0x7C)
            tailOf(index, &bytes)
        }
    }

    /// The scoring formula in words for the model in use.
    static func formula(_ c: Config) -> String {
        c.model.formulaMarkdown(c)
    }

    /// Text made inert in a Markdown table cell: no HTML, no links, no emphasis, no breaking
    /// the table.
    public static func escape(_ s: String) -> String {
        // Fast path: most titles and ids hold nothing to escape.
        var text = s
        if text.withUTF8({ $0.allSatisfy(isInert) }) { return s }
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|", "\\", "*", "_", "`", "[", "]", "#", "!", "~": out += "\\" + String(ch)
            case "\n", "\r", "\r\n", "\t": out += " "
            default:
                if ch.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                    out += "\u{FFFD}"
                } else {
                    out.append(ch)
                }
            }
        }
        return out
    }

    /// Whether a byte of UTF-8 text means nothing to Markdown or HTML and needs no escaping
    /// (0xC2 starts the C1 control characters, which are replaced).
    @inline(__always)
    static func isInert(_ b: UInt8) -> Bool {
        switch b {
        case 0..<0x20, 0x7F, 0xC2, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"),
             UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "#"), UInt8(ascii: "!"), UInt8(ascii: "~"):
            return false
        default:
            return true
        }
    }

    /// Text for inside a code span: backticks and line breaks removed.
    static func code(_ s: String) -> String {
        String(s.map { $0 == "`" || $0.isNewline ? "'" : $0 })
    }
}

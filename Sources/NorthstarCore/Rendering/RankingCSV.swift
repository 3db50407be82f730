/// Renders `ranking.csv` (RFC 4180): one row per ranked item, for spreadsheets.
/// Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) are prefixed
/// with `'` so a hostile title cannot execute.
public enum RankingCSV {
    /// The column names.
    public static let header = ["rank", "id", "title", "status", "score", "value", "cost", "alignment",
                                "weighted_need_reach", "confidence", "need", "reach", "top_objective",
                                "depends_on", "tags", "owner", "stale", "source"]

    /// The file's text.
    public static func render(_ e: Evaluation) -> String {
        var out = header.joined(separator: ",") + "\r\n"
        for r in e.ranked {
            let i = r.item
            var alignment = "", wnr = "", confidence = ""
            switch r.scored.factors {
            case .impact(let f):
                alignment = NumberFormat.json(f.alignment)
                wnr = NumberFormat.json(f.weightedNeedReach)
                confidence = NumberFormat.json(f.confidence)
            case .rice(let f):
                confidence = NumberFormat.json(f.confidence)
            case .wsjf:
                break
            }
            let cells: [String] = [
                String(r.rank), text(i.id), text(i.title), i.status.rawValue,
                NumberFormat.json(r.scored.score), NumberFormat.json(r.scored.value), NumberFormat.json(r.scored.cost),
                alignment, wnr, confidence, text(ItemSummary.need(i)), NumberFormat.json(i.totalReach),
                text(ItemSummary.topObjective(r.scored, config: e.config)),
                text(i.dependsOn.joined(separator: " ")), text(i.tags.joined(separator: " ")),
                text(i.owner ?? ""), r.isStale ? "true" : "false", text(i.sourceReference),
            ]
            out += cells.map(quote).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// Neutralises formula triggers at the start of a text cell.
    static func text(_ s: String) -> String {
        guard let first = s.utf8.first, "=+-@\t\r".utf8.contains(first) else { return s }
        return "'" + s
    }

    /// Quotes a cell when it holds a comma, quote or line break.
    static func quote(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
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

/// The ranking files an evaluation produces, by file name, for the formats the config asks
/// for, plus `diagnostics.json` which is always written. Pure: the shell writes them.
public enum OutputFiles {
    /// File name for each format.
    public static func fileName(for format: OutputFormat) -> String {
        switch format {
        case .json: return "ranking.json"
        case .csv: return "ranking.csv"
        case .markdown: return "RANKING.md"
        case .html: return "report.html"
        }
    }

    /// The name of the diagnostics file.
    public static let diagnosticsFileName = "diagnostics.json"

    /// `(file name, contents)` for every output, in a fixed order.
    /// (`report.html` belongs to the reports work and is not rendered yet.)
    public static func render(_ e: Evaluation) -> [(name: String, contents: [UInt8])] {
        var out: [(String, [UInt8])] = []
        for format in OutputFormat.allCases where e.config.formats.contains(format) {
            switch format {
            case .json: out.append((fileName(for: format), RankingJSON.bytes(e)))
            case .csv: out.append((fileName(for: format), Array(RankingCSV.render(e).utf8)))
            case .markdown: out.append((fileName(for: format), Array(RankingMarkdown.render(e).utf8)))
            case .html: continue
            }
        }
        out.append((diagnosticsFileName, Array(DiagnosticsJSON.render(e.diagnostics).utf8)))
        return out
    }
}

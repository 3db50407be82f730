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
        let rows = ItemRows.render(e)
        return names(e.config).map { ($0, render($0, e, rows: rows)) }
    }

    /// The names of the files to write under `config`, in a fixed order.
    public static func names(_ config: Config) -> [String] {
        OutputFormat.allCases.filter { config.formats.contains($0) && $0 != .html }.map(fileName(for:)) + [diagnosticsFileName]
    }

    /// The contents of the output called `name` (one of `names`), with the ranked items'
    /// lines assembled from `rows` (aligned with `e.ranked`).
    public static func render(_ name: String, _ e: Evaluation, rows: [ItemRows]) -> [UInt8] {
        assembly(name, e, lines: .remembered(rows)).bytes
    }

    /// The output called `name` (one of `names`) in pieces, its ranked items' lines taken
    /// from `lines`.
    public static func assembly(_ name: String, _ e: Evaluation, lines: ItemLineSource) -> OutputAssembly {
        switch name {
        case fileName(for: .json): return RankingJSON.assembly(e, lines: lines)
        case fileName(for: .csv): return RankingCSV.assembly(e, lines: lines)
        case fileName(for: .markdown): return RankingMarkdown.assembly(e, lines: lines)
        default: return OutputAssembly(whole: Array(DiagnosticsJSON.render(e.diagnostics).utf8))
        }
    }
}

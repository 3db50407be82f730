/// One file a ranking pass writes into the output folder.
public enum OutputFile: String, Sendable, CaseIterable {
    /// `ranking.json`: the ranking with every factor, and the change log's memory.
    case rankingJSON = "ranking.json"
    /// `ranking.csv`: a row per ranked item, for spreadsheets.
    case rankingCSV = "ranking.csv"
    /// `RANKING.md`: the table a forge renders.
    case rankingMarkdown = "RANKING.md"
    /// `report.html`: the page people open in the meeting.
    case report = "report.html"
    /// `diagnostics.json`: every current error and warning (always written).
    case diagnostics = "diagnostics.json"

    /// The file's name in the output folder.
    public var fileName: String { rawValue }

    /// The file the config's `format` asks for.
    public init(_ format: OutputFormat) {
        switch format {
        case .json: self = .rankingJSON
        case .csv: self = .rankingCSV
        case .markdown: self = .rankingMarkdown
        case .html: self = .report
        }
    }
}

/// The files an evaluation produces, for the formats the config asks for, plus
/// `diagnostics.json` which is always written. Pure: the shell writes them.
public enum OutputFiles {
    /// `(file name, contents)` for every output, in a fixed order.
    public static func render(_ e: Evaluation) -> [(name: String, contents: [UInt8])] {
        let rows = ItemLines.render(e)
        return files(e.config).map { ($0.fileName, render($0, e, rows: rows)) }
    }

    /// The files to write under `config`, in a fixed order.
    public static func files(_ config: Config) -> [OutputFile] {
        OutputFormat.allCases.filter { config.formats.contains($0) }.map(OutputFile.init) + [.diagnostics]
    }

    /// The contents of `file`, with the ranked items' lines assembled from `rows` (aligned
    /// with `e.ranked`).
    public static func render(_ file: OutputFile, _ e: Evaluation, rows: [ItemLines]) -> [UInt8] {
        assembly(file, e, lines: .remembered(rows)).bytes
    }

    /// `file` in pieces, its ranked items' lines taken from `lines`.
    public static func assembly(_ file: OutputFile, _ e: Evaluation, lines: ItemLineSource) -> OutputAssembly {
        switch file {
        case .rankingJSON: return RankingJSON.assembly(e, lines: lines)
        case .rankingCSV: return RankingCSV.assembly(e, lines: lines)
        case .rankingMarkdown: return RankingMarkdown.assembly(e, lines: lines)
        case .report: return OutputAssembly(whole: ReportPage.bytes(e, rows: lines.rows))
        case .diagnostics: return OutputAssembly(whole: Array(DiagnosticsJSON.render(e.diagnostics).utf8))
        }
    }
}

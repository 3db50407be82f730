/// Renders `diagnostics.json`: the current errors and warnings, in a stable order, every path
/// (a diagnostic's own and its related places') relative to the backlog folder.
public enum DiagnosticsJSON {
    /// The file's text.
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        JSONValue.object([
            ("schema", .number(1)),
            ("errors", .number(Double(diagnostics.errorCount))),
            ("warnings", .number(Double(diagnostics.warningCount))),
            ("diagnostics", .array(diagnostics.map { d in
                var fields: [(String, JSONValue)] = [
                    ("severity", .string(d.severity.rawValue)),
                    ("code", .string(d.code.rawValue)),
                    ("path", .string(d.path)),
                    ("line", .number(Double(d.location.line))),
                    ("column", .number(Double(d.location.column))),
                    ("message", .string(d.text)),
                ]
                if !d.related.isEmpty {
                    fields.append(("related", .array(d.related.map { place in
                        .object([("path", .string(place.path)), ("line", .number(Double(place.location.line))),
                                 ("column", .number(Double(place.location.column)))])
                    })))
                }
                return .object(fields)
            })),
        ]).rendered() + "\n"
    }
}

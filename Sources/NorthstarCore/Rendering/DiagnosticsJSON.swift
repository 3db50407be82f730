/// Renders `diagnostics.json`: the current errors and warnings, in a stable order.
public enum DiagnosticsJSON {
    /// The file's text.
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        JSONValue.object([
            ("schema", .number(1)),
            ("errors", .number(Double(diagnostics.errorCount))),
            ("warnings", .number(Double(diagnostics.warningCount))),
            ("diagnostics", .array(diagnostics.map { d in
                .object([
                    ("severity", .string(d.severity.rawValue)),
                    ("code", .string(d.code)),
                    ("path", .string(d.path)),
                    ("line", .number(Double(d.location.line))),
                    ("column", .number(Double(d.location.column))),
                    ("message", .string(d.message)),
                ])
            })),
        ]).rendered() + "\n"
    }
}

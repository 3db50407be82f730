/// Diagnostics in the forms CI services show beside the offending line of a change under
/// review: GitHub's workflow commands and GitLab's Code Quality report. Paths are as given (the
/// caller makes them relative to the repository, where CI runs). Pure.
public enum CIAnnotations {
    /// One GitHub workflow command per diagnostic:
    /// `::error file=backlog/a.yaml,line=3,col=7,title=northstar range::'need' must be ...`.
    public static func github(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { d in
            let kind = d.severity == .error ? "error" : "warning"
            let properties = "file=\(property(d.path)),line=\(d.location.line),col=\(d.location.column),title=\(property("northstar \(d.code.rawValue)"))"
            return "::\(kind) \(properties)::\(data(d.text))\n"
        }.joined()
    }

    /// GitLab's Code Quality report (a JSON array): description, check name, a fingerprint
    /// that stays the same while the problem does, severity (`major` for an error, `minor` for a
    /// warning) and location.
    public static func gitlab(_ diagnostics: [Diagnostic]) -> String {
        var w = JSONTextWriter(capacity: 256 * diagnostics.count + 16)
        w.raw("[")
        for (k, d) in diagnostics.enumerated() {
            w.raw(k == 0 ? "\n  " : ",\n  ")
            w.open(0x7B)
            w.field("description", d.text)
            w.field("check_name", "northstar-\(d.code.rawValue)")
            w.field("fingerprint", SHA256.hex(Array("\(d.path):\(d.location.line):\(d.location.column):\(d.code.rawValue):\(d.text)".utf8)))
            w.field("severity", d.severity == .error ? "major" : "minor")
            w.key("location"); w.open(0x7B)
            w.field("path", d.path)
            w.key("lines"); w.open(0x7B); w.field("begin", d.location.line); w.close(0x7D)
            w.close(0x7D)
            w.close(0x7D)
        }
        w.raw(diagnostics.isEmpty ? "]\n" : "\n]\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// A workflow command's message: `%`, CR and LF escaped as GitHub's runner reads them.
    static func data(_ s: String) -> String { escaped(s, alsoSeparators: false) }

    /// A workflow command's property value: the message escapes, and `:` and `,` too.
    static func property(_ s: String) -> String { escaped(s, alsoSeparators: true) }

    private static func escaped(_ s: String, alsoSeparators: Bool) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where alsoSeparators: out += "%3A"
            case "," where alsoSeparators: out += "%2C"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

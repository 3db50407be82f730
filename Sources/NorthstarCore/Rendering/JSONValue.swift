/// A JSON document with keys in a fixed order, printed the same way every time, so outputs
/// are byte-identical for identical inputs (Foundation's encoders make no such promise).
public indirect enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, printed by `NumberFormat.json`.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with keys in the order given.
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// An optional string, `null` when absent.
    public static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// The document as text: objects and arrays of objects indented by two spaces, arrays of
    /// scalars on one line; `compact` prints everything on one line (for JSON Lines).
    public func rendered(compact: Bool = false) -> String {
        var out = ""
        write(to: &out, indent: compact ? nil : 0)
        return out
    }

    private func write(to out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += NumberFormat.json(x)
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let values):
            if values.isEmpty { out += "[]"; return }
            let scalarsOnly = values.allSatisfy { if case .object = $0 { return false }; if case .array = $0 { return false }; return true }
            guard let indent, !scalarsOnly else {
                out += "["
                for (i, v) in values.enumerated() {
                    if i > 0 { out += indent == nil ? "," : ", " }
                    v.write(to: &out, indent: nil)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, v) in values.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                v.write(to: &out, indent: indent + 2)
                out += i == values.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            guard let indent else {
                out += "{"
                for (i, (k, v)) in pairs.enumerated() {
                    if i > 0 { out += "," }
                    JSONValue.escape(k, into: &out)
                    out += ":"
                    v.write(to: &out, indent: nil)
                }
                out += "}"
                return
            }
            out += "{\n"
            for (i, (k, v)) in pairs.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONValue.escape(k, into: &out)
                out += ": "
                v.write(to: &out, indent: indent + 2)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// Appends `s` as a JSON string literal (control characters, quotes, backslashes and the
    /// line separators U+2028/U+2029 escaped).
    static func escape(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

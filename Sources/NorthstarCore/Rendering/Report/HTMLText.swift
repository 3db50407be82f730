/// Text made inert in HTML and SVG: every id, title, path and message goes through here, so a
/// title like `<script>` or `" onload="` is shown, never run.
enum HTMLText {
    /// `s` for an element's content or a quoted attribute value.
    static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters are parse errors in HTML and not allowed in XML (the charts).
            case _ where isControl(ch): out += "\u{FFFD}"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// `escape(s)` appended to `bytes`; text with nothing to escape (nearly every id and title)
    /// is copied as it is, found by a look at its bytes.
    static func append(_ s: String, to bytes: inout [UInt8]) {
        if s.utf8.contains(where: mayNeedEscape) {
            bytes.append(contentsOf: escape(s).utf8)
        } else {
            bytes.append(contentsOf: s.utf8)
        }
    }

    /// Whether a UTF-8 byte can start something `escape` changes: an ASCII special or control,
    /// or the lead byte of a C1 control (0xC2) or of U+FFFE/U+FFFF (0xEF).
    private static func mayNeedEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x7F || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 || b == 0xC2 || b == 0xEF
    }

    private static func needsEscape(_ ch: Unicode.Scalar) -> Bool {
        ch == "&" || ch == "<" || ch == ">" || ch == "\"" || ch == "'" || isControl(ch)
    }

    /// C0 controls other than tab, line feed and carriage return, DEL and the C1 controls, and
    /// the two noncharacters U+FFFE and U+FFFF.
    private static func isControl(_ ch: Unicode.Scalar) -> Bool {
        let v = ch.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF
    }

    /// A coordinate with one decimal, the same bytes on every machine.
    static func coord(_ x: Double) -> String {
        NumberFormat.json((x * 10).rounded() / 10)
    }

    /// `coord(x)` appended to `bytes`.
    static func appendCoord(_ x: Double, to bytes: inout [UInt8]) {
        NumberFormat.appendJSON((x * 10).rounded() / 10, to: &bytes)
    }
}

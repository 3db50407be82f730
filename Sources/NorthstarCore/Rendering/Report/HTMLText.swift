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
}

/// Text made inert in HTML and SVG: every id, title, path and message goes through here, so a
/// title like `<script>` or `" onload="` is shown, never run.
enum HTMLText {
    /// `s` for an element's content or a quoted attribute value.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A coordinate with one decimal, the same bytes on every machine.
    static func coord(_ x: Double) -> String {
        NumberFormat.json((x * 10).rounded() / 10)
    }
}

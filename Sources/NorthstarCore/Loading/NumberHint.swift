/// How to write, as a YAML number, text that a person meant as one: `1,200`, `50%`, `3-7`.
/// Pure; the hint goes into the wrong-type message.
enum NumberHint {
    /// The advice for `text` where a number is expected, or nil when it does not look like a
    /// number written for people.
    static func hint(for text: String) -> String? {
        let t = text.trimmingWhitespace()
        if isGroupedThousands(t) {
            return "no thousands separators: write \(t.filter { $0 != "," })"
        }
        if t.hasSuffix("%"), let share = decimal(String(t.dropLast()).trimmingWhitespace()) {
            return "write a share as \(NumberFormat.plain(share / 100))"
        }
        // A range: two plain decimals around one hyphen or dash ("3-7", "3 – 7").
        for dash: Character in ["-", "–", "—"] {
            let parts = t.split(separator: dash, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let low = String(parts[0]).trimmingWhitespace(), high = String(parts[1]).trimmingWhitespace()
            if isUnsignedDecimal(low), isUnsignedDecimal(high) {
                return "write a range as {low: \(low), high: \(high)}"
            }
        }
        return nil
    }

    /// `1,200` or `12,500,000.5`: digit groups of three after the first, separated by commas.
    static func isGroupedThousands(_ t: String) -> Bool {
        var body = Substring(t)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        if let dot = body.firstIndex(of: ".") {
            let fraction = body[body.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return false }
            body = body[..<dot]
        }
        let groups = body.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isASCIIDigit) } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// Digits with at most one decimal point, no sign.
    static func isUnsignedDecimal(_ t: String) -> Bool {
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// The value of a plain decimal with an optional sign.
    static func decimal(_ t: String) -> Double? {
        var body = t
        if body.first == "-" || body.first == "+" { body.removeFirst() }
        guard isUnsignedDecimal(body) else { return nil }
        return Double(t)
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0-9.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

import Foundation
import Testing

/// Compares two texts line by line and, when they differ, records one issue that shows only
/// the lines that differ (with their line numbers), so a failing golden or comparison test
/// prints a few lines instead of two whole files.
func expectSameLines(_ actual: String, _ expected: String, _ what: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual != expected else { return }
    Issue.record(Comment(rawValue: "\(what) differs:\n" + LineDiff.describe(actual: actual, expected: expected)),
                 sourceLocation: sourceLocation)
}

/// The lines that differ between two texts, as a short unified-style listing.
enum LineDiff {
    /// At most `limit` differing lines, each as `-  n: expected` / `+  n: actual`, plus a count
    /// of the rest. Long lines are cut around their first differing character.
    static func describe(actual: String, expected: String, limit: Int = 12) -> String {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        var differing = 0
        for index in 0..<max(a.count, e.count) {
            let left = index < e.count ? e[index] : nil, right = index < a.count ? a[index] : nil
            guard left != right else { continue }
            differing += 1
            guard differing <= limit else { continue }
            let at = firstDifference(left ?? "", right ?? "")
            if let left { out.append("-\(String(format: "%4d", index + 1)): \(excerpt(left, around: at))") }
            if let right { out.append("+\(String(format: "%4d", index + 1)): \(excerpt(right, around: at))") }
        }
        if differing > limit { out.append("... and \(differing - limit) more differing lines") }
        out.append("(- expected, + actual; \(e.count) and \(a.count) lines)")
        return out.joined(separator: "\n")
    }

    private static func firstDifference(_ a: Substring, _ b: Substring) -> Int {
        var n = 0
        for (x, y) in zip(a, b) { if x != y { break }; n += 1 }
        return n
    }

    /// About 160 characters of `line`, starting a little before character `at`.
    private static func excerpt(_ line: Substring, around at: Int) -> String {
        guard line.count > 160 else { return String(line) }
        let start = max(0, at - 40)
        let body = line.dropFirst(start).prefix(160)
        return (start > 0 ? "…" : "") + body + (start + 160 < line.count ? "…" : "")
    }
}

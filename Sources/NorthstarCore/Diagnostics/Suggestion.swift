/// "Did you mean ...?" for misspelt field names, statuses, objective and group ids.
public enum Suggestion {
    /// The closest candidate to `word` by edit distance, if it is close enough to be a typo.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        guard let (candidate, d) = nearest(w, in: candidates) else { return nil }
        let allowed = max(1, min(3, max(w.count, candidate.count) / 3))
        return d <= allowed ? candidate : nil
    }

    /// The known name `word` is most likely a misspelling of: the closest candidate within
    /// `misspellingEdits` (case ignored), or nil. It decides whether an unknown key is an error,
    /// so short words get less room: `pm` or `qa` is somebody's own field, not a misspelt `id`.
    public static func misspelt(_ word: String, of candidates: some Sequence<String>) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        guard let (candidate, d) = nearest(w, in: candidates.lazy.filter { $0 != word }) else { return nil }
        return d <= misspellingEdits(w.count) ? candidate : nil
    }

    /// The candidate fewest edits from `w` (already lowercased), ties to the smaller candidate,
    /// with its distance.
    private static func nearest(_ w: [Unicode.Scalar], in candidates: some Sequence<String>) -> (String, Int)? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let d = distance(w, Array(candidate.lowercased().unicodeScalars))
            if let b = best, b.distance < d || (b.distance == d && b.candidate <= candidate) { continue }
            best = (candidate, d)
        }
        return best.map { ($0.candidate, $0.distance) }
    }

    /// How many edits a word of `length` characters may be from a known name to count as its
    /// misspelling: one below six characters (`titel`, `equty`), two from six (`objetives`).
    public static func misspellingEdits(_ length: Int) -> Int { length < 6 ? 1 : 2 }

    /// ` (did you mean 'x'?)` or the empty string.
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Damerau-style edit distance (insert, delete, substitute, swap neighbours).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}

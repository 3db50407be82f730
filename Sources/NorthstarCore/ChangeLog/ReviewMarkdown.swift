/// Renders what a change under review does to the ranking as a Markdown comment for a pull or
/// merge request: the change log's own sentences (the config's changes, items added and removed,
/// moves with their causes, the plan's changes, then moves caused by the weighting or by
/// others), the largest moves first within each, capped so the comment stays readable at any
/// backlog size; then the head's errors, the new ones first. Pure.
public enum ReviewMarkdown {
    /// One side of the comparison, as the comment names it.
    public struct Side: Sendable, Equatable {
        /// `` `1a2b3c4` (merge base with main) ``, `the work tree`.
        public var label: String
        /// What this side lacks (`no northstar.yaml`), when it could not be ranked.
        public var missing: String?

        /// A side called `label` (Markdown).
        public init(label: String, missing: String? = nil) {
            self.label = label
            self.missing = missing
        }

        /// The commit `hash` (abbreviated), as the revision was `named` on the command line.
        public static func revision(_ hash: String, named name: String) -> Side {
            // A revision named by its hash needs no second name.
            if hash.hasPrefix(name) || name.hasPrefix(hash) { return Side(label: "`\(RankingMarkdown.code(hash))`") }
            return Side(label: "`\(RankingMarkdown.code(hash))` (`\(RankingMarkdown.code(name))`)")
        }

        /// The commit `hash`, the merge base with the default `branch`.
        public static func mergeBase(_ hash: String, with branch: String) -> Side {
            Side(label: "`\(RankingMarkdown.code(hash))` (the merge base with \(RankingMarkdown.escape(branch)))")
        }

        /// The work tree, on top of `commit` (HEAD) when there is one.
        public static func workTree(on commit: GitCommitInfo?) -> Side {
            guard let commit else { return Side(label: "the work tree") }
            return Side(label: commit.uncommitted ? "the work tree (uncommitted changes on top of `\(RankingMarkdown.code(commit.hash))`)"
                                                   : "the work tree (`\(RankingMarkdown.code(commit.hash))`, nothing uncommitted)")
        }
    }

    /// The comment's first line, invisible once rendered: CI steps find their earlier comment
    /// by it and update it rather than adding one per push.
    public static let marker = "<!-- northstar-diff -->"

    /// The comment's heading.
    public static let heading = "### Northstar: what this change does to the ranking"

    /// The comment for change set `c` (from `base` to `head`) under the head's `config`, with at
    /// most `limit` sentences, and the head's `diagnostics` (errors not among `baseProblems`,
    /// the base's diagnostics, first). `newPlan` is the head's plan when the base had none (a
    /// capacity set by the change): what it funds is then said, since no item changed sides.
    public static func render(_ c: ChangeSet, config: Config, base: Side, head: Side, diagnostics: [Diagnostic],
                              baseProblems: [Diagnostic]?, newPlan: Plan? = nil, limit: Int = 30) -> String {
        let e = RankingMarkdown.escape
        var out = marker + "\n" + heading + "\n\n"
        out += "From \(base.label) to \(head.label). "
        if let missing = base.missing {
            out += "The base has \(e(missing)), so every item is new: \(count(c.rankedCount, "item")) ranked.\n"
            return finished(out, problems: diagnosticsText(diagnostics, base: nil))
        }
        let before = c.rankedCount - c.added.count - c.reopened.count + c.removed.count + c.closed.count
        out += before == c.rankedCount ? "\(count(c.rankedCount, "item")) ranked, as before."
            : "\(count(c.rankedCount, "item")) ranked (was \(NumberFormat.human(Double(before), digits: 0)))."
        let files = c.trigger.files
        out += files.isEmpty ? " No backlog file or config changed.\n\n" : " \(ChangeLogMarkdown.filesText(files)).\n\n"

        // The largest moves first: a reviewer reads the top of the list.
        let ordered = c.moves.enumerated().sorted { a, b in
            let da = abs(a.element.toRank - a.element.fromRank), db = abs(b.element.toRank - b.element.fromRank)
            return da != db ? da > db : a.offset < b.offset
        }.map(\.element)
        var sentences: [Substring] = []
        if !c.configChanges.isEmpty {
            sentences.append("- The config changed: \(c.configChanges.map { ChangeLogMarkdown.configPhrase($0) }.joined(separator: "; ")).")
        }
        if let newPlan {
            sentences.append("- There is a plan now: \(PlanText.headline(newPlan, ranked: c.rankedCount, config: config)).")
        }
        for part in [ChangeLogMarkdown.presenceSentences(c), ChangeLogMarkdown.inputSentences(ordered, config: config),
                     ChangeLogMarkdown.planSentences(c), ChangeLogMarkdown.weightingSentences(ordered),
                     ChangeLogMarkdown.knockOnSentences(ordered)] {
            sentences += part.split(separator: "\n")
        }
        if sentences.isEmpty {
            out += "Nothing moved: every item keeps its rank and score, and the plan funds the same items.\n"
        } else {
            for sentence in sentences.prefix(limit) { out += sentence + "\n" }
            if sentences.count > limit {
                out += "- …and \(count(sentences.count - limit, "more line")) like these (every move: `northstar diff --format json`, or a larger `--limit`).\n"
            }
            if c.shifted > 0 {
                out += "- \(count(c.shifted, "other item")) shifted by the moves above, keeping \(c.shifted == 1 ? "its" : "their") order.\n"
            }
        }
        return finished(out, problems: diagnosticsText(diagnostics, base: baseProblems))
    }

    /// The comment when the head's config has errors, so nothing could be ranked there: the
    /// errors, each with its place.
    public static func unranked(base: Side, head: Side, configDiagnostics: [Diagnostic]) -> String {
        var out = marker + "\n" + heading + "\n\n"
        out += "From \(base.label) to \(head.label). **The head's config has \(count(configDiagnostics.errorCount, "error"))**, so nothing could be ranked there:\n\n"
        out += list(configDiagnostics.filter { $0.severity == .error }, isNew: { _ in false })
        return finished(out, problems: "")
    }

    /// The text with every `@` kept from mentioning anyone: ids, titles and messages come from
    /// the change under review, and a comment must not ping people or teams on its behalf.
    static func finished(_ text: String, problems: String) -> String {
        let whole = problems.isEmpty ? text : text + "\n" + problems
        return whole.replacingAll("@", with: "@\u{2060}")
    }

    /// The head's errors (the first ten, those the base lacks first) and how many warnings it has.
    static func diagnosticsText(_ diagnostics: [Diagnostic], base: [Diagnostic]?) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let warnings = diagnostics.count - errors.count
        guard !errors.isEmpty || warnings > 0 else { return "" }
        var out = ""
        if !errors.isEmpty {
            // Errors are matched by file, kind and words: a line moved by the change is the same error.
            let known = Set((base ?? []).filter { $0.severity == .error }.map { "\($0.path)\u{0}\($0.code.rawValue)\u{0}\($0.text)" })
            let isNew = { (d: Diagnostic) in !known.contains("\(d.path)\u{0}\(d.code.rawValue)\u{0}\(d.text)") }
            let fresh = errors.filter(isNew)
            let was = base == nil ? "" : (fresh.isEmpty ? ", all of them in the base too" : " (\(fresh.count) new)")
            out += "**The head has \(count(errors.count, "error"))**\(was); items with an error are left out of its ranking:\n\n"
            out += list(fresh + errors.filter { !isNew($0) }, isNew: { base != nil && isNew($0) })
            out += "\n"
        }
        if warnings > 0 { out += "The head has \(count(warnings, "warning")) (`northstar check` lists them).\n" }
        return out
    }

    /// The first ten of `errors`, each with its place, then how many more.
    static func list(_ errors: [Diagnostic], isNew: (Diagnostic) -> Bool) -> String {
        var out = ""
        for d in errors.prefix(10) {
            out += "- \(isNew(d) ? "new: " : "")`\(RankingMarkdown.code("\(d.path):\(d.location.line):\(d.location.column)"))`: \(RankingMarkdown.escape(d.text))\n"
        }
        if errors.count > 10 { out += "- …and \(count(errors.count - 10, "more error")).\n" }
        return out
    }

    static func count(_ n: Int, _ noun: String) -> String { NumberFormat.count(n, noun) }
}

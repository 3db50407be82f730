/// Renders a change set as a `CHANGELOG.md` entry in the sentences a programme manager would
/// write: "FA-12 rose from 9th to 2nd: reach among rural grew from 300 to 1,200." Pure.
public enum ChangeLogMarkdown {
    /// The file's title and preamble.
    public static let header = "# Ranking change log\n\nWhat moved in the ranking, and why, newest first. Every entry is also a line of `changes.jsonl`.\n"

    /// The entry: a `## ` heading and bullet sentences.
    /// The newest entry of a `CHANGELOG.md` (its text from the first `## ` heading to the next,
    /// heading included), or nil when it has none.
    public static func newestEntry(of changelog: String) -> String? {
        var lines: [Substring] = []
        for line in changelog.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                if !lines.isEmpty { break }
            } else if lines.isEmpty {
                continue
            }
            lines.append(line)
        }
        guard !lines.isEmpty else { return nil }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    public static func entry(_ c: ChangeSet, config: Config) -> String {
        let e = RankingMarkdown.escape
        var out = "## \(c.time.replacingAll("T", with: " ").replacingAll("Z", with: " UTC")) — \(triggerText(c.trigger))\n\n"
        if let commit = c.trigger.commit {
            let lead = commit.uncommitted ? "Uncommitted changes on top of commit" : "At commit"
            out += "\(lead) `\(RankingMarkdown.code(commit.hash))` by \(e(commit.author)): \(e(commit.subject))\n\n"
        }
        if c.configDigest.from.isEmpty {
            out += "- First ranking: \(c.rankedCount) items.\n"
            return out + "\n"
        }
        if !c.configChanges.isEmpty {
            out += "- The config changed: \(c.configChanges.map { configPhrase($0) }.joined(separator: "; ")).\n"
        }
        out += presenceSentences(c)
        out += inputSentences(c.moves, config: config)
        out += weightingSentences(c.moves)
        out += knockOnSentences(c.moves)
        out += planSentences(c)
        if c.shifted > 0 {
            out += "- \(c.shifted) other item\(c.shifted == 1 ? "" : "s") shifted by the moves above, keeping their order.\n"
        }
        return out + "\n"
    }

    /// Items whose own inputs changed: one sentence each, with every reason.
    static func inputSentences(_ moves: [ItemMove], config: Config) -> String {
        let e = RankingMarkdown.escape
        var out = ""
        for m in moves where m.cause == .inputs {
            out += "- **\(e(m.id))** \(movement(m)): \(m.inputs.map { inputPhrase($0, config: config) }.joined(separator: "; ")).\n"
        }
        return out
    }

    /// Items the plan now funds or no longer funds, each with what took or gave up its place.
    static func planSentences(_ c: ChangeSet) -> String {
        let e = RankingMarkdown.escape
        func ids(_ list: [ItemPresence]) -> String { list.map { e($0.id) }.joined(separator: ", ") }
        var out = ""
        for f in c.funded {
            let cause = c.unfunded.isEmpty ? "the budget left now fits it" : "\(ids(c.unfunded)) no longer \(c.unfunded.count == 1 ? "fits" : "fit")"
            out += "- **\(e(f.id))** is now funded (\(cause)).\n"
        }
        for u in c.unfunded {
            let cause = c.funded.isEmpty ? "it no longer fits the capacity" : "\(ids(c.funded)) \(c.funded.count == 1 ? "is" : "are") funded instead"
            out += "- **\(e(u.id))** is no longer funded (\(cause)).\n"
        }
        return out
    }

    /// Items that entered, were reopened, were closed or left (and why).
    static func presenceSentences(_ c: ChangeSet) -> String {
        let e = RankingMarkdown.escape
        var out = ""
        for a in c.added {
            out += "- **\(e(a.id))** (\(e(a.title))) entered the ranking at \(ordinal(a.rank ?? 0)).\n"
        }
        for r in c.reopened {
            out += "- **\(e(r.id))** was reopened (it was \(r.status ?? "closed")) and ranks \(ordinal(r.rank ?? 0)).\n"
        }
        for cl in c.closed {
            out += "- **\(e(cl.id))** was marked \(cl.status ?? "closed") (it ranked \(ordinal(cl.rank ?? 0))).\n"
        }
        for r in c.removed {
            if case .error(let d)? = r.removal {
                out += "- **\(e(r.id))** left the ranking (it ranked \(ordinal(r.rank ?? 0))): its file has an error at `\(RankingMarkdown.code("\(d.path):\(d.location.line):\(d.location.column)"))`: \(e(d.text)).\n"
            } else {
                out += "- **\(e(r.id))** left the ranking (it ranked \(ordinal(r.rank ?? 0))): its entry or file is gone.\n"
            }
        }
        return out
    }

    /// Moves caused by the weighting alone: the largest ten, then a count.
    static func weightingSentences(_ moves: [ItemMove]) -> String {
        let e = RankingMarkdown.escape
        var out = ""
        let byConfig = moves.filter { $0.cause == .config && $0.fromRank != $0.toRank }
            .sorted { abs($0.toRank - $0.fromRank) != abs($1.toRank - $1.fromRank) ? abs($0.toRank - $0.fromRank) > abs($1.toRank - $1.fromRank) : $0.toRank < $1.toRank }
        for m in byConfig.prefix(10) {
            out += "- **\(e(m.id))** \(movement(m)) because of the new weighting.\n"
        }
        let rescored = moves.filter { $0.cause == .config }.count - min(10, byConfig.count)
        if rescored > 0 {
            out += "- \(rescored) other item\(rescored == 1 ? "" : "s") moved or changed score because of the new weighting.\n"
        }
        return out
    }

    /// Knock-on moves, grouped by who overtook them.
    static func knockOnSentences(_ moves: [ItemMove]) -> String {
        let e = RankingMarkdown.escape
        var out = ""
        var groups: [(key: String, moves: [ItemMove])] = []
        for m in moves where m.cause == .others {
            let key = m.toRank > m.fromRank ? m.overtakenBy.joined(separator: ", ") : ""
            if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].moves.append(m) } else { groups.append((key, [m])) }
        }
        for group in groups {
            let ids = group.moves.map { "**\(e($0.id))**" }
            let listed = ids.count > 8 ? ids.prefix(8).joined(separator: ", ") + " and \(ids.count - 8) more" : list(ids)
            let deltas = Set(group.moves.map { abs($0.toRank - $0.fromRank) })
            let places = deltas.count == 1 && deltas.first == 1 ? "one place" : "\(deltas.min() ?? 0)–\(deltas.max() ?? 0) places"
            if group.key.isEmpty {
                let up = group.moves.filter { $0.toRank < $0.fromRank }.count
                let direction = up == group.moves.count ? "rose" : (up == 0 ? "fell" : "moved")
                out += "- \(listed) \(direction) \(places)\(group.moves.count > 1 ? " each" : "") as items above them changed or left.\n"
            } else {
                let overtakers = group.key.split(separator: ",").map { e(String($0).trimmingWhitespace()) }
                out += "- \(listed) fell \(places)\(group.moves.count > 1 ? " each" : ""), overtaken by \(list(overtakers)).\n"
            }
        }
        return out
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    static func triggerText(_ t: ChangeTrigger) -> String {
        switch t.kind {
        case .startup: return "start-up (changes made while Northstar was not running)"
        case .rank: return "northstar rank"
        case .rescan: return "full rescan"
        case .config: return "config reloaded" + (t.files.isEmpty ? "" : "; " + filesText(t.files))
        case .files: return filesText(t.files)
        case .diff: return "northstar diff" + (t.files.isEmpty ? "" : "; " + filesText(t.files))
        }
    }

    static func filesText(_ files: [String]) -> String {
        let shown = files.prefix(3).map { "`\(RankingMarkdown.code($0))`" }.joined(separator: ", ")
        let more = files.count > 3 ? " and \(files.count - 3) more" : ""
        return "\(files.count) file\(files.count == 1 ? "" : "s") changed (\(shown)\(more))"
    }

    /// "rose from 9th to 2nd", "fell from 2nd to 5th", "stayed 3rd (score 120 -> 140)".
    static func movement(_ m: ItemMove) -> String {
        if m.toRank < m.fromRank { return "rose from \(ordinal(m.fromRank)) to \(ordinal(m.toRank))" }
        if m.toRank > m.fromRank { return "fell from \(ordinal(m.fromRank)) to \(ordinal(m.toRank))" }
        return "stayed \(ordinal(m.toRank)) (score \(NumberFormat.score(m.fromScore)) → \(NumberFormat.score(m.toScore)))"
    }

    /// One input change in words (names escaped by `e`: for Markdown, unless plain text is wanted).
    static func inputPhrase(_ f: FieldChange, config: Config, escape e: (String) -> String = RankingMarkdown.escape) -> String {
        let from = f.from.flatMap(Double.init).map { NumberFormat.human($0) } ?? f.from ?? ""
        let to = f.to.flatMap(Double.init).map { NumberFormat.human($0) } ?? f.to ?? ""
        let verb = trend(f)
        let parts = f.field.split(separator: ".", maxSplits: 1).map(String.init)
        switch parts.first {
        case "reach" where parts.count == 2:
            if f.from == nil { return "it now reaches \(to) people among \(e(parts[1]))" }
            if f.to == nil { return "it no longer reaches \(e(parts[1]))" }
            return "reach among \(e(parts[1])) \(verb.grew) from \(from) to \(to)"
        case "need":
            let among = parts.count == 2 ? " among \(e(parts[1]))" : ""
            return "need\(among) \(verb.rose) from \(from) to \(to)"
        case "objectives" where parts.count == 2:
            let name = config.objective(parts[1])?.name ?? parts[1]
            if f.from == nil { return "it now contributes \(to) to \(e(name))" }
            if f.to == nil { return "it no longer contributes to \(e(name))" }
            return "its contribution to \(e(name)) \(verb.rose) from \(from) to \(to)"
        case "confidence":
            if f.from == nil { return "confidence set to \(to) (was the default)" }
            if f.to == nil { return "confidence now the default (was \(from))" }
            return "confidence \(verb.rose) from \(from) to \(to)"
        case "cost":
            return "cost \(verb.rose) from \(from) to \(to) \(e(config.costUnit))"
        case "depends_on":
            if let added = f.to { return "it now depends on \(e(String(added.dropFirst())))" }
            return "it no longer depends on \(e(String((f.from ?? "").dropFirst())))"
        default:
            return "\(e(f.field.replacingAll("_", with: " "))) \(verb.rose) from \(from) to \(to)"
        }
    }

    static func configPhrase(_ f: FieldChange) -> String {
        "\(RankingMarkdown.escape(f.field)) \(f.from ?? "(unset)") → \(f.to ?? "(unset)")"
    }

    static func trend(_ f: FieldChange) -> (grew: String, rose: String) {
        guard let a = f.from.flatMap(Double.init), let b = f.to.flatMap(Double.init) else { return ("changed", "changed") }
        return b > a ? ("grew", "rose") : ("fell", "fell")
    }

    /// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st...
    public static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}

/// The checks that need the whole backlog and the config: duplicate ids, dependency cycles,
/// references to unknown objectives, groups and items, and the inputs each scoring model needs.
/// Pure.
public enum BacklogValidator {
    /// Items fit to rank (or to list as done/dropped) and every diagnostic, per-file ones included.
    public struct Outcome: Sendable {
        /// Valid items, in file order.
        public var items: [Item]
        /// Per-file and cross-file diagnostics, sorted.
        public var diagnostics: [Diagnostic]
        /// The `ItemChecks` diagnostics of each item that has any, by id (every other item
        /// passed them).
        public var itemChecks: [String: [Diagnostic]]
        /// The declared items and unreadable files that errors keep out of the ranking.
        public var unranked: UnrankedItems
    }

    /// Checks `files` (in any order) against `config`. `remembered` gives an item's
    /// `ItemChecks` found by an earlier pass under the same config, when known.
    public static func validate(_ files: [ParsedFile], config: Config, remembered: (Item) -> [Diagnostic]? = { _ in nil }) -> Outcome {
        let files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var findings = Findings(diagnostics: files.flatMap(\.diagnostics))
        for file in files {
            if file.isUnreadable, let error = file.diagnostics.first(where: { $0.severity == .error }) { findings.unranked.byFile[file.path] = error }
            for (id, error) in file.rejected { findings.unranked.reject(id, error) }
        }
        let (firstPlace, duplicated) = duplicates(files, into: &findings)
        var items = files.flatMap(\.items)
        if !duplicated.isEmpty { items.removeAll { duplicated.contains($0.id) } }
        check(items, in: files, declared: firstPlace, config: config, remembered: remembered, into: &findings)
        cycles(items, into: &findings)
        if !findings.rejected.isEmpty { items.removeAll { findings.rejected.contains($0.id) } }
        return Outcome(items: items, diagnostics: findings.diagnostics.sorted(), itemChecks: findings.itemChecks, unranked: findings.unranked)
    }

    /// What the checks found so far.
    private struct Findings {
        var diagnostics: [Diagnostic]
        var unranked = UnrankedItems()
        /// Items an error keeps out of the ranking (duplicates are removed apart).
        var rejected: Set<String> = []
        var itemChecks: [String: [Diagnostic]] = [:]
    }

    /// Duplicate ids: every place is named, and none of them is ranked. Returns each id's first
    /// place and the duplicated ids. (One dictionary of first places; lists only for the rare
    /// duplicates.)
    private static func duplicates(_ files: [ParsedFile], into findings: inout Findings) -> (firstPlace: [String: DeclaredID], duplicated: Set<String>) {
        var firstPlace: [String: DeclaredID] = [:]
        firstPlace.reserveCapacity(files.reduce(0) { $0 + $1.declaredIDs.count })
        var repeated: [String: [DeclaredID]] = [:]
        for file in files {
            for d in file.declaredIDs {
                if let first = firstPlace[d.id] {
                    repeated[d.id, default: [first]].append(d)
                } else {
                    firstPlace[d.id] = d
                }
            }
        }
        var duplicated: Set<String> = []
        for (id, places) in repeated {
            duplicated.insert(id)
            for place in places {
                var error = Diagnostic(.error, .duplicateID, "id '\(id)' is defined \(places.count) times", path: place.path, at: place.location)
                error.related = places.filter { $0 != place }.map { Diagnostic.RelatedPlace(path: $0.path, location: $0.location) }
                findings.diagnostics.append(error)
                findings.unranked.reject(id, error)
            }
        }
        return (firstPlace, duplicated)
    }

    /// Each item against the config (remembered checks reused), then its dependencies.
    private static func check(_ items: [Item], in files: [ParsedFile], declared firstPlace: [String: DeclaredID], config: Config,
                              remembered: (Item) -> [Diagnostic]?, into findings: inout Findings) {
        let context = ItemChecks.Context(config)
        var sortedIDs: [String]?
        // A file that did not parse may define ids nobody can see, so a dependency on one of
        // them would be a knock-on warning of its error, repeated in other files. Such a
        // dependency is not reported while that file is broken (its own error stands; once fixed,
        // a real typo shows). A daemon's stale file declares its last good ids, so it is left out.
        let hiding = files.filter { $0.isUnreadable && $0.declaredIDs.isEmpty }
        for item in items {
            let found = remembered(item) ?? ItemChecks.check(item, context)
            if !found.isEmpty {
                findings.itemChecks[item.id] = found
                findings.diagnostics += found
                if let error = found.first(where: { $0.severity == .error }) {
                    findings.rejected.insert(item.id)
                    findings.unranked.reject(item.id, error)
                }
            }
            for (index, dependency) in item.dependsOn.enumerated() where firstPlace[dependency] == nil {
                if !hiding.isEmpty, hiding.contains(where: { Self.mayDefine($0, dependency) }) { continue }
                // Suggestions come from every id, sorted once, and only when needed.
                if sortedIDs == nil { sortedIDs = firstPlace.keys.sorted() }
                let ids = (sortedIDs ?? []).filter { $0 != item.id }
                // A file never read could hold anything: said, rather than hiding every warning.
                let unread = hiding.filter { $0.unparsedText == nil }.map(\.path)
                let note = unread.isEmpty ? "" : " (unless it is in \(unread.prefix(3).joined(separator: ", "))\(unread.count > 3 ? " or \(unread.count - 3) more files" : ""), which could not be read)"
                findings.diagnostics.append(Diagnostic(.warning, .unknownDependency, "item '\(item.id)' depends on unknown item '\(dependency)'\(Suggestion.hint(for: dependency, in: ids))\(note)", path: item.path, at: item.location(of: "depends_on.\(index)")))
            }
        }
    }

    /// Dependency cycles, named in full at each member; every member is kept out.
    private static func cycles(_ items: [Item], into findings: inout Findings) {
        let dependent = items.filter { !$0.dependsOn.isEmpty }
        let cycles = DependencyCycles.find(dependent.map(\.id), dependencies: dependent.map(\.dependsOn))
        guard !cycles.isEmpty else { return }
        var byID: [String: Item] = [:]
        let members = Set(cycles.joined())
        for item in items where members.contains(item.id) && byID[item.id] == nil { byID[item.id] = item }
        for cycle in cycles {
            let text = (cycle + [cycle[0]]).joined(separator: " -> ")
            for (position, id) in cycle.enumerated() {
                guard let item = byID[id] else { continue }
                let nextID = cycle[(position + 1) % cycle.count]
                let index = item.dependsOn.firstIndex(of: nextID) ?? 0
                let error = Diagnostic(.error, .dependencyCycle, "dependency cycle: \(text)", path: item.path, at: item.location(of: "depends_on.\(index)"))
                findings.diagnostics.append(error)
                findings.unranked.reject(id, error)
                findings.rejected.insert(id)
            }
        }
    }

    /// Whether the unparsed file `file` may define `id`: its text holds `id` as a whole word
    /// (so `BR-1` is not found in `BR-12`). A file never read (too large, no permission) is not
    /// taken to define anything: the warning stands, naming that file.
    static func mayDefine(_ file: ParsedFile, _ id: String) -> Bool {
        guard let text = file.unparsedText else { return false }
        let needle = Array(id.utf8)
        guard let first = needle.first, needle.count <= text.count else { return false }
        // Letters, digits and the usual id punctuation continue a word.
        func continuesWord(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte >= 0x80
        }
        var start = 0
        while start <= text.count - needle.count {
            guard let at = text[start...(text.count - needle.count)].firstIndex(of: first) else { return false }
            if text[at..<(at + needle.count)].elementsEqual(needle),
               at == 0 || !continuesWord(text[at - 1]),
               at + needle.count == text.count || !continuesWord(text[at + needle.count]) {
                return true
            }
            start = at + 1
        }
        return false
    }

    /// The fields an open item lacks for `model` to score it.
    public static func missingInputs(_ item: Item, model: ScoringModelKind) -> [String] {
        model.missingInputs(item)
    }
}

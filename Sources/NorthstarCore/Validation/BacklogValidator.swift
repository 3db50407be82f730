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
    }

    /// Checks `files` (in any order) against `config`.
    public static func validate(_ files: [ParsedFile], config: Config) -> Outcome {
        let files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var diagnostics = files.flatMap(\.diagnostics)

        // Duplicate ids: every place is named, and none of them is ranked. (One dictionary of
        // first places; lists only for the rare duplicates.)
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
                let others = places.filter { $0 != place }.map { "\($0.path):\($0.location.line):\($0.location.column)" }
                diagnostics.append(Diagnostic(.error, "duplicate-id", "id '\(id)' is defined \(places.count) times; also at \(others.joined(separator: ", "))", path: place.path, at: place.location))
            }
        }
        var items = files.flatMap(\.items)
        if !duplicated.isEmpty { items.removeAll { duplicated.contains($0.id) } }

        // Inputs the scoring model needs, references to the config, dependencies. The common
        // case — nothing to report — allocates nothing per item.
        var rejected: Set<String> = []
        let knownObjectives = config.objectives.map(\.id)
        // One look-up per objective an item names says both whether it is known and whether
        // it carries weight.
        var objectiveWeights: [String: Double] = [:]
        for o in config.objectives where objectiveWeights[o.id] == nil { objectiveWeights[o.id] = o.weight }
        let knownGroups = config.equity.knownGroups
        var sortedIDs: [String]?
        for item in items {
            if item.status.isRanked {
                // An empty result allocates nothing: the common case stays cheap.
                for field in missingInputs(item, model: config.model) {
                    diagnostics.append(Diagnostic(.error, "missing-field", "item '\(item.id)' has no '\(field)', which the \(config.model.rawValue) model needs", path: item.path, at: item.location))
                    rejected.insert(item.id)
                }
            }
            var aligned = false, unknownObjective = false
            for (objective, contribution) in item.objectives {
                if let weight = objectiveWeights[objective] {
                    if weight > 0, contribution > 0 { aligned = true }
                } else {
                    unknownObjective = true
                }
            }
            if unknownObjective {
                for objective in item.objectives.keys.sorted() where objectiveWeights[objective] == nil {
                    diagnostics.append(Diagnostic(.warning, "unknown-objective", "unknown objective '\(objective)'\(Suggestion.hint(for: objective, in: knownObjectives)); it does not count towards alignment", path: item.path, at: item.location(of: "objectives.\(objective)")))
                }
            }
            var unknownGroups: Set<String> = []
            for group in item.reach.keys where !knownGroups.contains(group) { unknownGroups.insert(group) }
            if case .perGroup(let needs) = item.need {
                for group in needs.keys where !knownGroups.contains(group) { unknownGroups.insert(group) }
            }
            for group in unknownGroups.sorted() {
                let field = item.reach[group] != nil ? "reach.\(group)" : "need.\(group)"
                diagnostics.append(Diagnostic(.warning, "unknown-group", "unknown beneficiary group '\(group)'\(Suggestion.hint(for: group, in: knownGroups.sorted())); it gets the default equity weight \(NumberFormat.plain(config.equity.defaultWeight))", path: item.path, at: item.location(of: field)))
            }
            if config.model == .impact, item.status.isRanked, !aligned {
                diagnostics.append(Diagnostic(.warning, "no-objective", "item '\(item.id)' is aligned to no mission objective, so its score is 0", path: item.path, at: item.fieldLocations["objectives"] ?? item.location))
            }
            for (index, dependency) in item.dependsOn.enumerated() where firstPlace[dependency] == nil {
                // Suggestions come from every id, sorted once, and only when needed.
                if sortedIDs == nil { sortedIDs = firstPlace.keys.sorted() }
                let ids = (sortedIDs ?? []).filter { $0 != item.id }
                diagnostics.append(Diagnostic(.warning, "unknown-dependency", "item '\(item.id)' depends on unknown item '\(dependency)'\(Suggestion.hint(for: dependency, in: ids))", path: item.path, at: item.location(of: "depends_on.\(index)")))
            }
        }

        // Cycles, named in full at each member.
        let dependent = items.filter { !$0.dependsOn.isEmpty }
        let cycles = DependencyCycles.find(dependent.map(\.id), dependencies: dependent.map(\.dependsOn))
        if !cycles.isEmpty {
            var byID: [String: Item] = [:]
            let members = Set(cycles.joined())
            for item in items where members.contains(item.id) && byID[item.id] == nil { byID[item.id] = item }
            for cycle in cycles {
                let text = (cycle + [cycle[0]]).joined(separator: " -> ")
                for (position, id) in cycle.enumerated() {
                    guard let item = byID[id] else { continue }
                    let nextID = cycle[(position + 1) % cycle.count]
                    let index = item.dependsOn.firstIndex(of: nextID) ?? 0
                    diagnostics.append(Diagnostic(.error, "dependency-cycle", "dependency cycle: \(text)", path: item.path, at: item.location(of: "depends_on.\(index)")))
                    rejected.insert(id)
                }
            }
        }
        if !rejected.isEmpty { items.removeAll { rejected.contains($0.id) } }
        return Outcome(items: items, diagnostics: diagnostics.sorted())
    }

    /// The fields an open item lacks for `model` to score it.
    public static func missingInputs(_ item: Item, model: ScoringModelKind) -> [String] {
        var missing: [String] = []
        switch model {
        case .impact:
            if item.need == nil { missing.append("need") }
            if item.reach.isEmpty { missing.append("reach") }
            if item.cost == nil { missing.append("cost") }
        case .rice:
            if item.reach.isEmpty { missing.append("reach") }
            if item.riceImpact == nil { missing.append("impact") }
            if item.effort == nil, item.cost == nil { missing.append("effort") }
        case .wsjf:
            if item.businessValue == nil { missing.append("business_value") }
            if item.timeCriticality == nil { missing.append("time_criticality") }
            if item.riskReduction == nil { missing.append("risk_reduction") }
            if item.jobSize == nil, item.cost == nil { missing.append("job_size") }
        }
        return missing
    }
}

/// The checks of one item against the config alone: the inputs its scoring model needs (errors
/// that keep it out of the ranking), and its references to objectives and beneficiary groups the
/// config does not know, or its alignment to none (warnings). Pure: the same item under the same
/// config always gets the same diagnostics, so a long-running process may remember them.
public enum ItemChecks {
    /// What the checks need from the config, worked out once per pass rather than per item.
    public struct Context: Sendable {
        let config: Config
        let knownObjectives: [String]
        /// Weight of each objective the config defines: one look-up per objective an item names
        /// says both whether it is known and whether it carries weight.
        let objectiveWeights: [String: Double]
        let knownGroups: Set<String>

        /// The context of `config`.
        public init(_ config: Config) {
            self.config = config
            knownObjectives = config.objectives.map(\.id)
            var weights: [String: Double] = [:]
            for o in config.objectives where weights[o.id] == nil { weights[o.id] = o.weight }
            objectiveWeights = weights
            knownGroups = config.equity.knownGroups
        }
    }

    /// Every problem `item` has under the context's config (empty, without allocating, in the
    /// common case). Errors among them keep the item out of the ranking.
    public static func check(_ item: Item, _ context: Context) -> [Diagnostic] {
        let config = context.config
        var diagnostics: [Diagnostic] = []
        if item.status.isRanked {
            for field in BacklogValidator.missingInputs(item, model: config.model) {
                diagnostics.append(Diagnostic(.error, .missingField, "item '\(item.id)' has no '\(field)', which the \(config.model.rawValue) model needs", path: item.path, at: item.location))
            }
        }
        var aligned = false, unknownObjective = false
        for (objective, contribution) in item.objectives {
            if let weight = context.objectiveWeights[objective] {
                if weight > 0, contribution > 0 { aligned = true }
            } else {
                unknownObjective = true
            }
        }
        if unknownObjective {
            for objective in item.objectives.keys where context.objectiveWeights[objective] == nil {
                diagnostics.append(Diagnostic(.warning, .unknownObjective, "unknown objective '\(objective)'\(Suggestion.hint(for: objective, in: context.knownObjectives)); it does not count towards alignment", path: item.path, at: item.location(of: "objectives.\(objective)")))
            }
        }
        var unknownGroups: Set<String> = []
        for group in item.reach.keys where !context.knownGroups.contains(group) { unknownGroups.insert(group) }
        if case .perGroup(let needs) = item.need {
            for group in needs.keys where !context.knownGroups.contains(group) { unknownGroups.insert(group) }
        }
        for group in unknownGroups.sorted() {
            let field = item.reach[group] != nil ? "reach.\(group)" : "need.\(group)"
            diagnostics.append(Diagnostic(.warning, .unknownGroup, "unknown beneficiary group '\(group)'\(Suggestion.hint(for: group, in: context.knownGroups.sorted())); it gets the default equity weight \(NumberFormat.plain(config.equity.defaultWeight))", path: item.path, at: item.location(of: field)))
        }
        if config.model.model.readsObjectives, item.status.isRanked, !aligned {
            diagnostics.append(Diagnostic(.warning, .noObjective, "item '\(item.id)' is aligned to no mission objective, so its score is 0", path: item.path, at: item.fieldLocations["objectives"] ?? item.location))
        }
        return diagnostics
    }
}

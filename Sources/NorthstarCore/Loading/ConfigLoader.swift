/// The outcome of reading a config: the config when it is usable, and every problem found.
public struct ConfigLoadResult: Sendable {
    /// The config, or `nil` when it has errors.
    public var config: Config?
    /// Located problems in the config file.
    public var diagnostics: [Diagnostic]
}

/// Reads a team's config file (README: "The config") with the same located diagnostics as backlog
/// files. Relative folders resolve against the config file's own folder. Pure.
public struct ConfigLoader: Sendable {
    static let topLevel = ConfigFields.table.names

    /// A config loader.
    public init() {}

    /// Reads `bytes`, the contents of the config at absolute path `absolutePath`, displayed
    /// in diagnostics as `displayPath`.
    public func load(_ bytes: [UInt8], absolutePath: String, displayPath: String) -> ConfigLoadResult {
        var fields = FieldReader(path: displayPath)
        let root: YAMLNode?
        do {
            root = try YAMLEventReader().read(bytes)
        } catch {
            fields.error(error.code, error.message, at: error.location)
            return ConfigLoadResult(config: nil, diagnostics: fields.diagnostics)
        }
        guard let root, let pairs = root.mapping else {
            fields.error(.type, "the config should be a mapping (mission, backlog, output, objectives, equity, scoring...)", at: root?.location ?? .fileStart)
            return ConfigLoadResult(config: nil, diagnostics: fields.diagnostics)
        }
        // A misspelt top-level key silently drops a whole section (every equity weight falls
        // back to 1), so any unknown one is an error.
        fields.warnUnknownKeys(pairs, known: Self.topLevel, context: "the config", alwaysError: ConfigFields.table.closed)
        let folder = Paths.directory(of: absolutePath)
        func folderField(_ key: String, default fallback: String) -> String {
            guard let node = root[key], let text = fields.text(node, field: key) else { return Paths.resolve(fallback, against: folder) }
            return Paths.resolve(text, against: folder)
        }
        var config = Config(
            sourcePath: absolutePath,
            backlogPath: folderField("backlog", default: "backlog"),
            outputPath: folderField("output", default: "rankings"),
            objectives: [])
        if let node = root["mission"] { config.mission = fields.text(node, field: "mission", allowNull: true) }
        if let node = root["cost_unit"], let unit = fields.text(node, field: "cost_unit") { config.costUnit = unit }
        if let node = root["metrics_path"], let text = fields.text(node, field: "metrics_path") {
            config.metricsPath = Paths.resolve(text, against: folder)
        }
        config.objectives = readObjectives(root["objectives"], root: root, fields: &fields)
        if let node = root["equity"] { config.equity = readEquity(node, fields: &fields) }
        if let node = root["scoring"] { readScoring(node, into: &config, fields: &fields) }
        if let node = root["capacity"], case .null = node.scalar?.value {
        } else if let node = root["capacity"], let v = fields.number(node, field: "capacity", within: ConfigFields.capacity) {
            config.capacity = v
        }
        if let node = root["plan"] { config.floors = readPlan(node, config: config, fields: &fields) }
        if let node = root["formats"] { config.formats = readFormats(node, fields: &fields) }
        if let node = root["watch"] { config.watch = readWatch(node, fields: &fields) }
        if let node = root["markdown"], let n = readMaxRows(node, section: "markdown", fields: &fields) { config.markdownMaxRows = n }
        if let node = root["report"], let n = readMaxRows(node, section: "report", fields: &fields) { config.reportMaxRows = n }
        if let node = root["uncertainty"] { config.uncertainty = readUncertainty(node, fields: &fields) }
        if let node = root["limits"] {
            if let lp = node.mapping {
                fields.warnUnknownKeys(lp, known: ConfigFields.table.section("limits").names, context: "'limits'")
                if let n = node["max_file_bytes"], let v = fields.number(n, field: "limits.max_file_bytes", within: ConfigFields.maxFileBytes) {
                    config.maxFileBytes = Int(v)
                }
            } else {
                fields.error(.type, "'limits' should be a mapping", at: node.location)
            }
        }
        if Paths.isInside(config.backlogPath, config.outputPath) {
            fields.error(.folders, "the backlog folder is inside the output folder; outputs would overwrite the backlog", at: root["output"]?.location ?? .fileStart)
        }
        let ok = fields.errorCount == 0
        return ConfigLoadResult(config: ok ? config : nil, diagnostics: fields.diagnostics)
    }

    private func readObjectives(_ node: YAMLNode?, root: YAMLNode, fields: inout FieldReader) -> [Objective] {
        guard let node else {
            fields.error(.missingObjectives, "the config has no 'objectives'; name at least one mission objective with a weight", at: root.location)
            return []
        }
        guard let pairs = node.mapping, !pairs.isEmpty else {
            fields.error(.type, "'objectives' should map objective ids to {weight, name, metric}", at: node.location)
            return []
        }
        var objectives: [Objective] = []
        for pair in pairs {
            guard let id = pair.key.scalar?.text else { continue }
            let field = "objectives.\(id)"
            var weight: Double?
            var name: String?
            var metric: String?
            if let spec = pair.value.mapping {
                fields.warnUnknownKeys(spec, known: ConfigFields.objectiveTable.names, context: "objective '\(id)'")
                if let w = pair.value["weight"] { weight = fields.number(w, field: "\(field).weight") } else {
                    fields.error(.missingWeight, "objective '\(id)' has no 'weight'", at: pair.value.location)
                }
                if let n = pair.value["name"] { name = fields.text(n, field: "\(field).name") }
                if let m = pair.value["metric"] { metric = fields.text(m, field: "\(field).metric") }
            } else {
                weight = fields.number(pair.value, field: "\(field) (its weight)")
            }
            guard let w = weight else { continue }
            if let problem = ConfigFields.objectiveWeight.problem(w) {
                fields.error(.range, "weight of objective '\(id)' \(problem)", at: pair.value.location)
                continue
            }
            objectives.append(Objective(id: id, weight: w, name: name, metric: metric))
        }
        if !objectives.isEmpty, objectives.allSatisfy({ $0.weight == 0 }) {
            fields.error(.range, "at least one objective needs a weight above 0", at: node.location)
        }
        return objectives
    }

    private func readEquity(_ node: YAMLNode, fields: inout FieldReader) -> EquityWeights {
        var equity = EquityWeights(groups: [:])
        guard let pairs = node.mapping else {
            fields.error(.type, "'equity' should be a mapping with 'groups' and 'default'", at: node.location)
            return equity
        }
        fields.warnUnknownKeys(pairs, known: ConfigFields.table.section("equity").names, context: "'equity'")
        if let d = node["default"], let v = fields.number(d, field: "equity.default", within: ConfigFields.equityWeight) {
            equity.defaultWeight = v
        }
        if let groups = node["groups"] {
            guard let gp = groups.mapping else {
                fields.error(.type, "'equity.groups' should map group ids to weights", at: groups.location)
                return equity
            }
            for pair in gp {
                guard let id = pair.key.scalar?.text, let v = fields.number(pair.value, field: "equity.groups.\(id)") else { continue }
                if let problem = ConfigFields.equityWeight.problem(v) {
                    fields.error(.range, "equity weight of group '\(id)' \(problem)", at: pair.value.location)
                } else {
                    equity.groups[id] = v
                }
            }
        }
        return equity
    }

    private func readScoring(_ node: YAMLNode, into config: inout Config, fields: inout FieldReader) {
        guard let pairs = node.mapping else {
            fields.error(.type, "'scoring' should be a mapping (model, reach_scale, default_confidence)", at: node.location)
            return
        }
        fields.warnUnknownKeys(pairs, known: ConfigFields.table.section("scoring").names, context: "'scoring'")
        if let d = node["dependencies"], let order: DependencyOrder = fields.choice(d, field: "scoring.dependencies", code: .type, noun: "dependency order") {
            config.dependencyOrder = order
        }
        if let m = node["model"], let text = fields.text(m, field: "scoring.model") {
            if let model = ScoringModelKind(rawValue: text) { config.model = model } else {
                let names = ScoringModelKind.allCases.map(\.rawValue)
                fields.error(.model, "unknown scoring model '\(text)'\(Suggestion.hint(for: text, in: names)); use one of \(names.joined(separator: ", "))", at: m.location)
            }
        }
        if let s = node["reach_scale"], let scale: ReachScale = fields.choice(s, field: "scoring.reach_scale", code: .reachScale, noun: "reach scale") {
            config.reachScale = scale
        }
        if let c = node["default_confidence"], let v = fields.number(c, field: "scoring.default_confidence", within: ConfigFields.defaultConfidence) {
            config.defaultConfidence = v
        }
    }

    /// `plan: {floors: {groups: {refugees: 0.10}, objectives: {nutrition: 0.15}}}`.
    private func readPlan(_ node: YAMLNode, config: Config, fields: inout FieldReader) -> [PlanFloor] {
        guard let pairs = node.mapping else {
            fields.error(.type, "'plan' should be a mapping (floors)", at: node.location)
            return []
        }
        fields.warnUnknownKeys(pairs, known: ConfigFields.table.section("plan").names, context: "'plan'")
        guard let floorsNode = node["floors"] else { return [] }
        guard let kinds = floorsNode.mapping else {
            fields.error(.type, "'plan.floors' should be a mapping (groups, objectives)", at: floorsNode.location)
            return []
        }
        fields.warnUnknownKeys(kinds, known: ConfigFields.table.section("plan").section("floors").names, context: "'plan.floors'")
        var floors: [PlanFloor] = []
        var total: [PlanFloor.Kind: Double] = [:]
        for kind in [PlanFloor.Kind.groups, .objectives] {
            guard let list = floorsNode[kind.rawValue] else { continue }
            guard let entries = list.mapping else {
                fields.error(.type, "'plan.floors.\(kind.rawValue)' should be a mapping of name to share (0..1)", at: list.location)
                continue
            }
            for pair in entries {
                guard let name = pair.key.scalar?.text else { fields.keyNotText(at: pair.key.location, context: "'plan.floors.\(kind.rawValue)'"); continue }
                guard let share = fields.number(pair.value, field: "plan.floors.\(kind.rawValue).\(name)") else { continue }
                guard ConfigFields.floor.allows(share) else {
                    fields.error(.range, "floor '\(kind.rawValue).\(name)' is a share of the funded value: more than 0, at most 1 (0.10 for 10%)", at: pair.value.location)
                    continue
                }
                let known = kind == .groups ? config.equity.knownGroups.sorted() : config.objectives.map(\.id)
                if !known.contains(name) {
                    fields.warning(kind == .groups ? .unknownGroup : .unknownObjective, "floor on unknown \(kind == .groups ? "beneficiary group" : "objective") '\(name)'\(Suggestion.hint(for: name, in: known))", at: pair.key.location)
                }
                total[kind, default: 0] += share
                floors.append(PlanFloor(kind: kind, name: name, share: share, location: pair.key.location))
            }
        }
        for (kind, sum) in total.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where sum > 1 + 1e-9 {
            fields.error(.range, "the \(kind.rawValue) floors ask for \(NumberFormat.plain(sum * 100))% of the funded value together; they cannot add up to more than 100%", at: floorsNode.location)
        }
        if !floors.isEmpty, config.capacity == nil {
            fields.warning(.plan, "'plan.floors' apply to a budget plan, and there is none without 'capacity'", at: floorsNode.location)
        }
        if !floors.isEmpty, !config.model.model.readsObjectives {
            fields.warning(.plan, "'plan.floors' need the impact model's group and objective parts; the \(config.model.rawValue) model has none, so they are ignored", at: floorsNode.location)
        }
        return floors.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
    }

    private func readFormats(_ node: YAMLNode, fields: inout FieldReader) -> [OutputFormat] {
        var formats: [OutputFormat] = []
        for (text, location) in fields.textList(node, field: "formats") ?? [] {
            if let f = OutputFormat(rawValue: text) {
                if !formats.contains(f) { formats.append(f) }
            } else {
                let names = OutputFormat.allCases.map(\.rawValue)
                fields.error(.format, "unknown output format '\(text)'\(Suggestion.hint(for: text, in: names)); use any of \(names.joined(separator: ", "))", at: location)
            }
        }
        return formats
    }

    /// `max_rows` of the `markdown` or `report` section: how many table rows that file shows.
    private func readMaxRows(_ node: YAMLNode, section: String, fields: inout FieldReader) -> Int? {
        guard let pairs = node.mapping else {
            fields.error(.type, "'\(section)' should be a mapping (max_rows)", at: node.location)
            return nil
        }
        fields.warnUnknownKeys(pairs, known: ConfigFields.table.section(section).names, context: "'\(section)'")
        guard let m = node["max_rows"], let v = fields.number(m, field: "\(section).max_rows", within: ConfigFields.maxRows) else { return nil }
        return Int(v)
    }

    private func readUncertainty(_ node: YAMLNode, fields: inout FieldReader) -> UncertaintySettings {
        var settings = UncertaintySettings()
        guard let pairs = node.mapping else {
            fields.error(.type, "'uncertainty' should be a mapping (draws, seed, top)", at: node.location)
            return settings
        }
        fields.warnUnknownKeys(pairs, known: ConfigFields.table.section("uncertainty").names, context: "'uncertainty'")
        func whole(_ key: String, _ rule: NumberRule) -> Int? {
            guard let n = node[key], let v = fields.number(n, field: "uncertainty.\(key)", within: rule) else { return nil }
            return Int(v)
        }
        if let draws = whole("draws", ConfigFields.draws) { settings.draws = draws }
        if let seed = whole("seed", ConfigFields.seed) { settings.seed = UInt64(seed) }
        if let top = whole("top", ConfigFields.top) { settings.top = top }
        return settings
    }

    private func readWatch(_ node: YAMLNode, fields: inout FieldReader) -> WatchSettings {
        var watch = WatchSettings()
        guard let pairs = node.mapping else {
            fields.error(.type, "'watch' should be a mapping (settle_ms, max_delay_ms)", at: node.location)
            return watch
        }
        fields.warnUnknownKeys(pairs, known: ConfigFields.table.section("watch").names, context: "'watch'")
        if let s = node["settle_ms"], let v = fields.number(s, field: "watch.settle_ms", within: ConfigFields.settle) { watch.settleMs = Int(v) }
        if let m = node["max_delay_ms"], let v = fields.number(m, field: "watch.max_delay_ms", within: ConfigFields.maxDelay) { watch.maxDelayMs = Int(v) }
        if watch.maxDelayMs < watch.settleMs {
            fields.warning(.watch, "'watch.max_delay_ms' is below 'settle_ms'; bursts will be cut at \(watch.maxDelayMs) ms", at: node.location)
        }
        return watch
    }
}

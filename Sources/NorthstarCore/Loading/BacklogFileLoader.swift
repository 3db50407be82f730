/// Turns the bytes of one backlog file into items (README: "Backlog files"), reporting every problem
/// at its `path:line:col`. Pure: no file system access.
public struct BacklogFileLoader: Sendable {
    /// The fields an item may have. Anything else is a warning with a suggestion.
    public static let knownFields = [
        "id", "title", "status", "objectives", "need", "reach", "confidence", "cost",
        "depends_on", "tags", "owner", "funding", "description", "notes", "links",
    ] + ScoringModelKind.modelFieldNames

    /// The YAML limits applied to every file.
    public var reader: YAMLEventReader

    /// A loader with the given YAML limits.
    public init(reader: YAMLEventReader = YAMLEventReader()) {
        self.reader = reader
    }

    /// Reads the items in `bytes`, which came from the file displayed as `path`.
    public func load(_ bytes: [UInt8], path: String) -> ParsedFile {
        let root: YAMLNode?
        do {
            root = try reader.read(bytes)
        } catch {
            var file = ParsedFile.unreadable(path: path, code: error.code, message: error.message, at: error.location)
            file.unparsedText = bytes
            return file
        }
        var fields = FieldReader(path: path)
        guard let root else {
            fields.warning(.emptyFile, "the file holds no item", at: .fileStart)
            return ParsedFile(path: path, items: [], declaredIDs: [], diagnostics: fields.diagnostics, isUnreadable: false)
        }
        guard let pairs = root.mapping else {
            fields.error(.type, "expected an item (a mapping with 'id') or 'items:' with a list of items, found \(root.kindDescription)", at: root.location)
            return ParsedFile(path: path, items: [], declaredIDs: [], diagnostics: fields.diagnostics, isUnreadable: false)
        }
        var itemNodes: [YAMLNode] = []
        if root["id"] == nil, let list = root["items"] {
            fields.warnUnknownKeys(pairs, known: ["items"], context: "a multi-item file")
            if let entries = list.sequence {
                itemNodes = entries
            } else {
                fields.error(.type, "'items' should be a list of items, found \(list.kindDescription)", at: list.location)
            }
        } else {
            itemNodes = [root]
        }
        var items: [Item] = []
        var declared: [DeclaredID] = []
        var rejected: [(id: String, error: Diagnostic)] = []
        for node in itemNodes {
            let errorsBefore = fields.errorCount, diagnosticsBefore = fields.diagnostics.count
            guard let item = readItem(node, fields: &fields, declared: &declared) else { continue }
            if fields.errorCount == errorsBefore {
                items.append(item)
            } else if let error = fields.diagnostics[diagnosticsBefore...].first(where: { $0.severity == .error }) {
                rejected.append((item.id, error))
            }
        }
        return ParsedFile(path: path, items: items, declaredIDs: declared, diagnostics: fields.diagnostics, isUnreadable: false, rejected: rejected)
    }

    private func readItem(_ node: YAMLNode, fields: inout FieldReader, declared: inout [DeclaredID]) -> Item? {
        guard let pairs = node.mapping else {
            fields.error(.type, "an item should be a mapping with 'id', found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard let idNode = node["id"] else {
            fields.error(.missingID, "item has no 'id'", at: node.location)
            return nil
        }
        guard let id = fields.text(idNode, field: "id") else { return nil }
        declared.append(DeclaredID(id: id, path: fields.path, location: idNode.location))
        checkID(id, at: idNode.location, fields: &fields)
        var item = Item(id: id, path: fields.path, location: node.location)
        // Each key is told known or unknown by the switch below, which reads it anyway.
        for pair in pairs {
            guard let key = pair.key.scalar?.text else {
                fields.keyNotText(at: pair.key.location, context: "item '\(id)'")
                continue
            }
            let value = pair.value
            item.fieldLocations[key] = value.location
            switch key {
            case "title":
                item.title = fields.text(value, field: key, allowNull: true) ?? ""
            case "status":
                if let status: ItemStatus = fields.choice(value, field: key, code: .status, noun: "status", allowNull: true) { item.status = status }
            case "objectives":
                readObjectives(value, into: &item, fields: &fields)
            case "need":
                item.need = readNeed(value, into: &item, fields: &fields)
            case "reach":
                item.reach = readReach(value, into: &item, fields: &fields)
            case "confidence":
                item.confidence = fields.estimate(value, field: key) { (0...1).contains($0) ? nil : "must be between 0 and 1" }
            case "cost":
                item.cost = fields.estimate(value, field: key, check: Self.positive)
            case "depends_on":
                for (index, (dep, location)) in (fields.textList(value, field: key) ?? []).enumerated() {
                    item.dependsOn.append(dep)
                    item.fieldLocations["depends_on.\(index)"] = location
                }
            case "tags":
                item.tags = (fields.textList(value, field: key) ?? []).map(\.0)
            case "owner":
                item.owner = fields.text(value, field: key, allowNull: true)
            case "funding":
                item.funding = fields.choice(value, field: key, code: .funding, noun: "funding", allowNull: true,
                                             advice: ", or leave it out for the plan to choose")
            case "id", "description", "notes", "links":
                break
            default:
                // The fields only one scoring model reads are that model's to read.
                if ScoringModelKind.readModelField(key, value, into: &item, fields: &fields) { break }
                fields.unknownKey(key, at: pair.key.location, known: Self.knownFields, context: "item '\(id)'")
            }
        }
        if case .perGroup(let needs) = item.need {
            for group in item.reach.keys.sorted() where needs[group] == nil {
                fields.error(.needGroup, "item '\(id)' reaches group '\(group)' but 'need' gives no severity for it", at: item.location(of: "reach.\(group)"))
            }
        }
        return item
    }

    /// An id must be printable, not blank, and at most 200 characters.
    private func checkID(_ id: String, at location: SourceLocation, fields: inout FieldReader) {
        // Most ids are short printable ASCII without spaces: nothing to look up per character.
        let plain = !id.isEmpty && id.utf8.count <= 200 && id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
        guard !plain else { return }
        if id.trimmingWhitespace().isEmpty {
            fields.error(.id, "'id' is blank", at: location)
        } else if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            fields.error(.id, "'id' contains control characters", at: location)
        } else if id.count > 200 {
            fields.error(.id, "'id' is longer than 200 characters", at: location)
        }
    }

    private func readObjectives(_ node: YAMLNode, into item: inout Item, fields: inout FieldReader) {
        if case .null = node.scalar?.value { return }
        guard let pairs = node.mapping else {
            fields.error(.type, "'objectives' should map objective ids to contributions 0..1, found \(node.kindDescription)", at: node.location)
            return
        }
        for pair in pairs {
            guard let objective = pair.key.scalar?.text else { continue }
            item.fieldLocations["objectives.\(objective)"] = pair.key.location
            guard let v = fields.number(pair.value, field: "objectives.\(objective)") else { continue }
            if (0...1).contains(v) {
                item.objectives[objective] = v
            } else {
                fields.error(.range, "contribution to objective '\(objective)' must be between 0 and 1, found \(NumberFormat.plain(v))", at: pair.value.location)
            }
        }
    }

    private func readNeed(_ node: YAMLNode, into item: inout Item, fields: inout FieldReader) -> Need? {
        let check: (Double) -> String? = { (1...5).contains($0) ? nil : "must be between 1 and 5" }
        if let pairs = node.mapping, !FieldReader.isRange(pairs) {
            var byGroup: [String: Estimate] = [:]
            for pair in pairs {
                guard let group = pair.key.scalar?.text else { continue }
                item.fieldLocations["need.\(group)"] = pair.key.location
                if let e = fields.estimate(pair.value, field: "need.\(group)", check: check) { byGroup[group] = e }
            }
            return .perGroup(byGroup)
        }
        return fields.estimate(node, field: "need", check: check).map { .uniform($0) }
    }

    private func readReach(_ node: YAMLNode, into item: inout Item, fields: inout FieldReader) -> [String: Estimate] {
        let check: (Double) -> String? = { v in
            if v < 0 { return "must not be negative" }
            return v > Self.largestReach ? "must be at most 10,000,000,000 (more people than live on Earth)" : nil
        }
        if let pairs = node.mapping, !FieldReader.isRange(pairs) {
            var byGroup: [String: Estimate] = [:]
            for pair in pairs {
                guard let group = pair.key.scalar?.text else { continue }
                item.fieldLocations["reach.\(group)"] = pair.key.location
                if let e = fields.estimate(pair.value, field: "reach.\(group)", check: check) { byGroup[group] = e }
            }
            return byGroup
        }
        item.fieldLocations["reach.general"] = node.location
        return fields.estimate(node, field: "reach", check: check).map { ["general": $0] } ?? [:]
    }

    /// Largest cost, effort, job size or WSJF value accepted: beyond it the figure is a typo,
    /// and the arithmetic could leave the range of finite numbers.
    static let largestAmount = 1e9
    /// Largest reach in one group: more people than live on Earth is a typo.
    static let largestReach = 1e10

    static func positive(_ v: Double) -> String? {
        if v <= 0 { return "must be greater than 0" }
        return v > largestAmount ? "must be at most 1,000,000,000" : nil
    }
    static func nonNegative(_ v: Double) -> String? {
        if v < 0 { return "must not be negative" }
        return v > largestAmount ? "must be at most 1,000,000,000" : nil
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}

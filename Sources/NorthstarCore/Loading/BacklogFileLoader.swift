/// Turns the bytes of one backlog file into items (README: "Backlog files"), reporting every problem
/// at its `path:line:col`. Pure: no file system access.
public struct BacklogFileLoader: Sendable {
    /// The fields an item may have. Anything else is a warning with a suggestion.
    public static let knownFields = ItemFields.table.names

    /// The YAML limits applied to every file.
    public var reader: YAMLEventReader

    /// A loader with the given YAML limits.
    public init(reader: YAMLEventReader = YAMLEventReader()) {
        self.reader = reader
    }

    /// Reads the items in `bytes`, which came from the file displayed as `path`.
    public func load(_ bytes: [UInt8], path: String) -> ParsedFile {
        // A clean file is read straight from the parser's events; anything else (and any file
        // with something to report) is read through its YAML nodes, which say what is wrong.
        if reader.maxDepth >= EventItemReader.depthNeeded, let file = EventItemReader.read(bytes, path: path) {
            return file
        }
        return loadThroughNodes(bytes, path: path)
    }

    /// Reads the items in `bytes` through the file's YAML nodes: the general reading, which
    /// reports every problem (and what `load` must always agree with).
    func loadThroughNodes(_ bytes: [UInt8], path: String) -> ParsedFile {
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
            fields.warnUnknownKeys(pairs, known: ItemFields.multiItem.names, context: "a multi-item file")
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
        // Room for an item's usual fields, given back once they are all recorded.
        item.fieldLocations.reserveCapacity(512)
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
                item.confidence = fields.estimate(value, field: key, check: ItemFields.confidence.problem)
            case "cost":
                item.cost = fields.estimate(value, field: key, check: ItemFields.amount.problem)
            case "depends_on":
                for (index, (dep, location)) in (fields.textList(value, field: key) ?? []).enumerated() {
                    item.dependsOn.append(dep)
                    item.fieldLocations["depends_on", String(index)] = location
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
        item.fieldLocations.shrinkToFit()
        if case .perGroup(let needs) = item.need {
            for group in item.reach.keys where needs[group] == nil {
                fields.error(.needGroup, "item '\(id)' reaches group '\(group)' but 'need' gives no severity for it", at: item.location(of: "reach.\(group)"))
            }
        }
        return item
    }

    /// An id must be printable, not blank, and at most 200 characters.
    private func checkID(_ id: String, at location: SourceLocation, fields: inout FieldReader) {
        guard !ItemFields.isPlainID(id) else { return }
        if id.trimmingWhitespace().isEmpty {
            fields.error(.id, "'id' is blank", at: location)
        } else if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            fields.error(.id, "'id' contains control characters", at: location)
        } else if id.unicodeScalars.count > ItemFields.idLength {
            fields.error(.id, "'id' is longer than \(ItemFields.idLength) characters", at: location)
        }
    }

    private func readObjectives(_ node: YAMLNode, into item: inout Item, fields: inout FieldReader) {
        if case .null = node.scalar?.value { return }
        guard let pairs = node.mapping else {
            fields.error(.type, "'objectives' should map objective ids to contributions 0..1, found \(node.kindDescription)", at: node.location)
            return
        }
        item.objectives.reserveCapacity(item.objectives.count + pairs.count)
        for pair in pairs {
            guard let objective = pair.key.scalar?.text else { continue }
            item.fieldLocations["objectives", objective] = pair.key.location
            guard let v = fields.number(pair.value, field: "objectives.\(objective)") else { continue }
            if ItemFields.contribution.allows(v) {
                item.objectives[objective] = v
            } else {
                fields.error(.range, "contribution to objective '\(objective)' must be between 0 and 1, found \(NumberFormat.plain(v))", at: pair.value.location)
            }
        }
    }

    private func readNeed(_ node: YAMLNode, into item: inout Item, fields: inout FieldReader) -> Need? {
        let check = ItemFields.need.problem
        if let pairs = node.mapping, !FieldReader.isRange(pairs) {
            var byGroup: [String: Estimate] = Dictionary(minimumCapacity: pairs.count)
            for pair in pairs {
                guard let group = pair.key.scalar?.text else { continue }
                item.fieldLocations["need", group] = pair.key.location
                if let e = fields.estimate(pair.value, field: "need.\(group)", check: check) { byGroup[group] = e }
            }
            return .perGroup(byGroup)
        }
        return fields.estimate(node, field: "need", check: check).map { .uniform($0) }
    }

    private func readReach(_ node: YAMLNode, into item: inout Item, fields: inout FieldReader) -> NamedValues<Estimate> {
        let check = ItemFields.reach.problem
        if let pairs = node.mapping, !FieldReader.isRange(pairs) {
            var byGroup = NamedValues<Estimate>(minimumCapacity: pairs.count)
            for pair in pairs {
                guard let group = pair.key.scalar?.text else { continue }
                item.fieldLocations["reach", group] = pair.key.location
                if let e = fields.estimate(pair.value, field: "reach.\(group)", check: check) { byGroup[group] = e }
            }
            return byGroup
        }
        item.fieldLocations["reach", "general"] = node.location
        return fields.estimate(node, field: "reach", check: check).map { ["general": $0] } ?? [:]
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

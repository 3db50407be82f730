import CYAML

/// Reads a clean backlog file's items straight from libyaml's events, without building the
/// file's YAML nodes first: the common case of every backlog, read at close to the parser's own
/// speed.
///
/// It accepts only what needs no diagnostic: known fields with well-formed values, no anchors,
/// aliases or tags, no duplicate keys. At the first thing it would have to report or resolve it
/// gives up, and the general reader (`YAMLEventReader` and the node-based item reader) reads the
/// file again and says what is wrong. So for any file it either yields exactly what the general
/// reader yields or nothing at all; `EventItemReaderTests` holds it to that.
struct EventItemReader {
    /// Why the fast reading stopped: the file is not the common case (the general reader will
    /// tell what is in it).
    struct NotCommon: Error {}

    /// The nesting the fast reader may reach (a file's items, a range inside `reach`, a free
    /// field's lists): a general reader allowing less must read every file itself.
    static let depthNeeded = 16

    /// The items of `bytes` (from the file displayed as `path`), or nil when the file needs the
    /// general reader.
    static func read(_ bytes: [UInt8], path: String) -> ParsedFile? {
        bytes.withUnsafeBufferPointer { buffer -> ParsedFile? in
            guard var events = YAMLEventStream(buffer) else { return nil }
            var reading = Reading(path: path)
            do {
                try reading.file(&events)
            } catch {
                return nil
            }
            return ParsedFile(path: path, items: reading.items, declaredIDs: reading.declared, diagnostics: [], isUnreadable: false)
        }
    }
}

/// One file's reading in progress.
private struct Reading {
    typealias NotCommon = EventItemReader.NotCommon

    /// The file, as displayed.
    let path: String
    /// The items read so far, in file order.
    var items: [Item] = []
    /// Their ids, where each was written.
    var declared: [DeclaredID] = []
    /// The group and objective names met so far in this file, each kept once: items share the
    /// same few names, so they share their text too.
    var names: [KnownName] = []
    /// The texts of the list being read, each with its place (reused, like `locations`).
    var texts: [PlacedText] = []
    /// The entries of the `objectives` mapping being read (reused, like `locations`).
    var contributions: [ContributionEntry] = []
    /// The entries of the `need` or `reach` mapping being read (reused, like `locations`).
    var groups: [GroupEntry] = []

    /// Where the current item's fields were written: one buffer, reused item after item, each
    /// item given an exact-size copy. Its names are distinct by construction (a repeated key
    /// sends the file to the general reader), so fields are appended without a search.
    var locations: FieldLocations = {
        var l = FieldLocations()
        l.reserveCapacity(512)
        return l
    }()

    /// A reading of the file displayed as `path`.
    init(path: String) { self.path = path }

    // MARK: - The file

    /// A file: one item, or `items:` and a list of them; one document.
    mutating func file(_ events: inout YAMLEventStream) throws(NotCommon) {
        try events.expect(YAML_STREAM_START_EVENT)
        try events.expect(YAML_DOCUMENT_START_EVENT)
        try events.expect(YAML_MAPPING_START_EVENT)
        let rootLocation = events.location
        try events.next()
        try events.key()
        if events.scalarBytes.elementsEqual("items".utf8) {
            try events.expect(YAML_SEQUENCE_START_EVENT)
            while true {
                try events.next()
                if events.type == YAML_SEQUENCE_END_EVENT { break }
                guard events.type == YAML_MAPPING_START_EVENT, !events.isDecorated else { throw NotCommon() }
                let location = events.location
                try events.next()
                try item(at: location, &events)
            }
            // `items:` alone: any other key makes it an item (or a warning).
            try events.expect(YAML_MAPPING_END_EVENT)
        } else {
            try item(at: rootLocation, &events)
        }
        try events.expect(YAML_DOCUMENT_END_EVENT)
        try events.expect(YAML_STREAM_END_EVENT)
    }

    // MARK: - An item

    /// The item whose mapping started at `location`; the stream is on its first key (or its end).
    mutating func item(at location: SourceLocation, _ events: inout YAMLEventStream) throws(NotCommon) {
        var item = Item.Fields()
        locations.removeAllKeepingCapacity()
        var seen: UInt32 = 0
        var modelSeen: UInt64 = 0
        var hasID = false
        while events.type != YAML_MAPPING_END_EVENT {
            try events.key()
            let keyBytes = events.scalarBytes
            guard let field = EventItemField.named(keyBytes) else {
                try modelField(keyBytes, seen: &modelSeen, into: &item.modelInputs, &events)
                try events.next()
                continue
            }
            guard seen & field.bit == 0 else { throw NotCommon() }
            seen |= field.bit
            try events.next()
            let valueLocation = events.location
            locations.appendNew(group: nil, field.nameBytes, at: valueLocation)
            switch field {
            case .id:
                guard let id = try events.text(), ItemFields.isPlainID(id) else { throw NotCommon() }
                item.id = id
                hasID = true
                declared.append(DeclaredID(id: id, path: path, location: valueLocation))
            case .title:
                item.title = try events.text() ?? ""
            case .status:
                if let status = try events.word(ItemStatus.self) { item.status = status }
            case .objectives:
                item.objectives = try objectives(&events)
            case .need:
                item.need = try need(&events)
            case .reach:
                item.reach = try reach(&events)
            case .confidence:
                item.confidence = try events.estimate(ItemFields.confidence)
            case .cost:
                item.cost = try events.estimate(ItemFields.amount)
            case .dependsOn:
                try events.textList(into: &texts)
                item.dependsOn = texts.map(\.text)
                for (index, t) in texts.enumerated() {
                    appendLocation(EventItemField.dependsOn.nameBytes, String(index), at: t.location)
                }
            case .tags:
                try events.textList(into: &texts)
                item.tags = texts.map(\.text)
            case .owner:
                item.owner = try events.text()
            case .funding:
                if let funding = try events.word(FundingPin.self) { item.funding = funding }
            case .description, .notes, .links:
                try events.skipFreeValue(depth: 0)
            }
            try events.next()
        }
        guard hasID else { throw NotCommon() }
        if case .perGroup(let needs) = item.need {
            for group in item.reach.keys where needs[group] == nil { throw NotCommon() }
        }
        items.append(Item(item, path: path, location: location, fieldLocations: locations.compacted()))
    }

    /// A field only some scoring model reads (`job_size`, RICE's `impact`), read as its model
    /// would; anything else is unknown to the fast reader.
    mutating func modelField(_ key: UnsafeBufferPointer<UInt8>, seen: inout UInt64, into inputs: inout ModelInputs,
                             _ events: inout YAMLEventStream) throws(NotCommon) {
        guard let index = ScoringModelKind.modelFields.firstIndex(where: { $0.name.utf8.elementsEqual(key) }), index < 64 else {
            throw NotCommon()
        }
        let bit: UInt64 = 1 << UInt64(index)
        guard seen & bit == 0 else { throw NotCommon() }
        seen |= bit
        let field = ScoringModelKind.modelFields[index]
        try events.next()
        locations.appendNew(nil, field.name, at: events.location)
        switch field.clean {
        case .estimate(let rule)?:
            inputs[field.name] = try events.estimate(rule)
        case .figure(let scale)?:
            let v = try events.number()
            guard scale.contains(v) else { throw NotCommon() }
            inputs[field.name] = Estimate(v)
        case nil:
            throw NotCommon()
        }
    }

    // MARK: - Fields with names inside

    /// Objective -> contribution 0..1 (or null: none).
    mutating func objectives(_ events: inout YAMLEventStream) throws(NotCommon) -> NamedValues<Double> {
        if events.type == YAML_SCALAR_EVENT {
            guard try events.isNull() else { throw NotCommon() }
            return NamedValues()
        }
        try events.expectCurrent(YAML_MAPPING_START_EVENT)
        contributions.removeAll(keepingCapacity: true)
        while true {
            try events.next()
            if events.type == YAML_MAPPING_END_EVENT { break }
            try events.key()
            let objective = name(events.scalarBytes)
            let keyLocation = events.location
            try events.next()
            let v = try events.number()
            guard ItemFields.contribution.allows(v) else { throw NotCommon() }
            contributions.append(ContributionEntry(name: objective, location: keyLocation, value: v))
        }
        return try namedValues(contributions, under: .objectives)
    }

    /// One figure or range for every group, or one per group.
    mutating func need(_ events: inout YAMLEventStream) throws(NotCommon) -> Need {
        let rule = ItemFields.need
        guard events.type == YAML_MAPPING_START_EVENT else { return .uniform(try events.estimate(rule)) }
        switch try groupsOrRange(rule, &events) {
        case .range(let e):
            return .uniform(e)
        case .groups:
            var byGroup: [String: Estimate] = Dictionary(minimumCapacity: groups.count)
            for g in groups {
                guard byGroup.updateValue(g.value, forKey: g.name) == nil else { throw NotCommon() }
                appendLocation(EventItemField.need.nameBytes, g.name, at: g.location)
            }
            return .perGroup(byGroup)
        }
    }

    /// One figure or range (the group `general`), or one per group.
    mutating func reach(_ events: inout YAMLEventStream) throws(NotCommon) -> NamedValues<Estimate> {
        let rule = ItemFields.reach
        let location = events.location
        guard events.type == YAML_MAPPING_START_EVENT else {
            let e = try events.estimate(rule)
            appendLocation(EventItemField.reach.nameBytes, "general", at: location)
            return ["general": e]
        }
        switch try groupsOrRange(rule, &events) {
        case .range(let e):
            appendLocation(EventItemField.reach.nameBytes, "general", at: location)
            return ["general": e]
        case .groups:
            return try namedValues(groups, under: .reach)
        }
    }

    /// The values of `entries` by name, in one allocation of the right size, each name's place
    /// recorded under `field` in file order; a name written twice is for the node reading.
    mutating func namedValues<Entry: NamedEntry>(_ entries: [Entry], under field: EventItemField) throws(NotCommon) -> NamedValues<Entry.Value> {
        var values = NamedValues<Entry.Value>(minimumCapacity: entries.count)
        for e in entries {
            guard values[e.name] == nil else { throw NotCommon() }
            appendLocation(field.nameBytes, e.name, at: e.location)
            values[e.name] = e.value
        }
        return values
    }

    /// What a mapping under `need` or `reach` turned out to be.
    enum GroupsOrRange {
        /// A range `{low, likely, high}` for every group.
        case range(Estimate)
        /// A figure or range per group, in `groups`.
        case groups
    }

    /// A mapping under `need` or `reach`: a range when its only keys are low, likely and high
    /// (known only at its end), else a figure or range per group.
    mutating func groupsOrRange(_ rule: NumberRule, _ events: inout YAMLEventStream) throws(NotCommon) -> GroupsOrRange {
        try events.expectCurrent(YAML_MAPPING_START_EVENT)
        groups.removeAll(keepingCapacity: true)
        while true {
            try events.next()
            if events.type == YAML_MAPPING_END_EVENT { break }
            try events.key()
            let bytes = events.scalarBytes
            let group = name(bytes), location = events.location, bound = RangeBound(bytes)
            try events.next()
            let isFigure = events.type == YAML_SCALAR_EVENT
            groups.append(GroupEntry(name: group, location: location, value: try events.estimate(rule), bound: bound, isFigure: isFigure))
        }
        guard !groups.isEmpty, groups.allSatisfy({ $0.bound != nil }) else { return .groups }
        // A range's bounds are figures, each within the rule (already checked).
        var bounds = RangeBounds()
        for g in groups {
            guard let bound = g.bound, g.isFigure else { throw NotCommon() }
            try bounds.set(bound, g.value.point)
        }
        return .range(try bounds.range())
    }

    /// Records where `field.name` was written (`reach.rural`).
    mutating func appendLocation(_ field: UnsafeBufferPointer<UInt8>, _ name: String, at location: SourceLocation) {
        var name = name
        name.withUTF8 { locations.appendNew(group: field, $0, at: location) }
    }

    /// The text of a group or objective name, the same text for the same bytes within a file.
    mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        for known in names where known.bytes.withUnsafeBufferPointer({ $0.sameBytes(as: bytes) }) {
            return known.text
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if names.count < 64 { names.append(KnownName(bytes: Array(bytes), text: text)) }
        return text
    }
}

import CYAML
#if canImport(Glibc)
import Glibc
#endif

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
    var names: [(bytes: [UInt8], text: String)] = []
    /// The entries of the `need` or `reach` mapping being read (reused, like `locations`).
    var groups: [(name: String, location: SourceLocation, estimate: Estimate)] = []
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
        try expect(YAML_STREAM_START_EVENT, &events)
        try expect(YAML_DOCUMENT_START_EVENT, &events)
        try expect(YAML_MAPPING_START_EVENT, &events)
        let rootLocation = events.location
        try next(&events)
        try key(&events)
        if events.scalarBytes.elementsEqual("items".utf8) {
            try expect(YAML_SEQUENCE_START_EVENT, &events)
            while true {
                try next(&events)
                if events.type == YAML_SEQUENCE_END_EVENT { break }
                guard events.type == YAML_MAPPING_START_EVENT, !events.isDecorated else { throw NotCommon() }
                let location = events.location
                try next(&events)
                try item(at: location, &events)
            }
            // `items:` alone: any other key makes it an item (or a warning).
            try expect(YAML_MAPPING_END_EVENT, &events)
        } else {
            try item(at: rootLocation, &events)
        }
        try expect(YAML_DOCUMENT_END_EVENT, &events)
        try expect(YAML_STREAM_END_EVENT, &events)
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
            try key(&events)
            let keyBytes = events.scalarBytes
            guard let field = EventItemField.named(keyBytes) else {
                try modelField(keyBytes, seen: &modelSeen, into: &item.modelInputs, &events)
                try next(&events)
                continue
            }
            guard seen & field.bit == 0 else { throw NotCommon() }
            seen |= field.bit
            try next(&events)
            let valueLocation = events.location
            locations.appendNew(nil, field.name, at: valueLocation)
            switch field {
            case .id:
                guard let id = try text(&events), Self.isPlainID(id) else { throw NotCommon() }
                item.id = id
                hasID = true
                declared.append(DeclaredID(id: id, path: path, location: valueLocation))
            case .title:
                item.title = try text(&events) ?? ""
            case .status:
                if let text = try text(&events) {
                    guard let status = ItemStatus(rawValue: text) else { throw NotCommon() }
                    item.status = status
                }
            case .objectives:
                item.objectives = try objectives(&events)
            case .need:
                item.need = try need(&events)
            case .reach:
                item.reach = try reach(&events)
            case .confidence:
                item.confidence = try estimate(ItemFields.confidence, &events)
            case .cost:
                item.cost = try estimate(ItemFields.amount, &events)
            case .dependsOn:
                for (index, (dep, location)) in try textList(&events).enumerated() {
                    item.dependsOn.append(dep)
                    locations.appendNew("depends_on", String(index), at: location)
                }
            case .tags:
                item.tags = try textList(&events).map(\.0)
            case .owner:
                item.owner = try text(&events)
            case .funding:
                if let text = try text(&events) {
                    guard let funding = FundingPin(rawValue: text) else { throw NotCommon() }
                    item.funding = funding
                }
            case .description, .notes, .links:
                try skipFreeValue(&events, depth: 0)
            }
            try next(&events)
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
        try next(&events)
        locations.appendNew(nil, field.name, at: events.location)
        switch field.clean {
        case .estimate(let rule)?:
            inputs[field.name] = try estimate(rule, &events)
        case .figure(let scale)?:
            let v = try number(&events)
            guard scale.contains(v) else { throw NotCommon() }
            inputs[field.name] = Estimate(v)
        case nil:
            throw NotCommon()
        }
    }

    /// An id the general reader would accept without a second look: short printable ASCII.
    static func isPlainID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= ItemFields.idLength && id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    // MARK: - Fields with names inside

    /// Objective -> contribution 0..1 (or null: none).
    mutating func objectives(_ events: inout YAMLEventStream) throws(NotCommon) -> NamedValues<Double> {
        var objectives = NamedValues<Double>()
        if events.type == YAML_SCALAR_EVENT {
            guard try isNull(&events) else { throw NotCommon() }
            return objectives
        }
        try expectCurrent(YAML_MAPPING_START_EVENT, &events)
        while true {
            try next(&events)
            if events.type == YAML_MAPPING_END_EVENT { return objectives }
            try key(&events)
            let objective = name(events.scalarBytes)
            let keyLocation = events.location
            try next(&events)
            let v = try number(&events)
            guard ItemFields.contribution.allows(v), objectives[objective] == nil else { throw NotCommon() }
            locations.appendNew("objectives", objective, at: keyLocation)
            objectives[objective] = v
        }
    }

    /// One figure or range for every group, or one per group.
    mutating func need(_ events: inout YAMLEventStream) throws(NotCommon) -> Need {
        let rule = ItemFields.need
        guard events.type == YAML_MAPPING_START_EVENT else { return .uniform(try estimate(rule, &events)) }
        switch try groupsOrRange(rule, &events) {
        case .range(let e):
            return .uniform(e)
        case .groups:
            var byGroup: [String: Estimate] = Dictionary(minimumCapacity: groups.count)
            for g in groups {
                guard byGroup.updateValue(g.estimate, forKey: g.name) == nil else { throw NotCommon() }
                locations.appendNew("need", g.name, at: g.location)
            }
            return .perGroup(byGroup)
        }
    }

    /// One figure or range (the group `general`), or one per group.
    mutating func reach(_ events: inout YAMLEventStream) throws(NotCommon) -> NamedValues<Estimate> {
        let rule = ItemFields.reach
        let location = events.location
        guard events.type == YAML_MAPPING_START_EVENT else {
            let e = try estimate(rule, &events)
            locations.appendNew("reach", "general", at: location)
            return ["general": e]
        }
        switch try groupsOrRange(rule, &events) {
        case .range(let e):
            locations.appendNew("reach", "general", at: location)
            return ["general": e]
        case .groups:
            var byGroup = NamedValues<Estimate>(minimumCapacity: groups.count)
            for g in groups {
                guard byGroup[g.name] == nil else { throw NotCommon() }
                locations.appendNew("reach", g.name, at: g.location)
                byGroup[g.name] = g.estimate
            }
            return byGroup
        }
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
        try expectCurrent(YAML_MAPPING_START_EVENT, &events)
        groups.removeAll(keepingCapacity: true)
        var allBounds = true
        var allFigures = true
        while true {
            try next(&events)
            if events.type == YAML_MAPPING_END_EVENT { break }
            try key(&events)
            let bytes = events.scalarBytes
            if allBounds && Bound(bytes) == nil { allBounds = false }
            let group = name(bytes)
            let location = events.location
            try next(&events)
            if events.type != YAML_SCALAR_EVENT { allFigures = false }
            groups.append((group, location, try estimate(rule, &events)))
        }
        guard allBounds, !groups.isEmpty else { return .groups }
        // A range's bounds are figures, each within the rule (already checked).
        guard allFigures else { throw NotCommon() }
        var low: Double?, likely: Double?, high: Double?
        for g in groups {
            let v = g.estimate.point
            switch Bound(Array(g.name.utf8)) {
            case .low?: guard low == nil else { throw NotCommon() }; low = v
            case .likely?: guard likely == nil else { throw NotCommon() }; likely = v
            default: guard high == nil else { throw NotCommon() }; high = v
            }
        }
        return .range(try Self.range(low: low, likely: likely, high: high))
    }

    // MARK: - Values

    /// A figure, or a range `{low, likely, high}` / `{low, high}`, every written value within `rule`.
    mutating func estimate(_ rule: NumberRule, _ events: inout YAMLEventStream) throws(NotCommon) -> Estimate {
        guard events.type == YAML_MAPPING_START_EVENT else {
            let v = try number(&events)
            guard rule.allows(v) else { throw NotCommon() }
            return Estimate(v)
        }
        guard !events.isDecorated else { throw NotCommon() }
        var low: Double?, likely: Double?, high: Double?
        while true {
            try next(&events)
            if events.type == YAML_MAPPING_END_EVENT { break }
            try key(&events)
            guard let bound = Bound(events.scalarBytes) else { throw NotCommon() }
            try next(&events)
            let v = try number(&events)
            guard rule.allows(v) else { throw NotCommon() }
            switch bound {
            case .low: guard low == nil else { throw NotCommon() }; low = v
            case .likely: guard likely == nil else { throw NotCommon() }; likely = v
            case .high: guard high == nil else { throw NotCommon() }; high = v
            }
        }
        return try Self.range(low: low, likely: likely, high: high)
    }

    /// A range from its bounds, when they make one (both ends, low <= likely <= high).
    static func range(low: Double?, likely: Double?, high: Double?) throws(NotCommon) -> Estimate {
        guard let low, let high, low <= high else { throw NotCommon() }
        if let likely, likely < low || likely > high { throw NotCommon() }
        return Estimate(low: low, likely: likely, high: high)
    }

    /// A finite number written plain, as the core schema reads it.
    func number(_ events: inout YAMLEventStream) throws(NotCommon) -> Double {
        guard events.type == YAML_SCALAR_EVENT, events.isPlainScalar, !events.isDecorated else { throw NotCommon() }
        let bytes = events.scalarBytes
        guard let first = bytes.first else { throw NotCommon() }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            guard let v = YAMLScalarValue.number(bytes: bytes)?.number, v.isFinite else { throw NotCommon() }
            return v
        default:
            throw NotCommon()
        }
    }

    /// A scalar as text (plain numbers keep their written text); nil when it is null.
    func text(_ events: inout YAMLEventStream) throws(NotCommon) -> String? {
        guard events.type == YAML_SCALAR_EVENT, !events.isDecorated else { throw NotCommon() }
        if events.isPlainScalar {
            switch YAMLPlainWord(events.scalarBytes) {
            case .null: return nil
            case .boolean: throw NotCommon()
            case .other: break
            }
        }
        return String(decoding: events.scalarBytes, as: UTF8.self)
    }

    /// Whether the current scalar is a plain null (`~`, `null`, nothing).
    func isNull(_ events: inout YAMLEventStream) throws(NotCommon) -> Bool {
        guard !events.isDecorated else { throw NotCommon() }
        return events.isPlainScalar && YAMLPlainWord(events.scalarBytes) == .null
    }

    /// A list of texts (a single text is a list of one, null an empty list), each with its place.
    func textList(_ events: inout YAMLEventStream) throws(NotCommon) -> [(String, SourceLocation)] {
        if events.type == YAML_SCALAR_EVENT {
            let location = events.location
            return try text(&events).map { [($0, location)] } ?? []
        }
        guard events.type == YAML_SEQUENCE_START_EVENT, !events.isDecorated else { throw NotCommon() }
        var out: [(String, SourceLocation)] = []
        while true {
            try next(&events)
            if events.type == YAML_SEQUENCE_END_EVENT { return out }
            let location = events.location
            guard let t = try text(&events) else { throw NotCommon() }
            out.append((t, location))
        }
    }

    /// Passes over a free-text field's value: scalars and lists of them (a mapping could hold a
    /// duplicate key, which only the general reader reports).
    func skipFreeValue(_ events: inout YAMLEventStream, depth: Int) throws(NotCommon) {
        guard !events.isDecorated, depth < 8 else { throw NotCommon() }
        switch events.type {
        case YAML_SCALAR_EVENT:
            return
        case YAML_SEQUENCE_START_EVENT:
            while true {
                try next(&events)
                if events.type == YAML_SEQUENCE_END_EVENT { return }
                try skipFreeValue(&events, depth: depth + 1)
            }
        default:
            throw NotCommon()
        }
    }

    // MARK: - Events

    /// The current event is a key the fast reader can compare: a scalar, no anchor or tag.
    func key(_ events: inout YAMLEventStream) throws(NotCommon) {
        guard events.type == YAML_SCALAR_EVENT, !events.isDecorated else { throw NotCommon() }
    }

    /// Moves to the next event; a syntax error is for the general reader to report.
    func next(_ events: inout YAMLEventStream) throws(NotCommon) {
        guard events.advance() else { throw NotCommon() }
    }

    /// Moves to the next event, which must be of `type`, undecorated.
    func expect(_ type: yaml_event_type_t, _ events: inout YAMLEventStream) throws(NotCommon) {
        try next(&events)
        try expectCurrent(type, &events)
    }

    /// The current event must be of `type`, undecorated.
    func expectCurrent(_ type: yaml_event_type_t, _ events: inout YAMLEventStream) throws(NotCommon) {
        guard events.type == type, !events.isDecorated else { throw NotCommon() }
    }

    /// The text of a group or objective name, the same text for the same bytes within a file.
    mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        for known in names where known.bytes.count == bytes.count {
            let same = known.bytes.withUnsafeBufferPointer { k in
                guard let a = k.baseAddress, let b = bytes.baseAddress else { return true }
                return memcmp(a, b, bytes.count) == 0
            }
            if same { return known.text }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if names.count < 64 { names.append((Array(bytes), text)) }
        return text
    }
}

/// A key of a range.
private enum Bound {
    case low, likely, high

    /// The bound `bytes` name, if they name one.
    init?<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        // Each bound has its own length: one comparison at most (group names go through here).
        switch bytes.count {
        case 3 where bytes.elementsEqual("low".utf8): self = .low
        case 6 where bytes.elementsEqual("likely".utf8): self = .likely
        case 4 where bytes.elementsEqual("high".utf8): self = .high
        default: return nil
        }
    }
}

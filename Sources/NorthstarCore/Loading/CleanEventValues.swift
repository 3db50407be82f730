import CYAML

/// The values of a clean backlog file as `EventItemReader` takes them from the event stream:
/// each reading either gives the value the node reading would give without a word, or throws
/// `NotCommon` (the file then goes to the node reading, which says what is wrong).
extension YAMLEventStream {
    typealias NotCommon = EventItemReader.NotCommon

    // MARK: - Values

    /// A figure, or a range `{low, likely, high}` / `{low, high}`, every written value within `rule`.
    mutating func estimate(_ rule: NumberRule) throws(NotCommon) -> Estimate {
        guard type == YAML_MAPPING_START_EVENT else {
            let v = try number()
            guard rule.allows(v) else { throw NotCommon() }
            return Estimate(v)
        }
        guard !isDecorated else { throw NotCommon() }
        var bounds = RangeBounds()
        while true {
            try next()
            if type == YAML_MAPPING_END_EVENT { break }
            try key()
            guard let bound = RangeBound(scalarBytes) else { throw NotCommon() }
            try next()
            let v = try number()
            guard rule.allows(v) else { throw NotCommon() }
            try bounds.set(bound, v)
        }
        return try bounds.range()
    }

    /// A finite number written plain, as the core schema reads it.
    func number() throws(NotCommon) -> Double {
        guard type == YAML_SCALAR_EVENT, isPlainScalar, !isDecorated,
              let v = YAMLScalarValue.number(bytes: scalarBytes)?.number, v.isFinite else { throw NotCommon() }
        return v
    }

    /// A scalar as text (plain numbers keep their written text); nil when it is null.
    func text() throws(NotCommon) -> String? {
        guard type == YAML_SCALAR_EVENT, !isDecorated else { throw NotCommon() }
        if isPlainScalar {
            switch YAMLPlainWord(scalarBytes) {
            case .null: return nil
            case .boolean: throw NotCommon()
            case .other: break
            }
        }
        return String(decoding: scalarBytes, as: UTF8.self)
    }

    /// The case of `Word` (a status, a funding pin) the current scalar spells, nil when it is
    /// null: `text()` and the case of that raw value, without making the text.
    func word<Word: RawRepresentable & CaseIterable>(_: Word.Type) throws(NotCommon) -> Word? where Word.RawValue == String {
        guard type == YAML_SCALAR_EVENT, !isDecorated else { throw NotCommon() }
        let bytes = scalarBytes
        if isPlainScalar {
            switch YAMLPlainWord(bytes) {
            case .null: return nil
            case .boolean: throw NotCommon()
            case .other: break
            }
        }
        for word in Word.allCases {
            var raw = word.rawValue
            if raw.withUTF8({ $0.sameBytes(as: bytes) }) { return word }
        }
        throw NotCommon()
    }

    /// Whether the current scalar is a plain null (`~`, `null`, nothing).
    func isNull() throws(NotCommon) -> Bool {
        guard !isDecorated else { throw NotCommon() }
        return isPlainScalar && YAMLPlainWord(scalarBytes) == .null
    }

    /// A list of texts (a single text is a list of one, null an empty list), each with its
    /// place, in `out` (emptied first: one buffer reused field after field, so a list does not
    /// grow a new array step by step).
    mutating func textList(into out: inout [PlacedText]) throws(NotCommon) {
        out.removeAll(keepingCapacity: true)
        if type == YAML_SCALAR_EVENT {
            let location = location
            if let t = try text() { out.append(PlacedText(text: t, location: location)) }
            return
        }
        guard type == YAML_SEQUENCE_START_EVENT, !isDecorated else { throw NotCommon() }
        while true {
            try next()
            if type == YAML_SEQUENCE_END_EVENT { return }
            let location = location
            guard let t = try text() else { throw NotCommon() }
            out.append(PlacedText(text: t, location: location))
        }
    }

    /// Passes over a free-text field's value: scalars and lists of them (a mapping could hold a
    /// duplicate key, which only the node reading reports).
    mutating func skipFreeValue(depth: Int) throws(NotCommon) {
        guard !isDecorated, depth < 8 else { throw NotCommon() }
        switch type {
        case YAML_SCALAR_EVENT:
            return
        case YAML_SEQUENCE_START_EVENT:
            while true {
                try next()
                if type == YAML_SEQUENCE_END_EVENT { return }
                try skipFreeValue(depth: depth + 1)
            }
        default:
            throw NotCommon()
        }
    }

    // MARK: - Events

    /// The current event is a key the fast reader can compare: a scalar, no anchor or tag.
    func key() throws(NotCommon) {
        guard type == YAML_SCALAR_EVENT, !isDecorated else { throw NotCommon() }
    }

    /// Moves to the next event; a syntax error is for the node reading to report.
    mutating func next() throws(NotCommon) {
        guard advance() else { throw NotCommon() }
    }

    /// Moves to the next event, which must be of `type`, undecorated.
    mutating func expect(_ type: yaml_event_type_t) throws(NotCommon) {
        try next()
        try expectCurrent(type)
    }

    /// The current event must be of `type`, undecorated.
    func expectCurrent(_ type: yaml_event_type_t) throws(NotCommon) {
        guard self.type == type, !isDecorated else { throw NotCommon() }
    }
}

/// A key of a range.
enum RangeBound {
    case low, likely, high

    /// The bound `bytes` name, if they name one.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Each bound has its own length: one comparison at most (group names go through here).
        switch bytes.count {
        case 3 where bytes.sameBytes(as: ("low" as StaticString).utf8Bytes): self = .low
        case 6 where bytes.sameBytes(as: ("likely" as StaticString).utf8Bytes): self = .likely
        case 4 where bytes.sameBytes(as: ("high" as StaticString).utf8Bytes): self = .high
        default: return nil
        }
    }
}

/// A range's bounds as its keys are met, each at most once.
struct RangeBounds {
    /// The bounds met so far.
    var low: Double?, likely: Double?, high: Double?

    /// Records `bound`; a bound written twice is for the node reading to report.
    mutating func set(_ bound: RangeBound, _ v: Double) throws(EventItemReader.NotCommon) {
        switch bound {
        case .low: guard low == nil else { throw .init() }; low = v
        case .likely: guard likely == nil else { throw .init() }; likely = v
        case .high: guard high == nil else { throw .init() }; high = v
        }
    }

    /// The range, when the bounds make one (both ends, low <= likely <= high).
    func range() throws(EventItemReader.NotCommon) -> Estimate {
        guard let low, let high, low <= high else { throw .init() }
        if let likely, likely < low || likely > high { throw .init() }
        return Estimate(low: low, likely: likely, high: high)
    }
}

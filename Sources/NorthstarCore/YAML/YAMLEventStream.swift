import CYAML

/// libyaml's parser events over one file's bytes, read one at a time and in place.
///
/// For a reader that takes what it needs from each event as it comes (the backlog's common
/// case, see `EventItemReader`): a scalar's bytes are libyaml's own, valid until the next
/// `advance()`, so nothing is copied that the reader does not keep.
struct YAMLEventStream: ~Copyable {
    // libyaml's string input points back at the parser itself, so the parser must not move:
    // both live at fixed addresses for the stream's lifetime.
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private var holdsEvent = false

    /// A stream over `input`, which must outlive it; nil when libyaml cannot start.
    init?(_ input: UnsafeBufferPointer<UInt8>) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            return nil
        }
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
        self.parser = parser
        event = .allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    /// Moves to the next event; false when the bytes are not valid YAML from here on.
    mutating func advance() -> Bool {
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else { return false }
        holdsEvent = true
        return true
    }

    /// The current event's type.
    var type: yaml_event_type_t { event.pointee.type }

    /// Where the current event starts (1-based, as every diagnostic counts).
    var location: SourceLocation {
        let mark = event.pointee.start_mark
        return SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// Whether the current event carries an anchor or an explicit tag (which only the general
    /// reader resolves).
    var isDecorated: Bool {
        let data = event.pointee.data
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: return data.scalar.anchor != nil || data.scalar.tag != nil
        case YAML_MAPPING_START_EVENT: return data.mapping_start.anchor != nil || data.mapping_start.tag != nil
        case YAML_SEQUENCE_START_EVENT: return data.sequence_start.anchor != nil || data.sequence_start.tag != nil
        default: return false
        }
    }

    /// The current scalar's bytes after unescaping (empty for other events).
    var scalarBytes: UnsafeBufferPointer<UInt8> {
        guard event.pointee.type == YAML_SCALAR_EVENT else { return UnsafeBufferPointer(start: nil, count: 0) }
        let s = event.pointee.data.scalar
        return UnsafeBufferPointer(start: s.value, count: Int(s.length))
    }

    /// Whether the current scalar was written without quotes (only plain scalars are typed).
    var isPlainScalar: Bool {
        event.pointee.type == YAML_SCALAR_EVENT && event.pointee.data.scalar.style == YAML_PLAIN_SCALAR_STYLE
    }
}

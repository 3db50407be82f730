import CYAML

/// Reads one YAML document into located values through libyaml's event API.
///
/// This is the hot path of the product (every backlog file goes through it), so it builds
/// nodes straight from parser events with an explicit stack: no recursion (deep nesting cannot
/// overflow the call stack), aliases expanded by value within a budget, and every node marked
/// with its 1-based line and column.
public struct YAMLEventReader: Sendable {
    /// How many values aliases may add to one file before it is refused (billion laughs guard).
    public var aliasBudget: Int
    /// How deeply mappings and lists may nest.
    public var maxDepth: Int

    /// A reader with the given limits.
    public init(aliasBudget: Int = 10_000, maxDepth: Int = 64) {
        self.aliasBudget = aliasBudget
        self.maxDepth = maxDepth
    }

    /// Reads the single document in `bytes`; `nil` when the file holds no document at all.
    public func read(_ bytes: [UInt8]) throws(YAMLReadError) -> YAMLNode? {
        let result: Result<YAMLNode?, YAMLReadError> = bytes.withUnsafeBufferPointer { buffer in
            var builder = Builder(aliasBudget: aliasBudget, maxDepth: maxDepth)
            return builder.run(buffer)
        }
        return try result.get()
    }

    /// Reads the single document in `text`.
    public func read(_ text: String) throws(YAMLReadError) -> YAMLNode? {
        try read(Array(text.utf8))
    }
}

private struct Frame {
    enum Kind { case mapping, sequence }
    var kind: Kind
    var location: SourceLocation
    var anchor: String?
    var pairs: [YAMLPair] = []
    var items: [YAMLNode] = []
    var pendingKey: YAMLNode?
    /// Where this mapping's text keys start in the builder's `keys`.
    var keyStart = 0
    /// Where each text key was first written, for mappings too long to search (see `firstPlace`).
    var keyLocations: [String: SourceLocation] = [:]
    /// Number of nodes in this subtree so far, itself included.
    var size = 1
}

private struct Builder {
    let aliasBudget: Int
    let maxDepth: Int
    var aliasSpent = 0
    var stack: [Frame] = []
    /// The text keys of the mappings being built, each mapping's after its parent's, and where
    /// each was written: the duplicate-key check reads them here rather than out of the pairs.
    var keys: [(text: String, location: SourceLocation)] = []
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var root: YAMLNode?
    var documents = 0

    init(aliasBudget: Int, maxDepth: Int) {
        self.aliasBudget = aliasBudget
        self.maxDepth = maxDepth
    }

    mutating func run(_ input: UnsafeBufferPointer<UInt8>) -> Result<YAMLNode?, YAMLReadError> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(.syntax(message: "libyaml could not start (out of memory)", at: .fileStart))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, input.baseAddress, input.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(Self.syntaxError(parser, input: input))
            }
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(
                line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .success(root)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { return .failure(.multipleDocuments(at: location)) }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let text = Self.string(s.value, Int(s.length))
                let scalar = YAMLScalar(
                    text: text,
                    isPlain: s.style == YAML_PLAIN_SCALAR_STYLE,
                    tag: s.tag.map { Self.cString($0) })
                let node = YAMLNode(.scalar(scalar), at: location)
                if let error = add(node, size: 1, anchor: s.anchor.map { Self.cString($0) }) {
                    return .failure(error)
                }
            case YAML_ALIAS_EVENT:
                let name = Self.cString(event.data.alias.anchor)
                guard let target = anchors[name] else {
                    return .failure(.unknownAnchor(name: name, at: location))
                }
                aliasSpent += target.size
                if aliasSpent > aliasBudget {
                    return .failure(.aliasBudgetExceeded(budget: aliasBudget, at: location))
                }
                var node = target.node
                node.location = location
                if let error = add(node, size: target.size, anchor: nil) { return .failure(error) }
            case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                if stack.count >= maxDepth { return .failure(.tooDeep(limit: maxDepth, at: location)) }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                stack.append(Frame(
                    kind: isMapping ? .mapping : .sequence, location: location,
                    anchor: anchor.map { Self.cString($0) }, keyStart: keys.count))
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                guard let frame = stack.popLast() else { break }
                keys.removeSubrange(frame.keyStart...)
                let node = YAMLNode(
                    frame.kind == .mapping ? .mapping(frame.pairs) : .sequence(frame.items),
                    at: frame.location)
                if let error = add(node, size: frame.size, anchor: frame.anchor) { return .failure(error) }
            default:
                break
            }
        }
    }

    /// Attaches a finished node to its parent (or makes it the document root).
    mutating func add(_ node: YAMLNode, size: Int, anchor: String?) -> YAMLReadError? {
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            root = node
            return nil
        }
        let top = stack.count - 1
        stack[top].size += size
        switch stack[top].kind {
        case .sequence:
            // A first room for a few entries, rather than growing one by one (the node tree is
            // dropped once the file is read).
            if stack[top].items.isEmpty { stack[top].items.reserveCapacity(4) }
            stack[top].items.append(node)
        case .mapping:
            if let key = stack[top].pendingKey {
                stack[top].pendingKey = nil
                if let keyText = key.scalar?.text {
                    if let first = Self.firstPlace(of: keyText, at: key.location, in: &stack[top], keys: &keys) {
                        return .duplicateKey(key: keyText, at: key.location, first: first)
                    }
                }
                if stack[top].pairs.isEmpty { stack[top].pairs.reserveCapacity(8) }
                stack[top].pairs.append(YAMLPair(key: key, value: node))
            } else {
                stack[top].pendingKey = node
            }
        }
        return nil
    }

    /// Where the text key `key` (now written at `location`) was written before in the mapping
    /// being built, if it was (its keys so far in `keys`, the new one then added). An item's
    /// dozen keys are searched in place; a mapping longer than that gets a dictionary of its
    /// keys, so a huge mapping stays linear.
    static func firstPlace(of key: String, at location: SourceLocation, in frame: inout Frame,
                           keys: inout [(text: String, location: SourceLocation)]) -> SourceLocation? {
        let searched = 16
        defer { keys.append((key, location)) }
        if keys.count - frame.keyStart < searched {
            for k in keys[frame.keyStart...] where k.text == key { return k.location }
            return nil
        }
        if frame.keyLocations.isEmpty {
            for k in keys[frame.keyStart...] where frame.keyLocations[k.text] == nil { frame.keyLocations[k.text] = k.location }
        }
        if let first = frame.keyLocations[key] { return first }
        frame.keyLocations[key] = location
        return nil
    }

    static func syntaxError(_ parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>) -> YAMLReadError {
        var message = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context))"
        }
        guard parser.error == YAML_READER_ERROR else {
            let mark = parser.problem_mark
            let contextMark = parser.context_mark
            // libyaml's words, put in a newcomer's terms where the bytes tell what went wrong.
            if let plain = YAMLSyntaxExplanation.explain(
                problem: parser.problem.map { String(cString: $0) } ?? "",
                context: parser.context.map { String(cString: $0) },
                problemMark: (Int(mark.line), Int(mark.column)),
                contextMark: (Int(contextMark.line), Int(contextMark.column)), in: input) {
                return plain
            }
            return .syntax(message: message, at: SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1))
        }
        // Reader errors (invalid UTF-8, control characters) carry only a byte offset: count
        // lines and characters up to it so the diagnostic still points at the bad byte.
        let offset = min(Int(parser.problem_offset), input.count)
        var line = 1
        var lineStart = 0
        for i in 0..<offset where input[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let column = input[lineStart..<offset].reduce(1) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
        let byte = offset < input.count ? " (byte 0x" + String(input[offset], radix: 16, uppercase: true) + ")" : ""
        return .syntax(message: message + byte, at: SourceLocation(line: line, column: column))
    }

    static func string(_ pointer: UnsafeMutablePointer<UInt8>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    static func cString(_ pointer: UnsafeMutablePointer<UInt8>) -> String {
        String(cString: pointer)
    }
}

/// A YAML value as read from a backlog or config file, with the place it was written.
///
/// Every scalar, mapping and sequence keeps its location so that any problem found later
/// (a need outside 1..5, an unknown objective) can be reported at `path:line:col`.
public struct YAMLNode: Sendable {
    /// What kind of YAML value this is.
    public enum Kind: Sendable {
        /// A scalar with its source text and whether it was plain (unquoted).
        case scalar(YAMLScalar)
        /// A mapping, with its pairs in source order.
        case mapping([YAMLPair])
        /// A sequence, with its entries in source order.
        case sequence([YAMLNode])
    }

    /// The value.
    public var kind: Kind
    /// Where the value starts in its file.
    public var location: SourceLocation

    /// A node of `kind` written at `location`.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The pairs when this node is a mapping, else `nil`.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The entries when this node is a sequence, else `nil`.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The scalar when this node is one, else `nil`.
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    /// The value under a scalar key `key` when this node is a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first(where: { $0.key.scalar?.text == key })?.value
    }

    /// A short name of the node's type for messages ("a mapping", "a list", "the number 5").
    public var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            switch s.value {
            case .null: return "nothing (null)"
            case .bool: return "a boolean"
            case .int, .float: return "a number"
            case .string: return "text"
            }
        }
    }
}

/// One `key: value` pair of a YAML mapping.
public struct YAMLPair: Sendable {
    /// The key node (usually a plain scalar).
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// A pair of `key` and `value`.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

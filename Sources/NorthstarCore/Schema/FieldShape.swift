/// What a field of a backlog file or of the config may hold, as the loader reads it: the one
/// description the loaders take their known keys, choices and bounds from, and `northstar
/// schema` writes as JSON Schema for editors.
public indirect enum FieldShape: Sendable {
    /// Text; a plain number is read as its written text (`id: 12`).
    case text
    /// An item id: text that is not blank, has no control characters and is at most this many
    /// characters long.
    case identifier(maxLength: Int)
    /// One of these names.
    case choice([String])
    /// One of these figures (RICE's impact scale).
    case figures([Double])
    /// A number within a rule.
    case number(NumberRule)
    /// A number, or a range `{low, likely, high}` (`low` and `high` required), each within a rule.
    case estimate(NumberRule)
    /// An estimate for all beneficiary groups, or a mapping of group ids to estimates (a mapping
    /// whose keys are all among low, likely and high is a range, not groups).
    case perGroup(NumberRule)
    /// A list of values, or one value standing for a list of one.
    case list(FieldShape)
    /// Names of the reader's choosing (objective ids, group ids) mapped to values.
    case map(FieldShape)
    /// A mapping with these fields.
    case object(FieldTable)
    /// Any of these shapes.
    case either([FieldShape])
    /// The shape, or nothing (`title:` left empty).
    case nullable(FieldShape)
    /// Anything at all (free notes, links).
    case anything
}

/// One named field: its shape and what it means, in the words the README uses.
public struct FieldSpec: Sendable {
    /// The key in the file.
    public var name: String
    /// What it may hold.
    public var shape: FieldShape
    /// What it means, for a person (an editor shows it on hover).
    public var summary: String
    /// Whether leaving it out is an error.
    public var required: Bool

    /// A field `name` of `shape`, meaning `summary`.
    public init(_ name: String, _ shape: FieldShape, _ summary: String, required: Bool = false) {
        self.name = name
        self.shape = shape
        self.summary = summary
        self.required = required
    }
}

/// The fields of one mapping (an item, the config, a config section).
public struct FieldTable: Sendable {
    /// The fields, in the order the README documents them.
    public var fields: [FieldSpec]
    /// Whether any other key is an error (the config's top level: a misspelt section would be
    /// dropped whole). Elsewhere other keys are warnings, so files carrying them are valid.
    public var closed: Bool

    /// A table of `fields`.
    public init(_ fields: [FieldSpec], closed: Bool = false) {
        self.fields = fields
        self.closed = closed
    }

    /// The known keys, in order.
    public var names: [String] { fields.map(\.name) }

    /// The field called `name`, if the table has it.
    public subscript(name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// The table of the section `name` (an object field of this table), or an empty one.
    public func section(_ name: String) -> FieldTable {
        var shape = self[name]?.shape
        if case .nullable(let inner)? = shape { shape = inner }
        if case .object(let table)? = shape { return table }
        return FieldTable([])
    }
}

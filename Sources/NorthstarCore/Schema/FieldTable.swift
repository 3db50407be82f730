/// The fields of one mapping (an item, the config, a config section).
public struct FieldTable: Sendable {
    /// The fields, in the order the README documents them.
    public var fields: [FieldSpec]
    /// Whether the loader makes any other key an error (the config's top level: a misspelt
    /// section would be dropped whole); elsewhere another key is a warning, unless it is a near
    /// miss of a known one. The JSON Schemas flag other keys everywhere.
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

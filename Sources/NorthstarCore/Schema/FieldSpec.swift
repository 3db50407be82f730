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

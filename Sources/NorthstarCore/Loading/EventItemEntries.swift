/// The entries `EventItemReader` gathers while it reads a mapping or a list, in buffers it
/// reuses item after item. Named types rather than tuples: a buffer is emptied for every item,
/// and an array of tuples is emptied through the tuple's runtime metadata.

/// A text as read, and where it was written.
struct PlacedText {
    /// The text.
    var text: String
    /// Where it was written.
    var location: SourceLocation
}

/// An entry of a mapping of names to values, where its name was written.
protocol NamedEntry {
    /// What a name maps to.
    associatedtype Value: Sendable & Hashable
    /// The name.
    var name: String { get }
    /// Where the name was written.
    var location: SourceLocation { get }
    /// The value written for it.
    var value: Value { get }
}

/// A group or objective name met in the file: its bytes and its text.
struct KnownName {
    /// The name as written.
    var bytes: [UInt8]
    /// The one text the file's items share for it.
    var text: String
}

/// One objective's contribution, where its name was written.
struct ContributionEntry: NamedEntry {
    /// The objective.
    var name: String
    /// Where its name was written.
    var location: SourceLocation
    /// The contribution, 0..1.
    var value: Double
}

/// One entry of a `need` or `reach` mapping: a group's figure or range, or one bound of a
/// range (`bound`, when its key names one; `isFigure`, when its value is a single figure).
struct GroupEntry: NamedEntry {
    /// The key: a group's name, or a bound's.
    var name: String
    /// Where the key was written.
    var location: SourceLocation
    /// The value.
    var value: Estimate
    /// The bound the key names, if it names one.
    var bound: RangeBound?
    /// Whether the value is a single figure.
    var isFigure: Bool
}

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

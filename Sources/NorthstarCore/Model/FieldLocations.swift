/// Where each of an item's fields was written (`reach`, `reach.rural`, `depends_on.0`), so a
/// warning about one field can point at it.
///
/// Stored compactly — the field names in one byte buffer, the locations in one array — because a
/// large organisation's backlog holds a hundred thousand items with a dozen or more located fields
/// each, and one string and one dictionary entry per field dominated the daemon's memory. Look-ups
/// scan the few fields of one item; they are needed only when a diagnostic or an explanation is
/// written.
public struct FieldLocations: Sendable, Hashable {
    /// Each field name as a 4-byte little-endian length followed by its UTF-8 bytes, in the
    /// order the fields were first recorded.
    private var names: [UInt8] = []
    /// The location of each field, in the same order as `names`.
    private var locations: [SourceLocation] = []

    /// No fields recorded.
    public init() {}

    /// Number of fields recorded.
    public var count: Int { locations.count }

    /// The location of `field`, or `nil` when the item did not write it.
    public subscript(field: String) -> SourceLocation? {
        get { index(of: field).map { locations[$0] } }
        set {
            if let i = index(of: field) {
                if let newValue { locations[i] = newValue } else { remove(at: i) }
                return
            }
            guard let newValue else { return }
            let utf8 = field.utf8
            let n = UInt32(truncatingIfNeeded: utf8.count)
            names.append(UInt8(truncatingIfNeeded: n))
            names.append(UInt8(truncatingIfNeeded: n >> 8))
            names.append(UInt8(truncatingIfNeeded: n >> 16))
            names.append(UInt8(truncatingIfNeeded: n >> 24))
            names.append(contentsOf: utf8)
            locations.append(newValue)
        }
    }

    private func index(of field: String) -> Int? {
        let key = field.utf8
        let count = key.count
        var offset = 0
        for i in locations.indices {
            let (start, end) = Self.span(names, at: offset)
            if end - start == count && names[start..<end].elementsEqual(key) { return i }
            offset = end
        }
        return nil
    }

    private mutating func remove(at index: Int) {
        var offset = 0
        for _ in 0..<index { offset = Self.span(names, at: offset).end }
        let end = Self.span(names, at: offset).end
        names.removeSubrange(offset..<end)
        locations.remove(at: index)
    }

    /// The bytes of the name whose length prefix starts at `offset`.
    private static func span(_ names: [UInt8], at offset: Int) -> (start: Int, end: Int) {
        let n = Int(names[offset]) | Int(names[offset + 1]) << 8 | Int(names[offset + 2]) << 16 | Int(names[offset + 3]) << 24
        return (offset + 4, offset + 4 + n)
    }
}

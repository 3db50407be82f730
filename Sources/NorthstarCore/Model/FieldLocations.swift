/// Where each of an item's fields was written (`reach`, `reach.rural`, `depends_on.0`), so a
/// warning about one field can point at it.
///
/// Stored as one byte string of entries, because a large organisation's backlog holds a
/// hundred thousand items with a dozen or more located fields each: one exact-size buffer per
/// item rather than a string, a dictionary entry or even two arrays per field. Look-ups scan
/// the few fields of one item; they are needed only when a diagnostic or an explanation is
/// written.
public struct FieldLocations: Sendable, Hashable {
    /// Each field as its name's length, its UTF-8 bytes, its line and its column, the numbers
    /// as LEB128 varints, in the order the fields were first recorded. The encoding is
    /// canonical, so two values are equal exactly when they hold the same fields in the same
    /// order at the same places.
    private var bytes: [UInt8] = []

    /// No fields recorded.
    public init() {}

    /// Number of fields recorded.
    public var count: Int {
        var n = 0, offset = 0
        while offset < bytes.count {
            offset = entry(at: offset).end
            n += 1
        }
        return n
    }

    /// The location of `field`, or `nil` when the item did not write it.
    public subscript(field: String) -> SourceLocation? {
        get { self[nil, field] }
        set { self[nil, field] = newValue }
    }

    /// The location of the field `group.key` (`reach.rural` from `reach` and `rural`), or of
    /// `key` alone when `group` is nil: the loader names nested fields without building the
    /// joined name first.
    public subscript(group: String?, key: String) -> SourceLocation? {
        get { find(group, key).map { location(at: entry(at: $0).locationStart) } }
        set {
            if let start = find(group, key) {
                let e = entry(at: start)
                if let newValue {
                    var encoded: [UInt8] = []
                    Self.append(newValue, to: &encoded)
                    bytes.replaceSubrange(e.locationStart..<e.end, with: encoded)
                } else {
                    bytes.removeSubrange(start..<e.end)
                }
                return
            }
            guard let newValue else { return }
            let length = group.map { $0.utf8.count + 1 } ?? 0
            Self.appendVarint(UInt64(length + key.utf8.count), to: &bytes)
            if let group {
                bytes.append(contentsOf: group.utf8)
                bytes.append(UInt8(ascii: "."))
            }
            bytes.append(contentsOf: key.utf8)
            Self.append(newValue, to: &bytes)
        }
    }

    /// Makes room for `byteCount` bytes of entries, so an item's fields are recorded without
    /// the buffer growing step by step.
    public mutating func reserveCapacity(_ byteCount: Int) {
        bytes.reserveCapacity(byteCount)
    }

    /// Gives back the room reserved beyond the fields recorded.
    public mutating func shrinkToFit() {
        guard bytes.capacity > bytes.count else { return }
        let source = bytes
        bytes = [UInt8](unsafeUninitializedCapacity: source.count) { buffer, initialized in
            initialized = buffer.initialize(from: source).1
        }
    }

    // MARK: - The encoding

    /// The entry starting at `offset`: where its name's bytes and its location start, and
    /// where it ends.
    private func entry(at offset: Int) -> (nameStart: Int, locationStart: Int, end: Int) {
        let (length, nameStart) = Self.varint(bytes, at: offset)
        let locationStart = nameStart + Int(length)
        let (_, columnStart) = Self.varint(bytes, at: locationStart)
        let (_, end) = Self.varint(bytes, at: columnStart)
        return (nameStart, locationStart, end)
    }

    private func location(at offset: Int) -> SourceLocation {
        let (line, next) = Self.varint(bytes, at: offset)
        let (column, _) = Self.varint(bytes, at: next)
        return SourceLocation(line: Int(truncatingIfNeeded: line), column: Int(truncatingIfNeeded: column))
    }

    /// The offset of the entry named `group.key` (or `key`), if recorded.
    private func find(_ group: String?, _ key: String) -> Int? {
        let length = (group.map { $0.utf8.count + 1 } ?? 0) + key.utf8.count
        var offset = 0
        while offset < bytes.count {
            let e = entry(at: offset)
            if e.locationStart - e.nameStart == length && nameMatches(from: e.nameStart, group, key) { return offset }
            offset = e.end
        }
        return nil
    }

    private func nameMatches(from start: Int, _ group: String?, _ key: String) -> Bool {
        var i = start
        if let group {
            for byte in group.utf8 {
                guard bytes[i] == byte else { return false }
                i += 1
            }
            guard bytes[i] == UInt8(ascii: ".") else { return false }
            i += 1
        }
        for byte in key.utf8 {
            guard bytes[i] == byte else { return false }
            i += 1
        }
        return true
    }

    private static func append(_ location: SourceLocation, to out: inout [UInt8]) {
        appendVarint(UInt64(truncatingIfNeeded: location.line), to: &out)
        appendVarint(UInt64(truncatingIfNeeded: location.column), to: &out)
    }

    private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func varint(_ bytes: [UInt8], at offset: Int) -> (value: UInt64, next: Int) {
        var value: UInt64 = 0, shift: UInt64 = 0, i = offset
        while true {
            let byte = bytes[i]
            i += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return (value, i) }
            shift += 7
        }
    }
}

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
    /// One bit per name recorded, chosen by a cheap hash of the name (bits are never cleared):
    /// a name whose bit is clear was never recorded, so recording it needs no scan. Derived
    /// from the names, so it takes no part in equality.
    private var seen: UInt64 = 0

    /// No fields recorded.
    public init() {}

    /// Number of fields recorded (counted by a scan: only tests and diagnostics ask).
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
            let bit = Self.bit(group, key)
            if seen & bit != 0, let start = find(group, key) {
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
            appendNew(group, key, at: newValue)
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
        // A copy of exactly the bytes recorded (`Array(bytes[...])` hands back the same buffer,
        // room and all).
        let source = bytes
        bytes = [UInt8](unsafeUninitializedCapacity: source.count) { buffer, initialized in
            initialized = buffer.initialize(from: source).1
        }
    }

    /// Records `group.key` (or `key`) at `location` without looking for it first: what the
    /// subscript does for a name not yet recorded, and all a reader whose names are distinct
    /// by construction (each key of a mapping once, groups under their field's name) needs.
    mutating func appendNew(_ group: String?, _ key: String, at location: SourceLocation) {
        seen |= Self.bit(group, key)
        Self.appendVarint(UInt64(Self.length(group, key)), to: &bytes)
        if let group {
            Self.appendUTF8(group, to: &bytes)
            bytes.append(UInt8(ascii: "."))
        }
        Self.appendUTF8(key, to: &bytes)
        Self.append(location, to: &bytes)
    }

    /// Forgets every field and keeps the room: one buffer reused item after item, each item
    /// then given its exact-size copy (`compacted()`).
    mutating func removeAllKeepingCapacity() {
        bytes.removeAll(keepingCapacity: true)
        seen = 0
    }

    /// The same fields in a buffer of exactly their size.
    func compacted() -> FieldLocations {
        var copy = self
        copy.shrinkToFit()
        return copy
    }

    /// The room the byte string holds (for tests: what `shrinkToFit` gives back).
    var capacity: Int { bytes.capacity }

    public static func == (a: FieldLocations, b: FieldLocations) -> Bool { a.bytes == b.bytes }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }

    // MARK: - The encoding

    /// The bit of `seen` for the name `group.key` (or `key`): from its length and its first
    /// and last bytes, which tell an item's usual fields apart.
    /// Both spellings of a name (`"reach", "rural"` and `"reach.rural"`; `"", "x"` and `".x"`)
    /// give the same bit.
    private static func bit(_ group: String?, _ key: String) -> UInt64 {
        let k = key.utf8
        let length = Self.length(group, key)
        let first = group.map { $0.utf8.first ?? UInt8(ascii: ".") } ?? k.first ?? 0
        let last = k.isEmpty ? (group == nil ? 0 : UInt8(ascii: ".")) : k[k.index(before: k.endIndex)]
        return 1 << UInt64((length &* 7 &+ Int(last) &* 13 &+ Int(first)) & 63)
    }

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

    /// The offset of the entry named `group.key` (or `key`), if recorded. The loader asks
    /// before recording each field, so this scan is on the parse's path: it reads the bytes in
    /// place and skips a location without decoding it.
    private func find(_ group: String?, _ key: String) -> Int? {
        let length = Self.length(group, key)
        return bytes.withUnsafeBufferPointer { b -> Int? in
            var offset = 0
            while offset < b.count {
                var nameLength = 0, shift = 0, i = offset
                while true {
                    let byte = b[i]
                    i += 1
                    nameLength |= Int(byte & 0x7F) << shift
                    if byte < 0x80 { break }
                    shift += 7
                }
                let nameStart = i
                if nameLength == length && Self.nameMatches(b, from: nameStart, group, key) { return offset }
                // Past the name, then past the line's and the column's varints.
                i = nameStart + nameLength
                var ended = 0
                while ended < 2 {
                    if b[i] < 0x80 { ended += 1 }
                    i += 1
                }
                offset = i
            }
            return nil
        }
    }

    /// The length in bytes of the name `group.key` (or `key`).
    private static func length(_ group: String?, _ key: String) -> Int {
        (group.map { $0.utf8.count + 1 } ?? 0) + key.utf8.count
    }

    private static func nameMatches(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ group: String?, _ key: String) -> Bool {
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

    private static func appendUTF8(_ text: String, to out: inout [UInt8]) {
        // Native text is contiguous UTF-8: one copy rather than a byte-by-byte walk.
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: text.utf8)
        }
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

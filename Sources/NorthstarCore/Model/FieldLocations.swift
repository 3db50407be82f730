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
        var key = key
        key.withUTF8 { k in
            if var group {
                group.withUTF8 { appendNew(group: $0, k, at: location) }
            } else {
                appendNew(group: nil, k, at: location)
            }
        }
    }

    /// `appendNew` for a name given as its bytes (a reader that has them from the file, or from
    /// its own table of field names): the entry is put together on the stack and appended in
    /// one copy, since every field of every item is recorded.
    mutating func appendNew(group: UnsafeBufferPointer<UInt8>?, _ key: UnsafeBufferPointer<UInt8>, at location: SourceLocation) {
        let length = (group.map { $0.count + 1 } ?? 0) + key.count
        let first = group.map { $0.first ?? UInt8(ascii: ".") } ?? key.first ?? 0
        let last = key.last ?? (group == nil ? 0 : UInt8(ascii: "."))
        seen |= Self.bit(length: length, first: first, last: last)
        let line = UInt64(truncatingIfNeeded: location.line), column = UInt64(truncatingIfNeeded: location.column)
        let size = Self.varintSize(UInt64(length)) + length + Self.varintSize(line) + Self.varintSize(column)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { entry in
            var at = Self.putVarint(UInt64(length), into: entry, at: 0)
            if let group {
                for byte in group { entry[at] = byte; at += 1 }
                entry[at] = UInt8(ascii: "."); at += 1
            }
            for byte in key { entry[at] = byte; at += 1 }
            at = Self.putVarint(line, into: entry, at: at)
            at = Self.putVarint(column, into: entry, at: at)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: entry[0..<at]))
        }
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
        return bit(length: length, first: first, last: last)
    }

    /// The bit of a name `length` bytes long that starts with `first` and ends with `last`.
    private static func bit(length: Int, first: UInt8, last: UInt8) -> UInt64 {
        1 << UInt64((length &* 7 &+ Int(last) &* 13 &+ Int(first)) & 63)
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

    private static func append(_ location: SourceLocation, to out: inout [UInt8]) {
        appendVarint(UInt64(truncatingIfNeeded: location.line), to: &out)
        appendVarint(UInt64(truncatingIfNeeded: location.column), to: &out)
    }

    /// How many bytes `value` takes as a varint.
    private static func varintSize(_ value: UInt64) -> Int {
        var v = value, n = 1
        while v >= 0x80 { v >>= 7; n += 1 }
        return n
    }

    /// Writes `value` as a varint at `offset` of `out` (room checked by the caller with
    /// `varintSize`); returns the offset after it.
    private static func putVarint(_ value: UInt64, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var v = value, at = offset
        while v >= 0x80 {
            out[at] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            at += 1
        }
        out[at] = UInt8(v)
        return at + 1
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

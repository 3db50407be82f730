/// Writes JSON text straight into a byte buffer — no intermediate tree — for the large
/// outputs (`ranking.json` of 100,000 items). Numbers are written as `NumberFormat.json` prints
/// them, strings with the same escaping as `JSONValue`, so both print identical text.
public struct JSONTextWriter: ~Copyable {
    /// The bytes written so far: owned, so that the dozens of small appends of every item's
    /// line are each a capacity check and a copy.
    private var out: ByteBuffer
    /// For each open object or array, one bit: whether its next value takes a comma. The
    /// documents written here nest at most a few levels, fixed by their schema; a 65th level
    /// stops the program (in release builds too) rather than write broken JSON.
    private var commas: UInt64 = 0
    /// How many objects and arrays are open.
    private var depth = 0
    /// The bit of the innermost open object or array (none when nothing is open).
    private var innermost: UInt64 { depth > 0 ? 1 << UInt64(depth - 1) : 0 }
    /// Whether separators go without spaces (`,` and `:`, for JSON Lines) rather than `, ` and `: `.
    private var compact = false

    /// An empty writer with room for `capacity` bytes; `compact` leaves out the spaces after
    /// separators (one JSON Lines record).
    public init(capacity: Int = 4096, compact: Bool = false) {
        out = ByteBuffer(capacity: capacity)
        self.compact = compact
    }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { out.array }

    /// Appends the bytes written so far to `buffer` (an item's line to its file's buffer).
    public func append(to buffer: inout [UInt8]) { out.append(to: &buffer) }

    /// Appends text as is.
    public mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { out.append($0) }
    }

    /// Opens an object or array on one line (`{` / `[`).
    public mutating func open(_ bracket: UInt8) {
        separate()
        out.append(bracket)
        precondition(depth < 64, "JSON nested deeper than the writer's 64 levels")
        depth += 1
        commas &= ~innermost
    }

    /// Closes the innermost object or array.
    public mutating func close(_ bracket: UInt8) {
        out.append(bracket)
        if depth > 0 { depth -= 1 }
    }

    /// Writes `"key": ` inside an object, for a key fixed in the code (a field of the output's
    /// schema). Such keys are plain ASCII that never needs escaping, so they are copied as
    /// they are: every item line of a ranking writes dozens of them.
    public mutating func key(_ key: StaticString) {
        assert(key.hasPointerRepresentation && Self.isPlainKey(key), "a schema key needs no escaping")
        separate()
        // `"key": ` in one write: every item line writes dozens of these.
        let name = key.utf8Bytes, length = name.count
        let compact = compact
        out.write(atMost: length + 4) { at in
            at[0] = 0x22
            if let start = name.baseAddress { (at + 1).initialize(from: start, count: length) }
            at[length + 1] = 0x22
            at[length + 2] = 0x3A
            if compact { return length + 3 }
            at[length + 3] = 0x20
            return length + 4
        }
        commas &= ~innermost
    }

    /// Writes `"name": ` inside an object, for a key that is not a literal in the code (an
    /// objective, a group or an item id from the input, or a name from a table): quoted and
    /// escaped like any string.
    public mutating func key(named name: String) {
        separate()
        escape(name)
        endKey()
    }

    /// The colon after a key; the value that follows takes no comma.
    private mutating func endKey() {
        if compact { out.append(0x3A) } else { out.append(0x3A, 0x20) }
        commas &= ~innermost
    }

    /// Whether `key` is printable ASCII without a quote or backslash (what `key(_:)` copies
    /// without escaping).
    private static func isPlainKey(_ key: StaticString) -> Bool {
        key.utf8Bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
    }

    /// Writes a string value.
    public mutating func string(_ s: String) { separate(); escape(s) }
    /// Writes a string value or `null`.
    public mutating func string(_ s: String?) { if let s { string(s) } else { separate(); raw("null") } }
    /// Writes a number.
    public mutating func number(_ x: Double) {
        separate()
        out.write(atMost: NumberFormat.maximumJSONLength) { NumberFormat.writeJSON(x, to: $0) }
    }
    /// Writes an integer.
    public mutating func number(_ n: Int) {
        separate()
        out.write(atMost: NumberFormat.maximumIntegerLength) { NumberFormat.writeInteger(n, to: $0) }
    }
    /// Writes a boolean.
    public mutating func bool(_ b: Bool) { separate(); raw(b ? "true" : "false") }
    /// Writes `null`.
    public mutating func null() { separate(); raw("null") }

    /// `"key": value` shorthands, for a key fixed in the code.
    public mutating func field(_ k: StaticString, _ v: String?) { key(k); string(v) }
    public mutating func field(_ k: StaticString, _ v: Double) { key(k); number(v) }
    public mutating func field(_ k: StaticString, _ v: Int) { key(k); number(v) }
    /// `"name": value` shorthands, for a key that is not a literal in the code.
    public mutating func field(named k: String, _ v: String?) { key(named: k); string(v) }
    public mutating func field(named k: String, _ v: Double) { key(named: k); number(v) }
    public mutating func field(named k: String, _ v: Int) { key(named: k); number(v) }

    /// The comma before a value that is not the first in its container.
    private mutating func separate() {
        guard depth > 0 else { return }
        if commas & innermost != 0 {
            if compact { out.append(0x2C) } else { out.append(0x2C, 0x20) }
        }
        commas |= innermost
    }

    private mutating func escape(_ s: String) {
        Self.quoted(s, plain: { out.append(0x22); out.append($0); out.append(0x22) }, escaped: { out.append($0) })
    }

    /// Gives `s` as a JSON string: its UTF-8 to `plain` when it goes in as it is (the common
    /// case for ids, titles and keys: one scan, then one copy, the caller adding the quotes),
    /// else its escaped text, quotes included, to `escaped`.
    @inline(__always)
    private static func quoted(_ s: String, plain: (UnsafeBufferPointer<UInt8>) -> Void,
                               escaped: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = s
        let isPlain: Bool = text.withUTF8 { utf8 in
            // No control character, quote, backslash, DEL, or lead byte of the line and paragraph
            // separators (which `JSONValue` escapes).
            for b in utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xE2 { return false }
            plain(utf8)
            return true
        }
        guard !isPlain else { return }
        var escapedText = ""
        JSONValue.escape(s, into: &escapedText)
        escapedText.withUTF8 { escaped($0) }
    }

    /// Appends `s` as a JSON string, quoted and escaped, to `bytes` (for callers that write a
    /// fixed layout straight into a buffer).
    static func appendString(_ s: String, to bytes: inout [UInt8]) {
        quoted(s, plain: { bytes.append(0x22); bytes.append(contentsOf: $0); bytes.append(0x22) },
               escaped: { bytes.append(contentsOf: $0) })
    }
}

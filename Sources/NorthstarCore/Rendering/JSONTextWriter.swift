/// Writes JSON text straight into a byte buffer — no intermediate tree — for the large
/// outputs (`ranking.json` of 100,000 items). Numbers go through `NumberFormat.json`, strings
/// through the same escaping as `JSONValue`, so both print identical text.
public struct JSONTextWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []
    /// Whether separators go without spaces (`,` and `:`, for JSON Lines) rather than `, ` and `: `.
    private var compact = false

    /// An empty writer with room for `capacity` bytes; `compact` leaves out the spaces after
    /// separators (one JSON Lines record).
    public init(capacity: Int = 4096, compact: Bool = false) {
        bytes.reserveCapacity(capacity)
        self.compact = compact
    }

    /// A writer continuing `buffer`, which it takes over (`buffer` is left empty until
    /// `finish(into:)` hands the bytes back): lines rendered straight into a file's buffer.
    public init(adopting buffer: inout [UInt8]) {
        bytes = buffer
        buffer = []
    }

    /// Hands the bytes written back to `buffer` (see `init(adopting:)`).
    public mutating func finish(into buffer: inout [UInt8]) {
        buffer = bytes
        bytes = []
    }

    /// Appends text as is.
    public mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes as they are, straight into the buffer (fragments rendered earlier).
    public mutating func appendBytes(_ body: (inout [UInt8]) -> Void) { body(&bytes) }

    /// Opens an object or array on one line (`{` / `[`).
    public mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma.append(false)
    }

    /// Closes the innermost object or array.
    public mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        _ = needsComma.popLast()
    }

    /// Writes `"key": ` inside an object, for a key fixed in the code (a field of the output's
    /// schema). Such keys are plain ASCII that never needs escaping, so they are copied as
    /// they are: every item line of a ranking writes dozens of them.
    public mutating func key(_ key: StaticString) {
        assert(key.hasPointerRepresentation && Self.isPlainKey(key), "a schema key needs no escaping")
        separate()
        bytes.append(0x22)
        bytes.append(contentsOf: key.utf8Bytes)
        bytes.append(0x22)
        endKey()
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
        bytes.append(0x3A)
        if !compact { bytes.append(0x20) }
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
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
    public mutating func number(_ x: Double) { separate(); NumberFormat.appendJSON(x, to: &bytes) }
    /// Writes an integer.
    public mutating func number(_ n: Int) { separate(); NumberFormat.appendInteger(n, to: &bytes) }
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
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] {
            bytes.append(0x2C)
            if !compact { bytes.append(0x20) }
        }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func escape(_ s: String) { Self.appendString(s, to: &bytes) }

    /// Appends `s` as a JSON string, quoted and escaped, to `bytes` (for callers that write a
    /// fixed layout straight into a buffer).
    static func appendString(_ s: String, to bytes: inout [UInt8]) {
        // Fast path: nothing to escape (the common case for ids, titles, keys) — one scan of
        // the string's bytes, then one copy.
        var text = s
        let plain: Bool = text.withUTF8 { utf8 in
            for b in utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xE2 { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
        if !plain {
            var escaped = ""
            JSONValue.escape(s, into: &escaped)
            bytes.append(contentsOf: escaped.utf8)
        }
    }
}

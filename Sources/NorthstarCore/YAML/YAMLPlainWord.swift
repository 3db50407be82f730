/// What a plain scalar's text is under the YAML 1.2 core schema, short of numbers: null, a
/// boolean, or anything else. One rule, read from the bytes, for the node reading
/// (`YAMLScalarValue.resolvePlain`) and the fast reading of clean files alike.
enum YAMLPlainWord: Equatable {
    /// `~`, `null`, `Null`, `NULL` or nothing at all.
    case null
    /// `true`/`false` in their three spellings.
    case boolean(Bool)
    /// Anything else (a number, or text).
    case other

    /// The word `bytes` spell.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Every null and boolean starts with one of a few bytes: most text (titles, ids,
        // owners) is told apart by its first byte, without comparing it to each spelling.
        guard let first = bytes.first else { self = .null; return }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            self = Self.isOneOf(bytes, ["~", "null", "Null", "NULL"]) ? .null : .other
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            self = Self.isOneOf(bytes, ["true", "True", "TRUE"]) ? .boolean(true) : .other
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            self = Self.isOneOf(bytes, ["false", "False", "FALSE"]) ? .boolean(false) : .other
        default:
            self = .other
        }
    }

    /// The word `text` spells.
    init(_ text: String) {
        var contiguous = text
        self = contiguous.withUTF8 { YAMLPlainWord($0) }
    }

    /// Whether `bytes` are exactly one of `words`.
    private static func isOneOf(_ bytes: UnsafeBufferPointer<UInt8>, _ words: [StaticString]) -> Bool {
        words.contains { $0.utf8Bytes.sameBytes(as: bytes) }
    }
}

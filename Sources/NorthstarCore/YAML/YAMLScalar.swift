/// A YAML scalar as written, and its type under the YAML 1.2 core schema.
///
/// Typing follows the core schema: a plain `5` is an integer, a quoted `"5"` is text,
/// `true`/`false` are booleans, `~`/`null`/empty are null. An explicit tag (`!!str`, `!!int`,
/// `!!float`, `!!bool`, `!!null`) wins over the plain/quoted rule.
public struct YAMLScalar: Sendable, Hashable {
    /// The scalar's text after YAML unescaping.
    public var text: String
    /// Whether the scalar was written without quotes (only plain scalars are typed).
    public var isPlain: Bool
    /// The resolved tag, when one was written (`tag:yaml.org,2002:str` for `!!str`).
    public var tag: String?

    /// A scalar with `text`, plain or quoted, optionally explicitly tagged.
    public init(text: String, isPlain: Bool, tag: String? = nil) {
        self.text = text
        self.isPlain = isPlain
        self.tag = tag
    }

    /// The typed value of this scalar under the YAML 1.2 core schema.
    public var value: YAMLScalarValue {
        switch tag {
        case "tag:yaml.org,2002:str", "!": return .string(text)
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            return YAMLScalarValue.number(text).map { $0 } ?? .string(text)
        case "tag:yaml.org,2002:bool":
            return YAMLScalarValue.boolean(text).map { .bool($0) } ?? .string(text)
        case "tag:yaml.org,2002:null": return .null
        default: break
        }
        guard isPlain else { return .string(text) }
        return YAMLScalarValue.resolvePlain(text)
    }
}

/// The typed value of a scalar under the YAML 1.2 core schema.
public enum YAMLScalarValue: Sendable, Hashable {
    /// `~`, `null`, `Null`, `NULL` or nothing at all.
    case null
    /// `true`/`false` in their three spellings.
    case bool(Bool)
    /// A decimal, `0o` octal or `0x` hexadecimal integer.
    case int(Int)
    /// A decimal float, `.inf`, `-.inf` or `.nan`.
    case float(Double)
    /// Anything else, and every quoted scalar.
    case string(String)

    /// The number this value holds, if it is an integer or a float.
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }

    /// Resolves a plain scalar's text by the core schema's regular expressions (hand-written).
    public static func resolvePlain(_ text: String) -> YAMLScalarValue {
        switch YAMLPlainWord(text) {
        case .null: return .null
        case .boolean(let b): return .bool(b)
        case .other: break
        }
        return number(text) ?? .string(text)
    }

    static func boolean(_ text: String) -> Bool? {
        if case .boolean(let b) = YAMLPlainWord(text) { return b }
        return nil
    }

    static func number(_ text: String) -> YAMLScalarValue? {
        var contiguous = text
        return contiguous.withUTF8 { number(bytes: $0) }
    }

    /// `number(_:)` over a plain scalar's UTF-8 bytes, read in place: every backlog figure goes
    /// through it, and only the rare spellings (special floats, long integers) and the floats
    /// handed to the standard parser become text.
    static func number(bytes u: UnsafeBufferPointer<UInt8>) -> YAMLScalarValue? {
        guard let first = u.first, let last = u.last else { return nil }
        // Every number starts with a digit, a sign or a point: most text (titles, ids, owners)
        // is told apart by its first byte.
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."): break
        default: return nil
        }
        var text: String { String(decoding: u, as: UTF8.self) }
        // Special floats (the only numbers that end in a letter).
        if last > UInt8(ascii: "9") {
            switch text {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
            case ".nan", ".NaN", ".NAN": return .float(.nan)
            default: break
            }
        }
        // Octal and hexadecimal integers.
        if u.count > 2, u[0] == UInt8(ascii: "0") {
            let body = UnsafeBufferPointer(rebasing: u[2...])
            if u[1] == UInt8(ascii: "o"), body.allSatisfy({ (48...55).contains($0) }) {
                return Int(String(decoding: body, as: UTF8.self), radix: 8).map { .int($0) }
            }
            if u[1] == UInt8(ascii: "x"), body.allSatisfy({ isHexDigit($0) }) {
                return Int(String(decoding: body, as: UTF8.self), radix: 16).map { .int($0) }
            }
        }
        // Decimal integer: [-+]?[0-9]+
        var i = 0
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { i = 1 }
        let digitsStart = i
        while i < u.count, isDigit(u[i]) { i += 1 }
        if i == u.count, i > digitsStart {
            // Up to 18 digits cannot overflow: sum them here rather than parse a new string.
            if i - digitsStart <= 18 {
                var v = 0
                for d in u[digitsStart...] { v = v * 10 + Int(d - 48) }
                return .int(first == UInt8(ascii: "-") ? -v : v)
            }
            if let v = Int(first == UInt8(ascii: "+") ? String(text.dropFirst()) : text) { return .int(v) }
            return Double(text).map { .float($0) }
        }
        // Float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        i = digitsStart
        var intDigits = 0
        while i < u.count, isDigit(u[i]) { i += 1; intDigits += 1 }
        var fracDigits = 0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            while i < u.count, isDigit(u[i]) { i += 1; fracDigits += 1 }
        }
        guard intDigits > 0 || fracDigits > 0 else { return nil }
        if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
            var expDigits = 0
            while i < u.count, isDigit(u[i]) { i += 1; expDigits += 1 }
            guard expDigits > 0 else { return nil }
        }
        guard i == u.count else { return nil }
        if let v = exactDecimal(UnsafeBufferPointer(rebasing: u[digitsStart...])) {
            return .float(first == UInt8(ascii: "-") ? -v : v)
        }
        return Double(text).map { .float($0) }
    }

    /// Powers of ten a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

    /// The value of unsigned digits with at most one point (`12`, `1.5`, `.5`, `1.`), when it
    /// can be had exactly without `strtod`: at most 15 digits make a whole number a `Double`
    /// holds exactly, and dividing it by an exact power of ten rounds once, correctly — so the
    /// result is the correctly rounded value `strtod` gives (Clinger's fast path). Nil for
    /// anything else: more digits, an exponent, no digit.
    private static func exactDecimal(_ u: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa = 0, digits = 0, fracDigits = 0, seenPoint = false
        for c in u {
            if isDigit(c) {
                digits += 1
                guard digits <= 15 else { return nil }
                mantissa = mantissa * 10 + Int(c - 48)
                if seenPoint { fracDigits += 1 }
            } else if c == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        return Double(mantissa) / exactPowersOfTen[fracDigits]
    }

    private static func isDigit(_ c: UInt8) -> Bool { (48...57).contains(c) }
    private static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (65...70).contains(c) || (97...102).contains(c)
    }
}

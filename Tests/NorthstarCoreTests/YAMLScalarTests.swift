import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("YAML 1.2 core schema typing of scalars")
struct YAMLScalarTests {
    static let plainCases: [(String, YAMLScalarValue)] = [
        ("", .null), ("~", .null), ("null", .null), ("NULL", .null),
        ("true", .bool(true)), ("False", .bool(false)), ("yes", .string("yes")), ("on", .string("on")),
        ("5", .int(5)), ("-12", .int(-12)), ("+7", .int(7)), ("0o17", .int(15)), ("0x1F", .int(31)),
        ("1.5", .float(1.5)), ("-0.25", .float(-0.25)), (".5", .float(0.5)), ("1e3", .float(1000)),
        ("2.5E-1", .float(0.25)), (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)),
        ("1_000", .string("1_000")), ("0b101", .string("0b101")), ("1.2.3", .string("1.2.3")),
        ("12abc", .string("12abc")), ("FA-12", .string("FA-12")), ("e5", .string("e5")), (".", .string(".")),
        ("9223372036854775807", .int(Int.max)), ("-000000000000000000042", .int(-42)),
        ("99999999999999999999", .float(1e20)), ("+0x1F", .string("+0x1F")), ("-", .string("-")),
        ("+.INF", .float(.infinity)), ("-.nan", .string("-.nan")), ("nulls", .string("nulls")), ("1.", .float(1)),
    ]

    @Test("plain scalars resolve by the core schema", arguments: plainCases)
    func plain(text: String, expected: YAMLScalarValue) {
        #expect(YAMLScalar(text: text, isPlain: true).value == expected)
    }

    @Test("quoted scalars are always text", arguments: ["5", "true", "null", "1.5", ""])
    func quoted(text: String) {
        #expect(YAMLScalar(text: text, isPlain: false).value == .string(text))
    }

    @Test("explicit tags win over the plain/quoted rule")
    func tags() {
        #expect(YAMLScalar(text: "5", isPlain: true, tag: "tag:yaml.org,2002:str").value == .string("5"))
        #expect(YAMLScalar(text: "5", isPlain: false, tag: "tag:yaml.org,2002:int").value == .int(5))
    }

    @Test(".nan is a float that is not a number")
    func nan() {
        guard case .float(let x) = YAMLScalar(text: ".nan", isPlain: true).value else {
            Issue.record("not a float"); return
        }
        #expect(x.isNaN)
    }

    /// The core schema's own regular expressions (YAML 1.2, section 10.3.2), as the reference
    /// the hand-written resolver must agree with.
    static func reference(_ text: String) -> YAMLScalarValue {
        if text.wholeMatch(of: /null|Null|NULL|~|/) != nil { return .null }
        if text.wholeMatch(of: /true|True|TRUE/) != nil { return .bool(true) }
        if text.wholeMatch(of: /false|False|FALSE/) != nil { return .bool(false) }
        if text.wholeMatch(of: /[-+]?[0-9]+/) != nil {
            // Beyond Int's range a decimal integer is read as the nearest float.
            return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text).map { .int($0) } ?? .float(Double(text) ?? .nan)
        }
        if let m = text.wholeMatch(of: /0o([0-7]+)/) { return Int(m.1, radix: 8).map { .int($0) } ?? .string(text) }
        if let m = text.wholeMatch(of: /0x([0-9a-fA-F]+)/) { return Int(m.1, radix: 16).map { .int($0) } ?? .string(text) }
        if text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil { return .float(Double(text) ?? .nan) }
        if text.wholeMatch(of: /[+]?\.(inf|Inf|INF)/) != nil { return .float(.infinity) }
        if text.wholeMatch(of: /-\.(inf|Inf|INF)/) != nil { return .float(-.infinity) }
        if text.wholeMatch(of: /\.nan|\.NaN|\.NAN/) != nil { return .float(.nan) }
        return .string(text)
    }

    @Test("plain scalars built from number-like pieces resolve as the core schema's expressions say")
    func agreesWithTheSchema() async {
        let pieces = ["0", "7", "9", "12", "-", "+", ".", "e", "E", "0x", "0o", "1F", "inf", "Inf", "nan", "NaN",
                      "null", "Null", "true", "FALSE", "~", "_", "a", "x", " ", "00000000009", "é"]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let text = (0..<Int(rng.next() % 5)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let got = YAMLScalar(text: text, isPlain: true).value
            let want = Self.reference(text)
            if case .float(let g) = got, case .float(let w) = want, g.isNaN, w.isNaN { return }
            #expect(got == want, "\(text)")
        }
    }

    /// The exact fast path for short decimals (`exactDecimal`) against the C library's
    /// correctly rounded conversion, bit for bit: digits on both sides of the point up to and
    /// past the 15 the fast path takes, leading zeros, signs, a bare point at either end.
    @Test("short decimals read without strtod give strtod's bits")
    func exactDecimalsAgreeWithStrtod() async {
        let fixed = ["0.1", "0.2", "0.3", "-0.0", "+0.0", "1.", ".5", "123456789012345.", "12345678901234.5",
                     "0.000000000000001", "0.0000000000000001", "999999999999999.", "9007199254740993.0",
                     "0.30000000000000004", "1.7976931348623157", "4.35", "2.675", "1.005", "-.125", "1.5e3", "12.5E-2"]
        for text in fixed {
            #expect(Double(text) != nil, "\(text) is a number for strtod")
            Self.expectSameBits(text)
        }
        await propertyCheck(count: 3000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(rng.next() % 10)) }) }
            let sign = ["", "-", "+"][Int(rng.next() % 3)]
            let whole = digits(Int(rng.next() % 12)), fraction = digits(Int(rng.next() % 12))
            let zeros = String(repeating: "0", count: Int(rng.next() % 4))
            let text = sign + zeros + whole + (rng.next() % 4 == 0 && !whole.isEmpty ? "." : "." + fraction)
            Self.expectSameBits(text)
        }
    }

    private static func expectSameBits(_ text: String) {
        guard let want = Double(text) else { return }
        let got = YAMLScalar(text: text, isPlain: true).value
        guard case .float(let g) = got else {
            Issue.record("\(text) read as \(got)")
            return
        }
        #expect(g.bitPattern == want.bitPattern, "\(text): \(g) against \(want)")
    }
}

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
}

import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

/// The YAML mistakes newcomers make most, each said in their terms and located where the
/// mistake is (not where libyaml happened to notice it).
@Suite("YAML errors in newcomer terms")
struct YAMLNewcomerMessageTests {
    @Test("each common YAML mistake gets a plain, located message", arguments: [
        // A tab indenting a line, wherever libyaml notices it.
        ("id: A\nreach:\n\trural: 3\n", 3, 1, "YAML syntax: tab characters cannot indent YAML; use spaces"),
        ("items:\n\t- id: A\n", 2, 1, "YAML syntax: tab characters cannot indent YAML; use spaces"),
        ("id: A\ntitle: x\n\tneed: 3\n", 3, 1, "YAML syntax: tab characters cannot indent YAML; use spaces"),
        ("\u{FEFF}id: A\nreach:\n  \trural: 3\n", 3, 3, "YAML syntax: tab characters cannot indent YAML; use spaces"),
        // A value holding ': '.
        ("id: A\ntitle: Fix: login\n", 2, 11, "YAML syntax: a value containing ': ' must be quoted: write title: \"Fix: login\""),
        ("items:\n  - id: A\n    title: Note: see #4\n", 3, 16, "YAML syntax: a value containing ': ' must be quoted (put it in double quotes)"),
        // A missing ':' is reported on its own line, not the next.
        ("id: A\nneed 4\nreach: 3\n", 2, 1, "YAML syntax: is a ':' missing after 'need'? Each field is written 'key: value'"),
        ("id: A\nneed 4\n", 2, 1, "YAML syntax: is a ':' missing after 'need'? Each field is written 'key: value'"),
        ("items:\n  - id: A\n    cost 3\n    need: 4\n", 3, 5, "YAML syntax: is a ':' missing after 'cost'? Each field is written 'key: value'"),
        // A key carried on from the line above (over-indented, or the line above lacks ':').
        ("id: A\ntitle: x\n need: 3\n", 3, 6, "YAML syntax: this line reads as the continuation of the value above: is it indented too far, or is a ':' missing on the line above?"),
        ("need 4\nid: A\n", 2, 3, "YAML syntax: this line reads as the continuation of the value above: is it indented too far, or is a ':' missing on the line above?"),
    ])
    func plainMessage(yaml: String, line: Int, column: Int, message: String) {
        let file = Fixtures.parse(yaml, path: "x.yaml")
        #expect(file.isUnreadable)
        #expect(file.diagnostics.map(\.description) == ["x.yaml:\(line):\(column): error: \(message)"])
        #expect(file.diagnostics.map(\.code) == [.yamlSyntax])
    }

    @Test("the reported mixed-line-ending file is explained without crashing")
    func mixedLineEndings() {
        let file = Fixtures.parse("id: T\rtitle: Fix: login\na\rb: c: dddddddddd\n")
        #expect(file.diagnostics.first?.code == .yamlSyntax)
    }

    @Test("any mix of line breaks, colons, tabs and quotes gives a located diagnostic or items, never a crash")
    func noCrashOnAnyBreaks() async {
        let pieces = ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", ": ", ":", " ", "\t", "a", "id", "title", "\"", "'", "- ", "#", "é", "{", "}"]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let text = (0..<Int(rng.next() % 24)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let file = Fixtures.parse(text)
            for d in file.diagnostics { #expect(d.location.line >= 1 && d.location.column >= 1, "\(text.debugDescription)") }
        }
    }

    @Test("a tab where YAML allows one (after a key, before a comment) is not an error")
    func tabsElsewhere() {
        #expect(Fixtures.parse("id: A\nreach: {rural:\t3}\n").diagnostics.allSatisfy { $0.code != .yamlSyntax })
        let file = Fixtures.parse("id: A\ntitle: \"x\"\t\t# c\n")
        #expect(!file.isUnreadable)
    }

    @Test("a number written for people gets a hint in the wrong-type message", arguments: [
        ("reach: 1,200", "'reach' should be a number, found text '1,200' (no thousands separators: write 1200)"),
        ("reach:\n  rural: 12,500,000", "'reach.rural' should be a number, found text '12,500,000' (no thousands separators: write 12500000)"),
        ("confidence: 50%", "'confidence' should be a number, found text '50%' (write a share as 0.5)"),
        ("confidence: 12.5 %", "'confidence' should be a number, found text '12.5 %' (write a share as 0.125)"),
        ("need: 3-4", "'need' should be a number, found text '3-4' (write a range as {low: 3, high: 4})"),
        ("cost: 3 – 7", "'cost' should be a number, found text '3 – 7' (write a range as {low: 3, high: 7})"),
        ("cost: \"1,200\"", "'cost' should be a number, found text '1,200' (no thousands separators: write 1200)"),
        ("cost: \"3\"", "'cost' should be a number, found text '3' (quoted values are text: remove the quotes)"),
        ("cost: three", "'cost' should be a number, found text 'three'"),
        ("cost: 1,20", "'cost' should be a number, found text '1,20'"),
        ("cost: 3-7-9", "'cost' should be a number, found text '3-7-9'"),
    ])
    func numberHints(line: String, message: String) {
        let file = Fixtures.parse("id: A\n\(line)\n")
        #expect(file.diagnostics.filter { $0.code == .type }.map(\.message) == [message])
    }
}

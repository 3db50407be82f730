import Testing
@testable import NorthstarCore

@Suite("Loading backlog files")
struct BacklogFileLoaderTests {
    @Test("a single item with every field")
    func fullItem() throws {
        let file = Fixtures.parse("""
            id: FA-12
            title: SMS reminders
            status: in-progress
            objectives: {food: 0.8, digital: 0.3}
            need: 4
            reach: {low-income: 1200, rural: 300}
            confidence: 0.7
            cost: 3
            depends_on: [FA-3]
            tags: [sms]
            owner: amina
            """)
        #expect(file.diagnostics.isEmpty)
        let item = try #require(file.items.first)
        #expect(item.id == "FA-12")
        #expect(item.status == .inProgress)
        #expect(item.objectives == ["food": 0.8, "digital": 0.3])
        #expect(item.need == .uniform(Estimate(4)))
        #expect(item.reach == ["low-income": Estimate(1200), "rural": Estimate(300)])
        #expect(item.cost == Estimate(3))
        #expect(item.dependsOn == ["FA-3"])
        #expect(item.owner == "amina")
        #expect(item.location(of: "reach.rural") == SourceLocation(line: 6, column: 27))
        #expect(file.declaredIDs.map(\.id) == ["FA-12"])
    }

    @Test("several items under items:")
    func itemsList() {
        let file = Fixtures.parse("items:\n  - " + Fixtures.itemYAML(id: "A").replacingNewlines(indent: 4) + "\n  - " + Fixtures.itemYAML(id: "B").replacingNewlines(indent: 4))
        #expect(file.diagnostics.isEmpty)
        #expect(file.items.map(\.id) == ["A", "B"])
    }

    @Test("reach as a single number counts in the group general")
    func reachNumber() {
        let file = Fixtures.parse(Fixtures.itemYAML(id: "A", reach: 250))
        #expect(file.items.first?.reach == ["general": Estimate(250)])
    }

    @Test("a mapping of only low/likely/high is a range, never groups")
    func ranges() throws {
        let file = Fixtures.parse("""
            id: R
            objectives: {food: 1}
            need: {low: 2, high: 4}
            reach: {low: 200, likely: 500, high: 800}
            cost: {low: 1, high: 3}
            """)
        #expect(file.diagnostics.isEmpty)
        let item = try #require(file.items.first)
        #expect(item.reach["general"] == Estimate(low: 200, likely: 500, high: 800))
        #expect(item.reach["general"]?.point == 500)
        #expect(item.need == .uniform(Estimate(low: 2, likely: nil, high: 4)))
        #expect(item.need?.estimate(for: "general")?.point == 3)
        #expect(item.cost?.point == 2)
        #expect(item.hasRanges)
    }

    @Test("need per group, with ranges inside groups")
    func needPerGroup() throws {
        let file = Fixtures.parse("""
            id: G
            objectives: {food: 1}
            need: {rural: 4, low-income: {low: 2, likely: 3, high: 5}}
            reach: {rural: 10, low-income: 20}
            cost: 1
            """)
        #expect(file.diagnostics.isEmpty)
        let item = try #require(file.items.first)
        #expect(item.need?.estimate(for: "rural")?.point == 4)
        #expect(item.need?.estimate(for: "low-income")?.point == 3)
    }

    /// Each planted problem: YAML, expected code, severity, line, column.
    static let problems: [(String, String, Diagnostic.Severity, Int, Int)] = [
        ("title: x\nneed: 3\n", "missing-id", .error, 1, 1),
        ("id: A\nneed: 7\n", "range", .error, 2, 7),
        ("id: A\nneed: 0\n", "range", .error, 2, 7),
        ("id: A\nconfidence: 1.2\n", "range", .error, 2, 13),
        ("id: A\ncost: 0\n", "range", .error, 2, 7),
        ("id: A\ncost: -2\n", "range", .error, 2, 7),
        ("id: A\nreach: {rural: -1}\n", "range", .error, 2, 16),
        ("id: A\nreach: -1\n", "range", .error, 2, 8),
        ("id: A\ncost: three\n", "type", .error, 2, 7),
        ("id: A\ncost: \"3\"\n", "type", .error, 2, 7),
        ("id: A\ncost: .inf\n", "type", .error, 2, 7),
        ("id: A\nobjectives: [food]\n", "type", .error, 2, 13),
        ("id: A\nobjectives: {food: 2}\n", "range", .error, 2, 20),
        ("id: A\nstatus: finished\n", "status", .error, 2, 9),
        ("id: A\nneed: {rural: 3}\nreach: {rural: 1, general: 2}\n", "need-group", .error, 3, 19),
        ("id: A\nreach: {low: 9, high: 1}\n", "range", .error, 2, 8),
        ("id: A\nreach: {low: 9}\n", "range", .error, 2, 8),
        ("id: A\nneed: {low: 1, likely: 5, high: 3}\n", "range", .error, 2, 7),
        ("id: A\ntitel: x\n", "misspelt-field", .error, 2, 1),
        ("id: A\nobjetives: {a: 1}\n", "misspelt-field", .error, 2, 1),
        ("id: A\nreviewer: sam\n", "unknown-field", .warning, 2, 1),
        ("id: true\n", "type", .error, 1, 5),
        ("id: \"a\\tb\"\n", "id", .error, 1, 5),
        ("id: \"  \"\n", "id", .error, 1, 5),
        ("- id: A\n", "type", .error, 1, 1),
        ("items: 5\n", "type", .error, 1, 8),
        ("items:\n  - 5\n", "type", .error, 2, 5),
        ("", "empty-file", .warning, 1, 1),
        ("id: A\n  bad: indent\n", "yaml-syntax", .error, 2, 6),
        ("impact: 4\nid: A\n", "range", .error, 1, 9),
    ]

    @Test("every per-file diagnostic kind is located", arguments: problems)
    func diagnostics(yaml: String, code: String, severity: Diagnostic.Severity, line: Int, column: Int) throws {
        let file = Fixtures.parse(yaml, path: "x/y.yaml")
        let d = try #require(file.diagnostics.first, "no diagnostic for \(yaml.debugDescription)")
        #expect(d.code.rawValue == code)
        #expect(d.severity == severity)
        #expect(d.location == SourceLocation(line: line, column: column))
        #expect(d.path == "x/y.yaml")
        #expect(d.description.hasPrefix("x/y.yaml:\(line):\(column): \(severity.rawValue): "))
        if severity == .error { #expect(file.items.isEmpty) }
    }

    @Test("an unknown field two edits or fewer from a known one is an error; any other is a warning",
          arguments: [
            ("confidance: 0.3", "unknown field 'confidance' in item 'A' (did you mean 'confidence'?); a misspelt field would be ignored, so it is an error", true),
            ("objetives: {a: 1}", "unknown field 'objetives' in item 'A' (did you mean 'objectives'?); a misspelt field would be ignored, so it is an error", true),
            ("depends-on: [B]", "unknown field 'depends-on' in item 'A' (did you mean 'depends_on'?); a misspelt field would be ignored, so it is an error", true),
            ("Cost: 3", "unknown field 'Cost' in item 'A' (did you mean 'cost'?); a misspelt field would be ignored, so it is an error", true),
            ("reviewer: sam", "unknown field 'reviewer' in item 'A'; it is ignored", false),
            ("pm: sam", "unknown field 'pm' in item 'A'; it is ignored", false),
            ("state: open", "unknown field 'state' in item 'A' (did you mean 'status'?); it is ignored", false),
            ("titel: x", "unknown field 'titel' in item 'A' (did you mean 'title'?); a misspelt field would be ignored, so it is an error", true),
            ("confidence_note: guess", "unknown field 'confidence_note' in item 'A'; it is ignored", false),
          ])
    func misspeltFields(extra: String, message: String, isError: Bool) {
        let file = Fixtures.parse(Fixtures.itemYAML(id: "A", extra: extra))
        #expect(file.diagnostics.map(\.message) == [message])
        #expect(file.diagnostics.map(\.severity) == [isError ? .error : .warning])
        #expect(file.items.count == (isError ? 0 : 1), "a misspelt field keeps the item out of the ranking")
    }

    @Test("every known field is accepted as known, and a key that is not text is an error", arguments: BacklogFileLoader.knownFields)
    func knownFieldsAreKnown(field: String) {
        let file = Fixtures.parse(field == "id" ? "id: A\n" : "id: A\n\(field): x\n")
        #expect(!file.diagnostics.contains { $0.code == .unknownField || $0.code == .misspeltField }, "\(field)")
        let keyed = Fixtures.parse("id: A\n? [\(field)]\n: 1\n")
        #expect(keyed.diagnostics.map(\.message) == ["keys in item 'A' should be plain text"])
        #expect(keyed.items.isEmpty)
    }

    @Test("an invalid item still declares its id; its siblings are kept")
    func partialFile() {
        let file = Fixtures.parse("items:\n  - {id: A, need: 9}\n  - {id: B, need: 2, reach: 1, cost: 1}\n")
        #expect(file.items.map(\.id) == ["B"])
        #expect(file.declaredIDs.map(\.id) == ["A", "B"])
        #expect(!file.isUnreadable)
    }

    @Test("a YAML error makes the whole file unreadable")
    func unreadable() {
        let file = Fixtures.parse("id: [\n")
        #expect(file.isUnreadable)
        #expect(file.items.isEmpty)
    }
}

extension String {
    /// Re-indents continuation lines, to nest an item's YAML under a list entry.
    func replacingNewlines(indent: Int) -> String {
        split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n" + String(repeating: " ", count: indent))
    }
}

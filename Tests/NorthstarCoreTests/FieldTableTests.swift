@testable import NorthstarCore
import Testing

/// The field tables the loaders read by and the schemas are written from: every field in a
/// table is one the loader reads, every other key is one it reports, and each rule words its
/// complaints as the README documents them.
@Suite("Field tables and number rules")
struct FieldTableTests {
    @Test("number rules: what they accept, and how they say what is wrong", arguments: [
        (NumberRule.between(1, 5), 5.0, nil),
        (.between(1, 5), 7, "must be between 1 and 5"),
        (.between(1024, Double(1 << 31)), 10, "must be between 1024 and 2147483648"),
        (.positive(max: 1e9), 0, "must be greater than 0"),
        (.positive(max: 1e9), 2e9, "must be at most 1,000,000,000"),
        (.positive(max: 1e15), 2e15, "must be at most 1,000,000,000,000,000"),
        (.nonNegative(max: 1e10, note: "more people than live on Earth"), 1e11, "must be at most 10,000,000,000 (more people than live on Earth)"),
        (.nonNegative(), -1, "must not be negative"),
        (.nonNegative(), 1e300, nil),
        (.whole(0, 9_007_199_254_740_992), 1.5, "must be a whole number between 0 and 9007199254740992"),
        (.whole(1, 10_000), 10_000, nil),
        (ConfigFields.floor, 1, nil),
        (ConfigFields.floor, 0, "must be greater than 0"),
    ] as [(NumberRule, Double, String?)])
    func rules(rule: NumberRule, value: Double, problem: String?) {
        #expect(rule.problem(value) == problem)
        #expect(rule.allows(value) == (problem == nil))
    }

    /// A valid value for each item field.
    static let itemValues: [String: String] = [
        "id": "T-1", "title": "x", "status": "done", "objectives": "{a: 0.5}", "need": "3", "reach": "10", "confidence": "0.5",
        "cost": "2", "depends_on": "[A-1]", "tags": "[a]", "owner": "sam", "funding": "must", "description": "x", "notes": "x", "links": "x",
        "impact": "1", "effort": "2", "business_value": "1", "time_criticality": "1", "risk_reduction": "1", "job_size": "2",
    ]

    @Test("every field in the item table is read by the loader; a key outside it is reported")
    func itemTable() throws {
        #expect(Set(ItemFields.table.names) == Set(Self.itemValues.keys), "a field was added to the table: give it a value here")
        let baseline = BacklogFileLoader().load(Array("id: T-1\n".utf8), path: "t.yaml").items.first
        for name in ItemFields.table.names where name != "id" {
            let text = "id: T-1\n\(name): \(Self.itemValues[name] ?? "")\n"
            let file = BacklogFileLoader().load(Array(text.utf8), path: "t.yaml")
            #expect(file.diagnostics.isEmpty, "\(name): \(file.diagnostics.map(\.text))")
            // The loader reads what the table lists (free text is kept by no one: it is for people).
            var item = try #require(file.items.first)
            if let baseline { item.fieldLocations = baseline.fieldLocations }
            #expect((item != baseline) == !["description", "notes", "links"].contains(name), "\(name) is not read into the item")
        }
        let unknown = BacklogFileLoader().load(Array("id: T-1\nreviewer: sam\n".utf8), path: "t.yaml")
        #expect(unknown.diagnostics.map(\.code) == [.unknownField])
        #expect(ItemFields.table.fields.filter(\.required).map(\.name) == ["id"])
    }

    @Test("every section and key of the config table is read by the loader; a key outside a section is reported")
    func configTable() throws {
        let values: [String: String] = [
            "mission": "m", "backlog": "b", "output": "o", "cost_unit": "weeks", "objectives": "{a: 1}", "equity": "{groups: {g: 2}, default: 1}",
            "scoring": "{model: impact, reach_scale: log, default_confidence: 0.5, dependencies: inherit}", "capacity": "10",
            "plan": "{floors: {objectives: {a: 0.1}}}\ncapacity: 10", "formats": "[json]", "watch": "{settle_ms: 10, max_delay_ms: 20}",
            "limits": "{max_file_bytes: 4096}", "metrics_path": "m.prom", "markdown": "{max_rows: 5}", "report": "{max_rows: 5}",
            "uncertainty": "{draws: 10, seed: 2, top: 3}",
        ]
        #expect(Set(ConfigFields.table.names) == Set(values.keys))
        let baseline = ConfigLoader().load(Array("objectives: {a: 1}\n".utf8), absolutePath: "/srv/team/northstar.yaml", displayPath: "northstar.yaml").config
        for name in ConfigFields.table.names where name != "objectives" {
            let yaml = "objectives: {a: 1}\n\(name): \(values[name] ?? "")\n"
            let result = ConfigLoader().load(Array(yaml.utf8), absolutePath: "/srv/team/northstar.yaml", displayPath: "northstar.yaml")
            #expect(result.config != nil && result.diagnostics.isEmpty, "\(name): \(result.diagnostics.map(\.text))")
            #expect(result.config != baseline, "\(name) is not read into the config")
            // Inside a section, a key of one's own is a warning naming the section.
            guard case .object(let section)? = ConfigFields.table[name]?.shape else { continue }
            #expect(!section.names.isEmpty)
            let odd = "objectives: {a: 1}\n\(name): {zzqx: 1}\n"
            let reported = ConfigLoader().load(Array(odd.utf8), absolutePath: "/srv/team/northstar.yaml", displayPath: "northstar.yaml")
            #expect(reported.diagnostics.map(\.code) == [.unknownField], "\(name): \(reported.diagnostics.map(\.text))")
        }
        let top = ConfigLoader().load(Array("objectives: {a: 1}\nzzqx: 1\n".utf8), absolutePath: "/srv/team/northstar.yaml", displayPath: "northstar.yaml")
        #expect(top.config == nil && top.diagnostics.map(\.code) == [.unknownField], "unknown top-level keys are errors")
    }
}

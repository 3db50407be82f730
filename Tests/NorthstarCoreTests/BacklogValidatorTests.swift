import Testing
@testable import NorthstarCore

@Suite("Checks across the whole backlog")
struct BacklogValidatorTests {
    @Test("a duplicated id names both places and neither is ranked")
    func duplicates() {
        let e = Fixtures.evaluate([("a.yaml", Fixtures.itemYAML(id: "X")), ("sub/b.yaml", Fixtures.itemYAML(id: "X")), ("c.yaml", Fixtures.itemYAML(id: "Y"))])
        #expect(e.ranked.map(\.item.id) == ["Y"])
        #expect(e.diagnostics.map(\.description) == [
            "a.yaml:1:5: error: id 'X' is defined 2 times; also at sub/b.yaml:1:5",
            "sub/b.yaml:1:5: error: id 'X' is defined 2 times; also at a.yaml:1:5",
        ])
    }

    @Test("a dependency cycle is named in full at every member")
    func cycle() {
        let e = Fixtures.evaluate([
            ("a.yaml", Fixtures.itemYAML(id: "A", extra: "depends_on: [B]")),
            ("b.yaml", Fixtures.itemYAML(id: "B", extra: "depends_on: [C, Z]")),
            ("c.yaml", Fixtures.itemYAML(id: "C", extra: "depends_on: [A]")),
            ("z.yaml", Fixtures.itemYAML(id: "Z")),
        ])
        #expect(e.ranked.map(\.item.id) == ["Z"])
        let cycles = e.diagnostics.filter { $0.code == .dependencyCycle }
        #expect(cycles.map(\.message) == Array(repeating: "dependency cycle: A -> B -> C -> A", count: 3))
        #expect(cycles.map(\.location.line) == [7, 7, 7])
    }

    @Test("an item depending on itself is a cycle of one")
    func selfCycle() {
        let e = Fixtures.evaluate([("a.yaml", Fixtures.itemYAML(id: "A", extra: "depends_on: [A]"))])
        #expect(e.diagnostics.map(\.message) == ["dependency cycle: A -> A"])
        #expect(e.ranked.isEmpty)
    }

    @Test("cycle finding handles long chains without recursion")
    func longChain() {
        var edges: [String: [String]] = [:]
        for i in 0..<50_000 { edges["n\(i)"] = ["n\(i + 1)"] }
        edges["n50000"] = ["n0"]
        let cycles = DependencyCycles.find(edges)
        #expect(cycles.count == 1)
        #expect(cycles.first?.count == 50_001)
    }

    @Test("unknown objectives, groups and dependencies are warnings with suggestions")
    func unknownReferences() {
        let e = Fixtures.evaluate([("a.yaml", "id: A\nobjectives: {food: 1, fod: 1}\nneed: 3\nreach: {rurl: 5}\ncost: 1\ndepends_on: [B]\n"),
                                   ("b.yaml", Fixtures.itemYAML(id: "C"))])
        #expect(e.diagnostics.map(\.description) == [
            "a.yaml:2:23: warning: unknown objective 'fod' (did you mean 'food'?); it does not count towards alignment",
            "a.yaml:4:9: warning: unknown beneficiary group 'rurl' (did you mean 'rural'?); it gets the default equity weight 1",
            "a.yaml:6:14: warning: item 'A' depends on unknown item 'B' (did you mean 'C'?)",
        ])
        #expect(e.ranked.count == 2)
    }

    @Test("a dependency on an id a broken file may define is not a knock-on warning", arguments: [
        // The broken file's text holds the id: it may define it, so nothing is said.
        ("items:\n  - id: B\n    title: Fix: login\n", "B", false),
        ("items:\n  - {id: \"B\", title: x}\n  - id: C\n\tneed: 3\n", "B", false),
        // It does not (not as a whole word): the id is unknown whatever the file holds.
        ("items:\n  - id: B-12\n    title: Fix: login\n", "B", true),
        ("items:\n  - id: XB\n    title: Fix: login\n", "B", true),
        ("items:\n  - id: Q\n    title: Fix: login\n", "B", true),
    ])
    func brokenFileHidesItsIDs(broken: String, dependency: String, warned: Bool) {
        let e = Fixtures.evaluate([("a.yaml", Fixtures.itemYAML(id: "A", extra: "depends_on: [\(dependency)]")), ("items.yaml", broken)])
        #expect(e.diagnostics.contains { $0.code == .yamlSyntax && $0.path == "items.yaml" })
        #expect(e.diagnostics.contains { $0.code == .unknownDependency } == warned, "\(e.diagnostics.map(\.description))")
    }

    @Test("a file never read is named in the unknown-dependency warning, which it does not silence; a stale file's ids are its last good ones")
    func unreadFilesAndStaleFiles() {
        let a = Fixtures.parse(Fixtures.itemYAML(id: "A", extra: "depends_on: [B, Z]"), path: "a.yaml")
        let tooLarge = ParsedFile.unreadable(path: "big.yaml", code: .fileTooLarge, message: "too large")
        let warned = Evaluation.evaluate([a, tooLarge], config: Fixtures.config())
        #expect(warned.diagnostics.filter { $0.code == .unknownDependency }.map(\.message) == [
            "item 'A' depends on unknown item 'B' (unless it is in big.yaml, which could not be read)",
            "item 'A' depends on unknown item 'Z' (unless it is in big.yaml, which could not be read)",
        ])
        // The daemon keeps a broken file's last good items: its ids are known, so an id it does
        // not declare is unknown, as before, even when the broken text mentions it.
        var state = BacklogState()
        state.update(a)
        state.update(Fixtures.parse(Fixtures.itemYAML(id: "B"), path: "b.yaml"))
        state.update(Fixtures.parse("id: B\ntitle: Fix: login, then Z\n", path: "b.yaml"))
        let (files, stale) = state.effectiveFiles()
        #expect(stale == ["B"])
        let e = Evaluation.evaluate(files, config: Fixtures.config(), staleIDs: stale)
        #expect(e.diagnostics.filter { $0.code == .unknownDependency }.map(\.message) == ["item 'A' depends on unknown item 'Z' (did you mean 'B'?)"])
    }

    @Test("open items need the model's inputs; done items do not", arguments: [
        (ScoringModelKind.impact, "id: A\nobjectives: {food: 1}\n", ["need", "reach", "cost"]),
        (ScoringModelKind.rice, "id: A\nreach: 1\n", ["impact", "effort"]),
        (ScoringModelKind.wsjf, "id: A\nbusiness_value: 1\n", ["time_criticality", "risk_reduction", "job_size"]),
    ])
    func missing(model: ScoringModelKind, yaml: String, fields: [String]) {
        let e = Fixtures.evaluate([("a.yaml", yaml)], config: Fixtures.config(model: model))
        #expect(e.diagnostics.filter { $0.code == .missingField }.map(\.message) == fields.sorted().map { "item 'A' has no '\($0)', which the \(model.rawValue) model needs" })
        #expect(e.ranked.isEmpty)
        let done = Fixtures.evaluate([("a.yaml", yaml + "status: done\n")], config: Fixtures.config(model: model))
        #expect(done.diagnostics.filter { $0.code == .missingField }.isEmpty)
        #expect(done.closed.map(\.id) == ["A"])
    }
}

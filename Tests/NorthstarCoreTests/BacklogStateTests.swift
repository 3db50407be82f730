import Testing
@testable import NorthstarCore

@Suite("The daemon's in-memory backlog")
struct BacklogStateTests {
    func ids(_ state: BacklogState) -> (ranked: [String], stale: Set<String>) {
        let (files, stale) = state.effectiveFiles()
        return (Evaluation.evaluate(files, config: Fixtures.config(), staleIDs: stale).ranked.map(\.item.id).sorted(), stale)
    }

    @Test("an unreadable file keeps all its last good items, stale; fixing it refreshes them")
    func unreadable() {
        var state = BacklogState()
        state.update(Fixtures.parse("items:\n  - {id: A, objectives: {food: 1}, need: 3, reach: 5, cost: 1}\n  - {id: B, objectives: {food: 1}, need: 3, reach: 5, cost: 1}\n", path: "f.yaml"))
        state.update(Fixtures.parse("items: [\n", path: "f.yaml"))
        #expect(ids(state) == (["A", "B"], ["A", "B"]))
        let diagnostics = state.effectiveFiles().files[0].diagnostics
        #expect(diagnostics.map(\.code) == [.yamlSyntax, .staleItems])
        state.update(Fixtures.parse(Fixtures.itemYAML(id: "A", reach: 9), path: "f.yaml"))
        #expect(ids(state) == (["A"], []))      // B was removed from the fixed file
    }

    @Test("an item with an error keeps its last good version; its valid siblings are fresh")
    func itemError() throws {
        var state = BacklogState()
        state.update(Fixtures.parse("items:\n  - {id: A, objectives: {food: 1}, need: 3, reach: 5, cost: 1}\n  - {id: B, objectives: {food: 1}, need: 3, reach: 5, cost: 1}\n", path: "f.yaml"))
        state.update(Fixtures.parse("items:\n  - {id: A, objectives: {food: 1}, need: 9, reach: 5, cost: 1}\n  - {id: B, objectives: {food: 1}, need: 4, reach: 5, cost: 1}\n", path: "f.yaml"))
        let (files, stale) = state.effectiveFiles()
        #expect(stale == ["A"])
        let e = Evaluation.evaluate(files, config: Fixtures.config(), staleIDs: stale)
        #expect(e.ranked.first { $0.item.id == "A" }?.isStale == true)
        #expect(e.ranked.first { $0.item.id == "B" }?.item.need == .uniform(Estimate(4)))
    }

    @Test("a file with no good version yet contributes nothing but its diagnostics")
    func neverGood() {
        var state = BacklogState()
        state.update(Fixtures.parse("id: [\n", path: "f.yaml"))
        #expect(ids(state) == ([], []))
    }

    @Test("removing files and folders takes their items out")
    func removal() {
        var state = BacklogState()
        state.update(Fixtures.parse(Fixtures.itemYAML(id: "A"), path: "a.yaml"))
        state.update(Fixtures.parse(Fixtures.itemYAML(id: "B"), path: "sub/b.yaml"))
        state.update(Fixtures.parse(Fixtures.itemYAML(id: "C"), path: "sub/deeper/c.yaml"))
        state.update(Fixtures.parse(Fixtures.itemYAML(id: "D"), path: "subway.yaml"))
        state.removeAll(under: "sub")
        #expect(ids(state).ranked == ["A", "D"])
        state.remove("a.yaml")
        #expect(ids(state).ranked == ["D"])
    }
}

@Suite("Settling bursts")
struct SettlePolicyTests {
    let policy = SettlePolicy(WatchSettings(settleMs: 150, maxDelayMs: 2000))
    let ms: UInt64 = 1_000_000

    @Test("quiet for settle_ms after the last change", arguments: [(0, 0, 150), (0, 100, 250), (0, 1900, 2000), (0, 1990, 2000), (500, 600, 750)])
    func deadline(first: UInt64, last: UInt64, expected: UInt64) {
        #expect(policy.deadline(first: first * ms, last: last * ms) == expected * ms)
    }
}

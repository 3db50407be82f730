import Testing
@testable import NorthstarCore

@Suite("What the daemon remembers between passes, in one place")
struct IncrementalRankingTests {
    static func fresh(_ ranking: IncrementalRanking, _ config: Config) -> Evaluation {
        let (files, stale) = ranking.files.effectiveFiles()
        return Evaluation.evaluate(files, config: config, staleIDs: stale)
    }

    @Test("a value edit updates in place, a new id takes the full pass; both equal a fresh evaluation")
    func updateOrFullPass() {
        let config = Fixtures.config()
        var ranking = IncrementalRanking()
        for (path, id, need) in [("a.yaml", "A", 3.0), ("b.yaml", "B", 4.0), ("c.yaml", "C", 2.0)] {
            ranking.files.update(Fixtures.parse(Fixtures.itemYAML(id: id, need: need), path: path))
        }
        let first = ranking.evaluate(config: config, headDiagnostics: [], mayUpdate: true)
        #expect(!first.updatedInPlace, "nothing to update the first time")
        _ = ranking.prepare(first.evaluation)

        ranking.files.update(Fixtures.parse(Fixtures.itemYAML(id: "C", need: 5), path: "c.yaml"))
        let edit = ranking.evaluate(config: config, headDiagnostics: [], mayUpdate: true)
        #expect(edit.updatedInPlace, "only a value changed")
        #expect(edit.evaluation.ranked == Self.fresh(ranking, config).ranked)
        #expect(edit.evaluation.ranked.first?.item.id == "C")

        ranking.files.update(Fixtures.parse(Fixtures.itemYAML(id: "D", need: 1), path: "c.yaml"))
        let renamed = ranking.evaluate(config: config, headDiagnostics: [], mayUpdate: true)
        #expect(!renamed.updatedInPlace, "a different id needs the full pass")
        #expect(renamed.evaluation.ranked == Self.fresh(ranking, config).ranked)

        ranking.files.update(Fixtures.parse(Fixtures.itemYAML(id: "D", need: 2), path: "c.yaml"))
        #expect(!ranking.evaluate(config: config, headDiagnostics: [], mayUpdate: false).updatedInPlace, "a rescan never updates")
    }

    @Test("an update's items are gathered beside its plan: the rows and snapshot equal a fresh pass's, one item rendered",
          arguments: [nil, 6.0])
    func gatheredBesidePlan(capacity: Double?) {
        var config = Fixtures.config()
        config.capacity = capacity
        var ranking = IncrementalRanking()
        for (k, need) in [3.0, 4, 2, 5, 1, 3, 4].enumerated() {
            ranking.files.update(Fixtures.parse(Fixtures.itemYAML(id: "I\(k)", need: need), path: "i\(k).yaml"))
        }
        _ = ranking.prepare(ranking.evaluate(config: config, headDiagnostics: [], mayUpdate: true).evaluation)
        for (k, need) in [(2, 5.0), (4, 2.0), (0, 1.0)] {
            ranking.files.update(Fixtures.parse(Fixtures.itemYAML(id: "I\(k)", need: need), path: "i\(k).yaml"))
            let edit = ranking.evaluate(config: config, headDiagnostics: [], mayUpdate: true)
            #expect(edit.updatedInPlace)
            let prepared = ranking.prepare(edit.evaluation)
            var empty = RankingMemo()
            let plain = empty.prepare(Self.fresh(ranking, config))
            #expect(prepared.rendered == 1, "only the edited item is rendered")
            #expect(prepared.rows == plain.rows)
            #expect(prepared.snapshot == plain.snapshot)
            #expect((edit.evaluation.plan == nil) == (capacity == nil))
        }
    }

    @Test("work gathered for another ranking is not used: prepare gathers again")
    func gatheredForAnother() throws {
        let config = Fixtures.config()
        let files = [("a.yaml", "A", 3.0), ("b.yaml", "B", 4.0)].map { Fixtures.parse(Fixtures.itemYAML(id: $1, need: $2), path: $0) }
        let before = Evaluation.evaluate(files, config: config)
        let after = Evaluation.evaluate(files + [Fixtures.parse(Fixtures.itemYAML(id: "C", need: 5), path: "c.yaml")], config: config)
        var memo = RankingMemo()
        memo.use(config)
        let stale = try #require(memo.gather(before.ranked, config: config, itemChecks: before.itemChecks))
        #expect(memo.gather(after.ranked, config: config, itemChecks: after.itemChecks, renderingAtMost: 2) == nil, "three to render")
        var plain = RankingMemo()
        let expected = plain.prepare(after)
        let prepared = memo.prepare(after, gathered: stale)
        #expect(prepared.rows == expected.rows)
        #expect(prepared.snapshot == expected.snapshot)
        #expect(prepared.rendered == 3)
    }

    @Test("forgetting the files (the backlog folder moved) starts the next pass from scratch")
    func forget() {
        let config = Fixtures.config()
        var ranking = IncrementalRanking()
        ranking.files.update(Fixtures.parse(Fixtures.itemYAML(id: "A"), path: "a.yaml"))
        _ = ranking.evaluate(config: config, headDiagnostics: [], mayUpdate: true)
        ranking.forgetFiles()
        ranking.files.update(Fixtures.parse(Fixtures.itemYAML(id: "B"), path: "b.yaml"))
        let next = ranking.evaluate(config: config, headDiagnostics: [], mayUpdate: true)
        #expect(!next.updatedInPlace)
        #expect(next.evaluation.ranked.map(\.item.id) == ["B"])
    }
}

import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("Each ranked item's links and funding, by place")
struct ContextColumnsTests {
    /// Whether `e`'s columns were worked out for its ranking and give, row by row, what looking
    /// each id up in the links and the plan gives.
    static func agree(_ e: Evaluation) -> Bool {
        guard e.contextColumns.count == e.ranked.count else { return false }
        return e.ranked.indices.allSatisfy { i in
            let id = e.ranked[i].item.id
            let c = e.contextColumns.context(i, id: id, e)
            return c.blockedBy == (e.links.blockedBy[id] ?? []) && c.unblocks == (e.links.unblocks[id] ?? [])
                && c.funded == e.plan.map { $0.isFunded(id) } && e.contextColumns.funded(i, id: id, e) == c.funded
        }
    }

    /// A backlog with a chain, a fork, a `done` dependency and one that is dropped (open, but
    /// not ranked: it has no row).
    static let files: [(String, String)] = [
        ("a.yaml", "items:\n" + [
            ("A", 100.0, 1.0, "depends_on: [B, X]"), ("B", 10, 2, "depends_on: [C]"), ("C", 80, 1, ""),
            ("D", 60, 3, "depends_on: [C, Y]"), ("E", 40, 1, ""), ("F", 5, 4, "depends_on: [E]"),
        ].map { "- " + Fixtures.itemYAML(id: $0.0, reach: $0.1, cost: $0.2, extra: $0.3).replacingOccurrences(of: "\n", with: "\n  ") + "\n" }.joined()),
        ("closed.yaml", "items:\n- id: X\n  status: done\n- id: Y\n  status: dropped\n"),
    ]

    @Test("the columns agree with the links and the plan, with and without a capacity, in either dependency order",
          arguments: [(nil, DependencyOrder.ignore), (4.0, .ignore), (nil, .inherit), (4.0, .inherit)])
    func agreeEverywhere(capacity: Double?, order: DependencyOrder) {
        var config = Fixtures.config()
        config.capacity = capacity
        config.dependencyOrder = order
        let e = Fixtures.evaluate(Self.files, config: config)
        #expect(e.ranked.count == 6)
        #expect(Self.agree(e))
        // Not vacuous: rows with and without each kind of context.
        let rows = e.ranked.indices.map { e.contextColumns.context($0, id: e.ranked[$0].item.id, e) }
        #expect(rows.contains { !$0.blockedBy.isEmpty } && rows.contains { $0.blockedBy.isEmpty })
        #expect(rows.contains { !$0.unblocks.isEmpty } && rows.contains { $0.unblocks.isEmpty })
        #expect(e.links.unblocks["Y"] == ["D"], "the dropped dependency still blocks, but has no row of its own")
        if capacity != nil {
            #expect(rows.contains { $0.funded == true } && rows.contains { $0.funded == false })
        } else {
            #expect(rows.allSatisfy { $0.funded == nil })
        }
    }

    @Test("an evaluation put together without its plan stage looks its context up by id, to the same rows")
    func withoutColumns() {
        var config = Fixtures.config()
        config.capacity = 4
        let worked = Fixtures.evaluate(Self.files, config: config)
        var bare = Evaluation(config: worked.config, ranked: worked.ranked, closed: worked.closed, diagnostics: worked.diagnostics,
                              fileCount: worked.fileCount, itemChecks: worked.itemChecks, unranked: worked.unranked)
        bare.links = worked.links
        bare.plan = worked.plan
        #expect(bare.contextColumns.count == 0 && worked.contextColumns.count == 6)
        let a = bare.ranked.firstIndex { $0.item.id == "A" } ?? -1
        #expect(a >= 0)
        let c = bare.contextColumns.context(a, id: "A", bare)
        #expect(c.blockedBy == ["B"] && c.funded != nil)
        #expect(RankingJSON.render(bare) == RankingJSON.render(worked))
        #expect(RankingCSV.render(bare) == RankingCSV.render(worked))
        #expect(RankingMarkdown.render(bare) == RankingMarkdown.render(worked))
    }

    @Test("the rows' lists in one array behave as an array of lists under any removals, insertions and replacements")
    func rowListsAsArrays() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let list = { (rng: inout SplitMix64) -> [String] in (0..<Int(rng.next() % 4)).map { _ in "I\(rng.next() % 50)" } }
            let count = Int(rng.next() % 12)
            var model = (0..<count).map { _ in rng.next() % 3 == 0 ? list(&rng) : [] }
            var lists = RowLists(count: count, lists: model.indices.filter { !model[$0].isEmpty }.map { ($0, model[$0]) })
            for _ in 0..<Int(rng.next() % 20) {
                switch rng.next() % 3 {
                case 0 where !model.isEmpty:
                    let at = Int(rng.next() % UInt64(model.count))
                    model.remove(at: at); lists.remove(at: at)
                case 1:
                    let at = Int(rng.next() % UInt64(model.count + 1)), l = list(&rng)
                    model.insert(l, at: at); lists.insert(l, at: at)
                case 2 where !model.isEmpty:
                    let at = Int(rng.next() % UInt64(model.count)), l = list(&rng)
                    model[at] = l; lists.replace(at, with: l)
                default:
                    break
                }
            }
            #expect(lists.count == model.count)
            #expect(model.indices.allSatisfy { lists[$0] == model[$0] && lists.withList($0, Array.init) == model[$0] })
        }
    }
}

import Testing
@testable import NorthstarCore

@Suite("The plan's reading of the items")
struct PlanItemsTests {
    /// An item reaching `group`, worth more the more `reach` it has.
    static func item(_ id: String, group: String, reach: Int) -> String {
        "- id: \(id)\n  objectives: {food: 1}\n  need: 3\n  reach: {\"\(group)\": \(reach)}\n  cost: 1\n"
    }

    static let composed = "caf\u{E9}", decomposed = "cafe\u{301}"

    /// The backlog's value by group as a tally adds it, item after item in rank order.
    static func tally(_ ranked: [RankedItem], config: Config) -> Tally {
        var groups = Tally(names: config.equity.groups.keys.sorted()), objectives = Tally(names: config.objectives.map(\.id))
        for r in ranked { PlanItems.split(r.scored, groups: &groups, objectives: &objectives) }
        return groups
    }

    @Test("a name spelled two ways (equal as text, not as bytes) is summed under the spelling met first in rank order, however the rows came about",
          arguments: [(composed, decomposed), (decomposed, composed)])
    func spellings(first: String, second: String) throws {
        var config = Fixtures.config()
        config.capacity = 10
        // `late` comes into the ranking above `early`, after the rows were read without it.
        let early = Self.item("E", group: first, reach: 10), late = Self.item("L", group: second, reach: 1000)
        let before = Fixtures.evaluate([("a.yaml", "items:\n" + early)], config: config)
        let after = Fixtures.evaluate([("a.yaml", "items:\n" + early + late)], config: config)
        #expect(after.ranked.map(\.item.id) == ["L", "E"])
        let arriving = try #require(after.ranked.first)
        let moved = try #require(PlanItems(before.ranked, config: config)
            .moving(from: 1, leaving: [], arriving: [(at: 0, scored: arriving.scored)]))
        let read = PlanItems(after.ranked, config: config)
        let expected = Self.tally(after.ranked, config: config)
        for rows in [moved, read] {
            // Byte for byte: the spelling of the item ranked first.
            #expect(rows.backlogGroups.names.map { Array($0.utf8) } == expected.names.map { Array($0.utf8) })
            #expect(rows.backlogGroups.names.contains { Array($0.utf8) == Array(second.utf8) })
            #expect(rows.backlogGroups.sums == expected.sums)
        }
    }

    @Test("ASCII names and names that only look alike are told apart")
    func asciiAndLookalikes() {
        var config = Fixtures.config()
        config.capacity = 10
        let files = "items:\n" + Self.item("A", group: "rural", reach: 300) + Self.item("B", group: "Rural", reach: 200)
            + Self.item("C", group: Self.composed, reach: 100) + Self.item("D", group: "rural", reach: 50)
        let e = Fixtures.evaluate([("a.yaml", files)], config: config)
        let rows = PlanItems(e.ranked, config: config)
        let expected = Self.tally(e.ranked, config: config)
        #expect(rows.backlogGroups.names == expected.names)
        #expect(rows.backlogGroups.sums == expected.sums)
        #expect(rows.backlogGroups.names.contains("Rural") && rows.backlogGroups.names.contains(Self.composed))
    }

    @Test("dependencies read once by slot give the plan the same problem after rows move, and are dropped when the links may have changed")
    func linkedEdgesMove() throws {
        var config = Fixtures.config()
        config.capacity = 4
        // C depends on A and on D (dropped: not ranked), B on A; A moves to the top.
        let text = { (aReach: Int) in
            "items:\n" + [("A", aReach, ""), ("B", 200, "depends_on: [A]"), ("C", 150, "depends_on: [A, D]"), ("E", 120, "")]
                .map { "- id: \($0.0)\n  objectives: {food: 1}\n  need: 3\n  reach: \($0.1)\n  cost: 1\n  \($0.2)\n" }.joined()
                + "- id: D\n  status: dropped\n"
        }
        let before = Fixtures.evaluate([("a.yaml", text(100))], config: config)
        let after = Fixtures.evaluate([("a.yaml", text(900))], config: config)
        #expect(before.ranked.map(\.item.id) != after.ranked.map(\.item.id), "A moved")
        let from = try #require(before.ranked.firstIndex { $0.item.id == "A" }), to = try #require(after.ranked.firstIndex { $0.item.id == "A" })
        var linked = PlanItems(before.ranked, config: config)
        linked.link(before.links)
        #expect(linked.edges?.missing == ["D"])
        let moved = try #require(linked.moving(from: before.ranked.count, leaving: [(from, "A")], arriving: [(to, after.ranked[to].scored)],
                                               keepingLinks: true))
        #expect(moved.edges != nil, "every item that left came back to its slot")
        let dropped = try #require(linked.moving(from: before.ranked.count, leaving: [(from, "A")], arriving: [(to, after.ranked[to].scored)]))
        #expect(dropped.edges == nil)
        let fresh = PlanSetup(after.ranked, items: PlanItems(after.ranked, config: config), links: after.links, config: config, capacity: 4)
        let kept = PlanSetup(after.ranked, items: moved, links: after.links, config: config, capacity: 4)
        #expect(kept.candidates == fresh.candidates)
        #expect(kept.excluded == fresh.excluded)
        #expect(fresh.excluded["C"]?.contains("D") == true)
        #expect(fresh.candidates.contains { !$0.dependsOn.isEmpty })
    }
}

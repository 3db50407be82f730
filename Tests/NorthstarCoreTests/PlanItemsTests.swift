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
}

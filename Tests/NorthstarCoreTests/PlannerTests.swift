import NorthstarCore
import Testing

@Suite("The plan and the dependencies in a ranking")
struct PlannerTests {
    /// The fixture config with a capacity and optional floors.
    static func config(capacity: Double?, floors: [PlanFloor] = []) -> Config {
        var c = Fixtures.config()
        c.capacity = capacity
        c.floors = floors
        return c
    }

    /// An item worth need × reach (food 1, confidence 1) for `cost`.
    static func item(_ id: String, reach: Double, cost: Double, extra: String = "") -> (String, String) {
        ("\(id).yaml", Fixtures.itemYAML(id: id, need: 1, reach: reach, cost: cost, extra: extra))
    }

    @Test("blocked by and unblocks: open dependencies only; a done one blocks nothing")
    func links() {
        let e = Fixtures.evaluate([
            Self.item("A", reach: 100, cost: 1, extra: "depends_on: [B, C]"),
            Self.item("B", reach: 10, cost: 1),
            ("c.yaml", "id: C\nstatus: done\n"),
        ])
        #expect(e.links.blockedBy == ["A": ["B"]])
        #expect(e.links.unblocks == ["B": ["A"]])
        #expect(e.plan == nil)
    }

    @Test("inherit: a blocker comes right before the best item it unblocks, its score unchanged")
    func inherit() {
        var c = Fixtures.config()
        c.dependencyOrder = .inherit
        let files = [Self.item("A", reach: 100, cost: 1, extra: "depends_on: [C]"), Self.item("B", reach: 50, cost: 1), Self.item("C", reach: 10, cost: 1)]
        #expect(Fixtures.evaluate(files).ranked.map(\.item.id) == ["A", "B", "C"])
        let e = Fixtures.evaluate(files, config: c)
        #expect(e.ranked.map(\.item.id) == ["C", "A", "B"])
        #expect(e.ranked.map(\.rank) == [1, 2, 3])
        #expect(e.ranked[0].scored.score < e.ranked[2].scored.score)
    }

    @Test("the plan funds the best set within the capacity, with dependencies, and beats the greedy list")
    func plan() throws {
        // By score: A (50/1) first, then B (90/3) and C (80/4) that do not fit together with A.
        let e = Fixtures.evaluate([
            Self.item("A", reach: 50, cost: 1),
            Self.item("B", reach: 90, cost: 3),
            Self.item("C", reach: 80, cost: 4, extra: "depends_on: [D]"),
            Self.item("D", reach: 0.5, cost: 1),
        ], config: Self.config(capacity: 4))
        let plan = try #require(e.plan)
        #expect(plan.funded == ["A", "B"] && plan.method == .optimal)
        #expect(plan.greedy.count == 2)
        let wider = try #require(Fixtures.evaluate([
            Self.item("A", reach: 50, cost: 1), Self.item("B", reach: 90, cost: 3),
            Self.item("C", reach: 300, cost: 4, extra: "depends_on: [D]"), Self.item("D", reach: 0.5, cost: 1),
        ], config: Self.config(capacity: 5)).plan)
        // C is worth most but needs D: the plan funds both, funding down the list cannot.
        #expect(wider.funded.sorted() == ["C", "D"])
        #expect(wider.totals.value > wider.greedy.value)
        #expect(wider.frontier.count == 21 && wider.frontier[10].best == wider.totals.value)
        // More budget never buys less, the best is never below the greedy, and each is proven.
        for (a, b) in zip(wider.frontier, wider.frontier.dropFirst()) { #expect(b.best >= a.best) }
        #expect(wider.frontier.allSatisfy { $0.best >= $0.greedy && $0.bound == $0.best })
        // Worked by hand: A 37.5 (cost 1), B 67.5 (3), C 225 (4, needs D), D 0.375 (1); budgets 0, 0.5 ... 10.
        #expect(wider.frontier.map(\.best) == [0, 0, 37.5, 37.5, 37.875, 37.875, 67.5, 67.5, 105, 105, 225.375, 225.375, 262.875, 262.875, 262.875, 262.875, 292.875, 292.875, 330.375, 330.375, 330.375])
    }

    @Test("pins: in progress funded first, must funded or a located error, never excluded with what depends on it")
    func pins() throws {
        let e = Fixtures.evaluate([
            Self.item("A", reach: 100, cost: 2),
            Self.item("P", reach: 1, cost: 1, extra: "status: in-progress"),
            Self.item("M", reach: 2, cost: 1, extra: "funding: must"),
            Self.item("X", reach: 3, cost: 9, extra: "funding: must"),
            Self.item("N", reach: 90, cost: 1, extra: "funding: never"),
            Self.item("Q", reach: 80, cost: 1, extra: "depends_on: [N]"),
        ], config: Self.config(capacity: 4))
        let plan = try #require(e.plan)
        #expect(Set(plan.funded) == ["A", "P", "M"])
        #expect(plan.excluded["N"] == "'funding: never'")
        #expect(plan.excluded["Q"] == "it depends on N, which cannot be funded")
        let errors = e.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.description.hasPrefix("X.yaml:7:10: error: X is 'funding: must' but does not fit the capacity: it needs 9 person-weeks, and 2 of 4 person-weeks are left") == true, "\(errors)")
    }

    @Test("a floor moves funding to a group; one no plan can meet is said, located, and left out")
    func floors() throws {
        let files = [
            Self.item("A", reach: 100, cost: 1),
            ("r.yaml", "id: R\nobjectives: {food: 1}\nneed: 1\nreach: {rural: 30}\nconfidence: 1\ncost: 1\n"),
        ]
        let floor = PlanFloor(kind: .groups, name: "rural", share: 0.3, location: SourceLocation(line: 3, column: 5))
        let met = try #require(Fixtures.evaluate(files, config: Self.config(capacity: 1, floors: [floor])).plan)
        #expect(met.funded == ["R"] && met.floors.first?.met == true && met.floorCost > 0)
        let impossible = PlanFloor(kind: .groups, name: "disabled", share: 0.1, location: SourceLocation(line: 4, column: 5))
        let e = Fixtures.evaluate(files, config: Self.config(capacity: 1, floors: [impossible]))
        let plan = try #require(e.plan)
        #expect(plan.funded == ["A"] && plan.floors.first?.met == false)
        #expect(e.diagnostics.map(\.description).contains { $0.contains("4:5: warning: floor groups.disabled (10% of the funded value) cannot be met") })
    }

    @Test("floors met alone but not together are both left out, and said so")
    func conflictingFloors() throws {
        let files = [
            ("r.yaml", "id: R\nobjectives: {food: 1}\nneed: 1\nreach: {rural: 30}\nconfidence: 1\ncost: 1\n"),
            ("d.yaml", "id: D\nobjectives: {digital: 1}\nneed: 1\nreach: {low-income: 30}\nconfidence: 1\ncost: 1\n"),
        ]
        let rural = PlanFloor(kind: .groups, name: "rural", share: 0.6, location: SourceLocation(line: 3, column: 5))
        let digital = PlanFloor(kind: .objectives, name: "digital", share: 0.6, location: SourceLocation(line: 4, column: 5))
        let e = Fixtures.evaluate(files, config: Self.config(capacity: 1, floors: [rural, digital]))
        let plan = try #require(e.plan)
        #expect(plan.totals.count == 1 && plan.floors.map(\.met) == [false, false])
        let warnings = e.diagnostics.filter { $0.code == .plan }.map(\.message)
        #expect(warnings.count == 2 && warnings.allSatisfy { $0.contains("cannot be met within the capacity together with the others: only a plan that funds nothing meets it") }, "\(warnings)")
    }

    @Test("next: startable items, funded first, each with its reason")
    func next() {
        let e = Fixtures.evaluate([
            Self.item("A", reach: 100, cost: 3, extra: "depends_on: [B]"),
            Self.item("B", reach: 1, cost: 1),
            Self.item("C", reach: 50, cost: 1),
        ], config: Self.config(capacity: 4))
        let list = NextItems.list(e, count: 5)
        #expect(list.map(\.ranked.item.id) == ["B", "C"])
        #expect(list.first?.reason == "funded (2nd of 2); unblocks A (rank 2)")
        #expect(list.last?.reason == "not funded by the plan")
    }

    @Test("the change log says what the plan now funds and what it dropped")
    func changeLog() {
        let before = Fixtures.evaluate([Self.item("A", reach: 50, cost: 2), Self.item("B", reach: 40, cost: 2)], config: Self.config(capacity: 2))
        let after = Fixtures.evaluate([Self.item("A", reach: 50, cost: 2), Self.item("B", reach: 60, cost: 2)], config: Self.config(capacity: 2))
        let change = RankingDiff.diff(from: RankingSnapshot(before), to: RankingSnapshot(after),
                                      trigger: ChangeTrigger(kind: .files, files: ["B.yaml"]), time: "2026-12-01T00:00:00Z")
        #expect(change.funded.map(\.id) == ["B"] && change.unfunded.map(\.id) == ["A"])
        let text = ChangeLogMarkdown.entry(change, config: Self.config(capacity: 2))
        #expect(text.contains("- **B** is now funded (A no longer fits).\n"))
        #expect(text.contains("- **A** is no longer funded (B is funded instead).\n"))
        #expect(ChangeLogJSON.line(change).contains("\"funded\":[\"B\"],\"unfunded\":[\"A\"]"))
    }
}

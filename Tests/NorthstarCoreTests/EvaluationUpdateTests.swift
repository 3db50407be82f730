import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("Updating the previous evaluation after a small edit")
struct EvaluationUpdateTests {
    /// One item of a random backlog, as the generator varies it.
    struct ItemSpec {
        var id: String
        var status = "open"
        var cost = 1
        var need = 3
        var reach = 100
        var food = 1.0
        var title = "t"
        var dependsOn: [String] = []
        var extra = ""
        /// A second group (some not named in the config: they weigh the default).
        var group = "low-income"

        var yaml: String {
            var text = "- id: \(id)\n  title: \(title)\n  status: \(status)\n  objectives: {food: \(food)}\n  need: \(need)\n  reach: {rural: \(reach), \(group): \(reach / 2 + 10)}\n  cost: \(cost)\n"
            if !dependsOn.isEmpty { text += "  depends_on: [\(dependsOn.joined(separator: ", "))]\n" }
            if !extra.isEmpty { text += "  \(extra)\n" }
            return text
        }
    }

    static func fileText(_ items: [ItemSpec]) -> String { "items:\n" + items.map(\.yaml).joined() }

    /// The second groups an edit picks from: named in the config or not, and one name in two
    /// spellings that are equal as text but not as bytes (composed and decomposed), which the
    /// plan's sums must treat as a tally does.
    static let groups = ["low-income", "general", "refugees", "islanders", "caf\u{E9}", "cafe\u{301}"]

    /// Changes one item the way people mostly do (an estimate, a title, a status), and now and
    /// then in a way only a full pass can settle (an id, a dependency, an error, a warning).
    static func edit(_ item: inout ItemSpec, ids: [String], rng: inout SplitMix64) {
        switch rng.next() % 14 {
        case 0, 1, 2: item.cost = 1 + Int(rng.next() % 5)
        case 3, 4: item.need = 1 + Int(rng.next() % 5)
        case 5: item.reach = Int(rng.next() % 4) * 50
        case 6: item.title = "title \(rng.next() % 100)"
        case 7: item.status = ["open", "in-progress", "done", "dropped"][Int(rng.next() % 4)]
        case 8: item.food = Double(rng.next() % 5) / 4; item.group = Self.groups[Int(rng.next() % UInt64(Self.groups.count))]
        case 9: item.id = ids[Int(rng.next() % UInt64(ids.count))]
        case 10: item.dependsOn = rng.next() % 2 == 0 ? [] : [ids[Int(rng.next() % UInt64(ids.count))]]
        case 11: item.need = 9
        case 12: item.extra = ["", "colour: red", "objectives_note: x", "funding: must", "funding: never"][Int(rng.next() % 5)]
        default: item.food = 0
        }
    }

    @Test("an updated evaluation equals a full pass over the same files, edit after edit")
    func updateEqualsFullPass() async {
        var applied = 0, fellBack = 0, withPlanDiagnostics = 0, rowsMoved = 0, withStale = 0
        await propertyCheck(count: 150, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let ids = (0..<24).map { "I\($0)" }
            var files: [String: [ItemSpec]] = [:]
            for (n, id) in ids.enumerated() {
                var item = ItemSpec(id: id, cost: 1 + n % 4, need: 1 + n % 5, reach: 50 * (n % 4))
                if n % 5 == 1 { item.dependsOn = [ids[(n + 3) % ids.count]] }
                // Several items waiting on the same one: what it unblocks is a list in rank order.
                else if n % 3 == 1, n > 6 { item.dependsOn = [ids[n % 6]] }
                if n % 7 == 3 { item.status = "done" }
                if n % 6 == 2 { item.status = "in-progress" }
                files["f\(n % 8).yaml", default: []].append(item)
            }
            // Half the backlogs have a budget small enough that some in-progress and must items
            // do not fit: the plan's own diagnostics come and go with the edits.
            var config = Fixtures.config()
            if rng.next() % 2 == 0 { config.capacity = Double(2 + rng.next() % 10) }
            // Some with floors, whose parts every moved row carries.
            let floors = [PlanFloor(kind: .groups, name: "low-income", share: 0.2, location: SourceLocation(line: 1, column: 1)),
                          PlanFloor(kind: .objectives, name: "digital", share: 0.1, location: SourceLocation(line: 2, column: 1))]
            if rng.next() % 3 == 0 { config.floors = floors }
            var state = BacklogState()
            for (path, items) in files { state.update(Fixtures.parse(Self.fileText(items), path: path)) }
            var memo = RankingMemo()
            func full() -> Evaluation {
                let (parsed, stale) = state.effectiveFiles()
                // As the daemon does: keeping what the plan read, for the next update to move.
                return Evaluation.evaluate(parsed, config: config, configDiagnostics: [], staleIDs: stale, memo: memo, phase: { _ in },
                                           map: { n, f in (0..<n).map(f) }, pair: .serial, keepsPlanItems: true)
            }
            var last = full()
            _ = memo.prepare(last)
            state.clearChanges()
            for _ in 0..<8 {
                // Now and then the floors come or go with the edit (a reload that keeps the
                // ranking policy): rows read under the old config must not be moved.
                if config.capacity != nil, rng.next() % 8 == 0 { config.floors = config.floors.isEmpty ? floors : [] }
                // One or two files change (now and then one goes away and comes back).
                for _ in 0..<(1 + Int(rng.next() % 2)) {
                    let path = "f\(rng.next() % 8).yaml"
                    guard var items = files[path], !items.isEmpty else { continue }
                    let k = Int(rng.next() % UInt64(items.count))
                    Self.edit(&items[k], ids: ids, rng: &rng)
                    files[path] = items
                    if rng.next() % 12 == 0 { state.remove(path) }
                    state.update(Fixtures.parse(Self.fileText(items), path: path))
                }
                let (parsed, stale) = state.effectiveFiles()
                // The stale ids kept aside are every file's own.
                #expect(stale == Set(state.entries.values.flatMap(\.staleIDs)))
                if !stale.isEmpty { withStale += 1 }
                let expected = full()
                let hadRows = last.planItems != nil
                if let updated = EvaluationUpdate.apply(state.changes(), to: last, config: config, configDiagnostics: [],
                                                        staleIDs: stale, fileCount: parsed.count, memo: memo) {
                    applied += 1
                    #expect(updated.ranked == expected.ranked)
                    #expect(updated.closed == expected.closed)
                    #expect(updated.diagnostics == expected.diagnostics)
                    #expect(updated.itemChecks == expected.itemChecks)
                    #expect(updated.unranked == expected.unranked)
                    #expect(updated.fileCount == expected.fileCount)
                    #expect(updated.links == expected.links)
                    #expect(updated.plan == expected.plan)
                    #expect(ContextColumnsTests.agree(updated))
                    if !updated.planDiagnostics.isEmpty { withPlanDiagnostics += 1 }
                    // The plan's rows were moved rather than read again, and stay equal to a reading.
                    if hadRows, let rows = updated.planItems {
                        rowsMoved += 1
                        let read = PlanItems(expected.ranked, config: config)
                        #expect(rows.candidates == read.candidates && rows.excluded == read.excluded)
                        #expect(rows.placedCount == expected.ranked.count && expected.ranked.indices.allSatisfy { rows.place(of: expected.ranked[$0].item.id) == $0 })
                        #expect(rows.inProgress == read.inProgress && rows.must == read.must)
                        // Names byte for byte: which spelling a sum is published under matters.
                        func bytes(_ t: Tally) -> [[UInt8]] { t.names.map { Array($0.utf8) } }
                        #expect(rows.backlogValue == read.backlogValue && bytes(rows.backlogGroups) == bytes(read.backlogGroups)
                                && rows.backlogGroups.sums == read.backlogGroups.sums && rows.backlogObjectives.sums == read.backlogObjectives.sums)
                        // The sums by name, as a tally adds them item after item in rank order.
                        var groups = Tally(names: config.equity.groups.keys.sorted()), objectives = Tally(names: config.objectives.map(\.id))
                        for r in expected.ranked { PlanItems.split(r.scored, groups: &groups, objectives: &objectives) }
                        #expect(bytes(rows.backlogGroups) == bytes(groups) && rows.backlogGroups.sums == groups.sums
                                && bytes(rows.backlogObjectives) == bytes(objectives) && rows.backlogObjectives.sums == objectives.sums)
                    }
                    last = updated
                } else {
                    fellBack += 1
                    last = expected
                }
                _ = memo.prepare(last)
                state.clearChanges()
            }
        }
        // Both ways were exercised: most edits are updates, some need the full pass.
        #expect(applied > 300)
        #expect(fellBack > 50)
        #expect(withPlanDiagnostics > 30, "\(withPlanDiagnostics)")
        #expect(rowsMoved > 150, "\(rowsMoved)")
        #expect(withStale > 20, "\(withStale)")
    }

    @Test("a value edit is an update; a new id, a dependency or a deleted file is not")
    func whatQualifies() throws {
        let config = Fixtures.config()
        var state = BacklogState()
        state.update(Fixtures.parse(Self.fileText([ItemSpec(id: "A"), ItemSpec(id: "B", cost: 2)]), path: "a.yaml"))
        state.update(Fixtures.parse(Self.fileText([ItemSpec(id: "C", dependsOn: ["A"])]), path: "c.yaml"))
        var memo = RankingMemo()
        let first = Evaluation.evaluate(state.effectiveFiles().files, config: config, memo: memo)
        _ = memo.prepare(first)
        state.clearChanges()
        func attempt(_ change: (inout BacklogState) -> Void) -> Evaluation? {
            var s = state
            change(&s)
            return EvaluationUpdate.apply(s.changes(), to: first, config: config, configDiagnostics: [], staleIDs: [],
                                          fileCount: s.fileCount, memo: memo)
        }
        let updated = try #require(attempt { $0.update(Fixtures.parse(Self.fileText([ItemSpec(id: "A", cost: 5), ItemSpec(id: "B", cost: 2)]), path: "a.yaml")) })
        #expect(updated.ranked.map(\.item.id) == ["C", "B", "A"])
        var edited = state
        edited.update(Fixtures.parse(Self.fileText([ItemSpec(id: "A", cost: 5), ItemSpec(id: "B", cost: 2)]), path: "a.yaml"))
        #expect(updated.ranked == Evaluation.evaluate(edited.effectiveFiles().files, config: config).ranked)
        #expect(attempt { $0.update(Fixtures.parse(Self.fileText([ItemSpec(id: "A"), ItemSpec(id: "D", cost: 2)]), path: "a.yaml")) } == nil)
        #expect(attempt { $0.update(Fixtures.parse(Self.fileText([ItemSpec(id: "C")]), path: "c.yaml")) } == nil)
        #expect(attempt { $0.remove("c.yaml") } == nil)
        #expect(attempt { $0.update(Fixtures.parse(Self.fileText([ItemSpec(id: "E")]), path: "e.yaml")) } == nil)
        #expect(attempt { $0.update(Fixtures.parse("items: [", path: "a.yaml")) } == nil)
        #expect(attempt { _ in } == nil)
    }
}

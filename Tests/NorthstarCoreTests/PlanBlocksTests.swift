@testable import NorthstarCore
import NorthstarProbe
import Testing

@Suite("Value-for-money blocks and the frontier built from them")
struct PlanBlocksTests {
    /// A random forest problem without floors: each candidate needs at most one earlier one.
    static func forestProblem(_ rng: inout SplitMix64) -> PlanProblem {
        var p = PlanSolverTests.randomProblem(&rng)
        p.floors = []
        for i in p.candidates.indices {
            p.candidates[i].floorParts = []
            p.candidates[i].dependsOn = Array(p.candidates[i].dependsOn.prefix(1))
        }
        return p
    }

    @Test("under any pins, the blocks' bound is never below the best plan and their plan keeps every rule")
    func boundAndPlanHold() throws {
        var rng = SplitMix64(seed: 20261202)
        var exact = 0, checked = 0
        for case_ in 0..<1200 {
            var p = Self.forestProblem(&rng)
            let c = p.candidates
            // What can be funded at all: not unfunded, nor needing what cannot be.
            var fundable = c.map { $0.pin != .unfunded }
            for i in c.indices where c[i].dependsOn.contains(where: { !fundable[$0] }) { fundable[i] = false }
            for i in c.indices where !fundable[i] { p.candidates[i].pin = .unfunded }
            // The pins with what they need (closed upwards); a pin needing the unfundable has no plan.
            var pinned = [Bool](repeating: false, count: c.count)
            for i in c.indices.reversed() where c[i].pin == .funded || pinned[i] {
                pinned[i] = true
                for d in c[i].dependsOn { pinned[d] = true }
            }
            guard !c.indices.contains(where: { pinned[$0] && !fundable[$0] }) else { continue }
            for i in c.indices where pinned[i] { p.candidates[i].pin = .funded }
            guard let best = PlanSolverTests.bruteForce(p) else { continue }
            checked += 1
            let forest = try #require(PlanForest(count: c.count, isFree: { fundable[$0] }) { i in
                c[i].dependsOn.first.flatMap { fundable[$0] ? $0 : nil }
            })
            let blocks = PlanBlocks(forest: forest, value: { c[$0].value }, cost: { c[$0].cost })
            let positions = c.indices.filter { pinned[$0] }.map { forest.position[$0] }
            let pinnedValue = c.indices.filter { pinned[$0] }.reduce(0.0) { $0 + c[$1].value }
            let pinnedCost = c.indices.filter { pinned[$0] }.reduce(0.0) { $0 + c[$1].cost }
            let order = blocks.order(pinned: positions)
            // Every fundable candidate not pinned is in exactly one block of the order.
            var seen = [Int](repeating: 0, count: c.count)
            let plan = blocks.plan(order, room: p.capacity - pinnedCost, pinned: positions)
            for i in plan.items { seen[i] += 1 }
            #expect(seen.allSatisfy { $0 <= 1 }, "case \(case_): a candidate funded twice")
            var funded = pinned
            for i in plan.items { funded[i] = true }
            #expect(p.admits(funded), "case \(case_): the blocks' plan breaks a rule")
            let value = pinnedValue + plan.value
            let bound = pinnedValue + blocks.bound(order, room: p.capacity - pinnedCost)
            #expect(value <= best + 1e-9 * max(1, best), "case \(case_): \(value) above the best \(best)")
            #expect(bound >= best - 1e-9 * max(1, best), "case \(case_): bound \(bound) below the best \(best)")
            if abs(value - best) <= 1e-9 * max(1, best) { exact += 1 }
        }
        #expect(checked > 700)
        // A heuristic, but a good one: most small cases are solved outright.
        #expect(exact > checked / 2, "\(exact) of \(checked)")
    }

    @Test("a search bounded by blocks shared with the frontier still finds the best plan, and its bound holds when stopped")
    func sharedBlocks() {
        var rng = SplitMix64(seed: 11)
        var shared = 0
        for case_ in 0..<800 {
            let p = PlanSolverTests.randomProblem(&rng)
            guard let blocks = PlanBlocks.fundable(p.candidates) else { continue }
            shared += 1
            let best = PlanSolverTests.bruteForce(p)
            let s = PlanSolver.solve(p, sharing: blocks)
            let stopped = PlanSolver.solve(p, workLimit: 0, sharing: blocks)
            guard let best else {
                #expect(!s.isFeasible, "case \(case_)")
                continue
            }
            #expect(s.isFeasible && abs(s.value - best) <= 1e-9 * max(1, best) && p.admits(s.funded), "case \(case_): \(s.value) vs \(best)")
            #expect(stopped.bound >= best - 1e-9 * max(1, best), "case \(case_): bound \(stopped.bound) below \(best)")
            if stopped.isFeasible { #expect(p.admits(stopped.funded)) }
        }
        #expect(shared > 300, "\(shared)")
    }

    @Test("a dependency that pays only through what it unblocks joins it in one block, worked by hand")
    func merging() throws {
        // A (1 for 10) unblocks B (100 for 1); C (50 for 5) stands alone. Capacity 6.
        let value = [1.0, 100, 50], cost = [10.0, 1, 5]
        let forest = try #require(PlanForest(count: 3, isFree: { _ in true }) { $0 == 1 ? 0 : nil })
        let blocks = PlanBlocks(forest: forest, value: { value[$0] }, cost: { cost[$0] })
        // {A, B} is worth 101 for 11 (9.18 a unit), below C's 10: C first, then 1/11 of {A, B}.
        #expect(blocks.whole.map { forest.items[$0] } == [2, 0])
        #expect(abs(blocks.bound(blocks.whole, room: 6) - (50 + 101.0 / 11)) < 1e-12)
        #expect(blocks.plan(blocks.whole, room: 6, pinned: []).items == [2])
        // With A pinned, B stands alone and comes first.
        let pinnedA = blocks.order(pinned: [forest.position[0]])
        #expect(pinnedA.map { forest.items[$0] } == [1, 2])
        #expect(blocks.plan(pinnedA, room: 6, pinned: [forest.position[0]]).items == [1, 2])
    }

    @Test("the frontier from blocks brackets the searched frontier at every budget")
    func frontierFromBlocks() throws {
        var rng = SplitMix64(seed: 7)
        for case_ in 0..<40 {
            var files: [(String, String)] = []
            let n = 6 + rng.below(30)
            for i in 0..<n {
                var extra = i > 0 && rng.below(3) == 0 ? "depends_on: [I\(rng.below(i))]\n" : ""
                if rng.below(8) == 0 { extra += "status: in-progress\n" }
                files.append(PlannerTests.item("I\(i)", reach: Double(1 + rng.below(500)), cost: Double(1 + rng.below(70)) / 7, extra: extra))
            }
            let e = Fixtures.evaluate(files, config: PlannerTests.config(capacity: Double(5 + rng.below(40))))
            let capacity = try #require(e.config.capacity)
            let setup = PlanSetup(e.ranked, links: e.links, config: e.config, capacity: capacity)
            let searched = Planner.frontier(setup, kept: [], blocks: nil)
            let blocked = Planner.frontier(setup, kept: [], blocks: nil, searchLimit: 0)
            #expect(searched.count == 21 && blocked.count == 21)
            for (s, b) in zip(searched, blocked) {
                let tolerance = 1e-9 * max(1, s.bound)
                #expect(s.budget == b.budget && s.greedy == b.greedy)
                #expect(b.best <= s.bound + tolerance && b.bound >= s.best - tolerance, "case \(case_) at \(s.budget)")
                #expect(b.best <= b.bound + tolerance)
            }
        }
    }
}

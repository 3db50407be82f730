import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

/// The draws' fast planner against the general one: the same backlog, the same draws of its
/// values and costs, the same funded items and the same "proven best".
@Suite("The Monte Carlo draws' planner")
struct DrawPlannerTests {
    /// A backlog of `count` open items with in-progress and `funding: must` pins, `funding:
    /// never`, and dependencies on earlier items: one each when `forest`, else sometimes two.
    /// Small whole numbers make ratios tie; `fine` numbers leave the plans a gap to their bound
    /// that a draw's short search cannot close, so its first plans are what it funds.
    static func backlog(count: Int, seed: Int, forest: Bool, fine: Bool = false) -> [(String, String)] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { k in
            var extra = ""
            switch rng.next() % 20 {
            case 0: extra += "status: in-progress\n"
            case 1: extra += "funding: must\n"
            case 2: extra += "funding: never\n"
            default: break
            }
            if k > 0, rng.next() % 3 == 0 {
                let a = Int(rng.next() % UInt64(k)), b = Int(rng.next() % UInt64(k))
                extra += !forest && rng.next() % 4 == 0 && a != b ? "depends_on: [I-\(a), I-\(b)]\n" : "depends_on: [I-\(a)]\n"
            }
            let reach = fine ? Double(100 + rng.next() % 90_000) / 100 : Double(10 * (1 + rng.next() % 6))
            let cost = fine ? Double(100 + rng.next() % 1_900) / 100 : Double(1 + rng.next() % 6)
            let text = Fixtures.itemYAML(id: "I-\(k)", need: Double(1 + rng.next() % 5), reach: reach, cost: cost, extra: extra)
            return ("i\(k).yaml", text)
        }
    }

    /// Values and costs of one draw: the `changing` candidates moved (to a tie, to zero
    /// cost, up or down), the others as ranked.
    static func draw(_ setup: PlanSetup, changing: [Int], rng: inout SplitMix64) -> (values: [Double], costs: [Double]) {
        var values = setup.candidates.map(\.value), costs = setup.candidates.map(\.cost)
        for i in changing {
            // Now and then worth nothing, which at no cost is where the plan's two ratios differ.
            values[i] = rng.next() % 13 == 0 ? 0 : values[i] * Double(1 + rng.next() % 4) / 2
            costs[i] = max(0, costs[i] + Double(rng.next() % 5) - 2)
        }
        return (values, costs)
    }

    /// Checks `draws` draws of a backlog under `capacity`, a random half of it changing; returns
    /// how many draws' plans were proven the best.
    @discardableResult
    static func check(_ files: [(String, String)], capacity: Double, draws: Int, seed: Int) throws -> Int {
        var config = Fixtures.config()
        config.capacity = capacity
        let e = Fixtures.evaluate(files, config: config)
        let setup = try #require(Planner.drawSetup(e))
        var rng = SplitMix64(seed: seed)
        let changing = setup.candidates.indices.filter { _ in rng.next() % 2 == 0 }
        let planner = DrawPlanner(setup, changing: changing)
        var proven = 0
        for _ in 0..<draws {
            let (values, costs) = Self.draw(setup, changing: changing, rng: &rng)
            let fast = planner.funded(values: values, costs: costs)
            let general = Planner.funded(setup, values: values, costs: costs)
            #expect(fast.funded == general.funded && fast.isOptimal == general.isOptimal)
            if fast.isOptimal { proven += 1 }
        }
        return proven
    }

    @Test("small backlogs, dependencies a forest or not: the same plan as the general planner, draw for draw")
    func small() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...Int.max)) { seed in
            let count = 3 + seed % 60
            try Self.check(Self.backlog(count: count, seed: seed, forest: seed % 2 == 0), capacity: Double(count), draws: 4, seed: seed)
        }
    }

    @Test("past the frontier's search limit, where every draw's search is bounded by the forest's blocks: searches that finish, and searches stopped at their limit",
          arguments: [(1, true, false), (2, true, true), (3, false, true)])
    func large(seed: Int, forest: Bool, fine: Bool) throws {
        let count = Planner.frontierSearchLimit + 300
        let files = Self.backlog(count: count, seed: seed, forest: forest, fine: fine)
        var config = Fixtures.config()
        config.capacity = Double(count) * 2
        let setup = try #require(Planner.drawSetup(Fixtures.evaluate(files, config: config)))
        // The shared blocks exist exactly when the dependencies form a forest.
        #expect((PlanBlocks.fundableForest(setup.candidates) != nil) == forest)
        let draws = 8
        let proven = try Self.check(files, capacity: Double(count) * 2, draws: draws, seed: seed)
        // Fine numbers leave some searches stopped at their limit; whole ones are proven.
        #expect(fine ? proven < draws : proven > 0, "\(proven) of \(draws) proven")
    }

    @Test("value-for-money orders kept across draws merge to what a full sort gives, ties by index; a NaN ratio gives none")
    func ratioOrder() async {
        let ratios: [Double] = [0, -0.0, 0.5, 1, 1, 2, .infinity, -1]
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let n = Int(rng.next() % 40)
            var r = (0..<n).map { _ in ratios[Int(rng.next() % UInt64(ratios.count))] }
            let changing = (0..<n).filter { _ in rng.next() % 3 == 0 }
            guard let order = RatioOrder(ratios: r, changing: changing) else { Issue.record("no NaN, yet no order"); return }
            for i in changing { r[i] = ratios[Int(rng.next() % UInt64(ratios.count))] }
            let sorted = r.indices.sorted { a, b in r[a] != r[b] ? r[a] > r[b] : a < b }
            #expect(order.order { r[$0] } == sorted)
            if let i = changing.first { #expect(order.order { $0 == i ? .nan : r[$0] } == nil) }
        }
        #expect(RatioOrder(ratios: [1, .nan], changing: []) == nil)
        #expect(RatioOrder(ratios: [1, .nan], changing: [1]) != nil)
    }
}

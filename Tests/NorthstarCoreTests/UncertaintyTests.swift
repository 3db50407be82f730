import Dispatch
import NorthstarProbe
import Synchronization
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("Uncertainty: PERT draws and rank intervals")
struct UncertaintyTests {
    /// The draws' spread over the cores, as the shell does it.
    static let concurrent = WorkSplit { count, body in DispatchQueue.concurrentPerform(iterations: count, execute: body) }

    /// `count` draws of `estimate`, one stream per draw as the Monte Carlo keys them.
    static func samples(_ estimate: Estimate, count: Int, seed: UInt64 = 7) throws -> [Double] {
        let pert = try #require(PERTDistribution(estimate))
        return (0..<count).map { d in
            var stream = DrawStream(seed: seed, draw: d, id: "X-1")
            return pert.sample(&stream)
        }
    }

    @Test("PERT's shapes follow from low, likely and high with λ = 4; a number or a range of width 0 is certain", arguments: [
        (Estimate(low: 1, likely: 2, high: 3), 3.0, 3.0),
        (Estimate(low: 0, likely: 1, high: 10), 1.4, 4.6),
        (Estimate(low: 2, likely: nil, high: 6), 3.0, 3.0),
        (Estimate(low: 5, likely: 5, high: 9), 1.0, 5.0),
    ])
    func shapes(estimate: Estimate, alpha: Double, beta: Double) throws {
        let pert = try #require(PERTDistribution(estimate))
        #expect(abs(pert.alpha - alpha) < 1e-12 && abs(pert.beta - beta) < 1e-12)
        #expect(PERTDistribution(Estimate(4)) == nil)
        #expect(PERTDistribution(Estimate(low: 3, likely: 3, high: 3)) == nil)
    }

    @Test("draws of PERT(1, 2, 3) have the Beta(3, 3) quantiles: 5th percentile 1.37851, 95th 2.62149, median 2")
    func pertQuantiles() throws {
        let sorted = try Self.samples(Estimate(low: 1, likely: 2, high: 3), count: 200_000).sorted()
        // The standard error of a 5th percentile from 200,000 draws is about 0.001 here.
        #expect(abs(sorted[10_000] - 1.37851) < 0.005, "\(sorted[10_000])")
        #expect(abs(sorted[190_000] - 2.62149) < 0.005, "\(sorted[190_000])")
        #expect(abs(sorted[100_000] - 2) < 0.005)
        #expect(sorted.first.map { $0 > 1 } == true && sorted.last.map { $0 < 3 } == true)
    }

    @Test("a skewed PERT keeps its bounds and its mean, (low + 4 likely + high) / 6")
    func pertMean() throws {
        let draws = try Self.samples(Estimate(low: 0, likely: 1, high: 10), count: 100_000)
        let mean = draws.reduce(0, +) / Double(draws.count)
        #expect(abs(mean - 14.0 / 6) < 0.02, "\(mean)")
        #expect(draws.allSatisfy { $0 >= 0 && $0 <= 10 })
    }

    /// A backlog of `count` items, some with ranges.
    static func backlog(count: Int, ranged: Bool, seed: Int = 1) -> [(String, String)] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { k in
            let reach = 50 + Int(rng.next() % 500), cost = 1 + Int(rng.next() % 8), need = 1 + Int(rng.next() % 5)
            let reachText = ranged && k % 2 == 0 ? "{low: \(reach / 2), likely: \(reach), high: \(reach * 2)}" : "\(reach)"
            let costText = ranged && k % 3 == 0 ? "{low: \(cost), high: \(cost + 4)}" : "\(cost)"
            return ("i\(k).yaml", "id: I-\(k)\nobjectives: {food: 1}\nneed: \(need)\nreach: \(reachText)\nconfidence: 0.8\ncost: \(costText)\n")
        }
    }

    static func config(capacity: Double?, draws: Int = 200, seed: UInt64 = 1, top: Int = 5) -> Config {
        var c = Fixtures.config()
        c.capacity = capacity
        c.uncertainty = UncertaintySettings(draws: draws, seed: seed, top: top)
        return c
    }

    @Test("with every estimate certain each interval is the item's rank, and each chance is 0 or 1: funded or not, in the top or not",
          arguments: [nil, 20.0])
    func certain(capacity: Double?) throws {
        let e = Fixtures.evaluate(Self.backlog(count: 40, ranged: false), config: Self.config(capacity: capacity))
        let u = try #require(MonteCarlo.run(e))
        #expect(u.draws == 200 && u.items.count == 40 && u.chanceIsFunded == (capacity != nil))
        for (r, x) in zip(e.ranked, u.items) {
            #expect(x.medianRank == r.rank && x.rankP10 == r.rank && x.rankP90 == r.rank)
            let expected = capacity == nil ? r.rank <= 5 : (e.plan?.isFunded(r.item.id) ?? false)
            #expect(x.chance == (expected ? 1 : 0), "\(r.item.id)")
        }
    }

    @Test("each model's formula over its estimates, at their points, gives the ranking's own value and cost, bit for bit",
          arguments: ScoringModelKind.registered)
    func formulaAtPoints(_ kind: ScoringModelKind) {
        let fields = "impact: 2\neffort: {low: 2, high: 5}\nbusiness_value: {low: 3, likely: 5, high: 8}\ntime_criticality: 2\nrisk_reduction: 1\njob_size: 3\n"
        var files = Self.backlog(count: 30, ranged: true, seed: 9)
        files = files.map { ($0.0, $0.1 + fields) }
        for scale in [ReachScale.linear, .sqrt, .log] {
            var config = Fixtures.config(model: kind, scale: scale)
            config.uncertainty = UncertaintySettings(draws: 1)
            // Weights whose products round: the order of multiplication shows.
            config.equity = EquityWeights(groups: ["general": 1.3, "rural": 0.7], defaultWeight: 1.1)
            let e = Fixtures.evaluate(files, config: config)
            #expect(e.ranked.count == 30, "\(e.diagnostics.filter { $0.severity == .error })")
            let context = ScoringContext(config)
            for r in e.ranked {
                guard let f = kind.model.uncertainScore(r.item, context: context) else { Issue.record("\(kind) has no formula"); continue }
                let (value, cost) = f.evaluate(f.inputs.map(\.point))
                #expect(value == r.scored.value && cost == r.scored.cost, "\(kind) \(scale) \(r.item.id): \(value) vs \(r.scored.value)")
            }
        }
    }

    @Test("the draws' flat formulas draw and evaluate as each model's formula does, bit for bit, in every model and reach scale",
          arguments: ScoringModelKind.registered)
    func flatFormulas(_ kind: ScoringModelKind) {
        let fields = "impact: 2\neffort: {low: 2, high: 5}\nbusiness_value: {low: 3, likely: 5, high: 8}\ntime_criticality: 2\nrisk_reduction: {low: 0, high: 2}\njob_size: 3\n"
        let files = Self.backlog(count: 40, ranged: true, seed: 4).map { ($0.0, $0.1 + fields) }
        for scale in [ReachScale.linear, .sqrt, .log] {
            var config = Fixtures.config(model: kind, scale: scale)
            config.equity = EquityWeights(groups: ["general": 1.3, "rural": 0.7], defaultWeight: 1.1)
            let e = Fixtures.evaluate(files, config: config)
            let context = ScoringContext(config)
            let formulas = e.ranked.compactMap { kind.model.uncertainScore($0.item, context: context) }
            #expect(e.ranked.count == 40 && formulas.count == 40 && formulas.contains { $0.hasRanges }, "\(e.diagnostics.filter { $0.severity == .error })")
            let flat = DrawFormulas(formulas)
            var scratch = [Double](repeating: .nan, count: flat.widest)
            for draw in 0..<5 {
                for (u, f) in formulas.enumerated() {
                    var a = DrawStream(seed: 3, draw: draw, key: UInt64(u)), b = a
                    let inputs = f.inputs.map { PERTDistribution($0)?.sample(&a) ?? $0.point }
                    let expected = f.evaluate(inputs)
                    let got = flat.draw(u, &b, scratch: &scratch)
                    #expect(got.value.bitPattern == expected.value.bitPattern && got.cost.bitPattern == expected.cost.bitPattern,
                            "\(kind) \(scale) item \(u) draw \(draw)")
                    #expect(a.next() == b.next(), "the same numbers taken from the stream")
                }
            }
        }
    }

    @Test("a rank table gives back every rank it packed, at every width and across word boundaries")
    func rankTableRoundTrip() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            // Every width from 1 bit to 32 as often; the largest rank always present, so every bit is used.
            let bits = 1 + Int(rng.next() % 32)
            let largest = (1 << (bits - 1)) + Int(rng.next() % UInt64(1 << (bits - 1)))
            let items = 1 + Int(rng.next() % 40), draws = Int(rng.next() % 12)
            var table = RankTable(capacity: items * draws, largest: largest)
            var written: [UInt32] = []
            for _ in 0..<draws {
                var ranks = (0..<items).map { _ in UInt32(1 + rng.next() % UInt64(largest)) }
                ranks[Int(rng.next() % UInt64(items))] = UInt32(largest)
                table.append(ranks)
                written += ranks
            }
            #expect(table.count == written.count)
            #expect(written.indices.allSatisfy { table[$0] == written[$0] })
        }
    }

    @Test("draws: 0 turns the analysis off")
    func off() {
        let e = Fixtures.evaluate(Self.backlog(count: 5, ranged: true), config: Self.config(capacity: nil, draws: 0))
        #expect(MonteCarlo.run(e) == nil)
    }

    @Test("the same seed gives the same figures and bytes on one core or many; another seed gives others", arguments: [nil, 60.0])
    func determinism(capacity: Double?) throws {
        let e = Fixtures.evaluate(Self.backlog(count: 60, ranged: true), config: Self.config(capacity: capacity))
        let one = try #require(MonteCarlo.run(e))
        let many = try #require(MonteCarlo.run(e, split: Self.concurrent))
        #expect(one == many)
        var a = e, b = e
        a.uncertainty = one
        b.uncertainty = many
        #expect(RankingJSON.bytes(a) == RankingJSON.bytes(b) && RankingCSV.render(a) == RankingCSV.render(b))
        var other = e
        other.config.uncertainty.seed = 2
        #expect(try #require(MonteCarlo.run(other)) != one)
    }

    @Test("two items whose ranges overlap get overlapping intervals; a far better certain item stays first")
    func overlap() throws {
        let e = Fixtures.evaluate([
            ("a.yaml", "id: A\nobjectives: {food: 1}\nneed: 3\nreach: {low: 100, likely: 200, high: 300}\ncost: 1\n"),
            ("b.yaml", "id: B\nobjectives: {food: 1}\nneed: 3\nreach: {low: 150, likely: 250, high: 350}\ncost: 1\n"),
            ("c.yaml", "id: C\nobjectives: {food: 1}\nneed: 3\nreach: 5000\ncost: 1\n"),
        ], config: Self.config(capacity: nil, draws: 500, top: 2))
        let u = try #require(MonteCarlo.run(e))
        let by = Dictionary(uniqueKeysWithValues: zip(e.ranked.map(\.item.id), u.items))
        let a = try #require(by["A"]), b = try #require(by["B"]), c = try #require(by["C"])
        #expect(a.rankP10 <= b.rankP90 && b.rankP10 <= a.rankP90)
        #expect(a.rankP10 == 2 && a.rankP90 == 3 && b.rankP10 == 2 && b.rankP90 == 3)
        #expect(c.medianRank == 1 && c.rankP90 == 1 && c.chance == 1)
        #expect(b.chance > 0.5 && a.chance > 0 && a.chance < 0.5, "B is better more often than not: \(a.chance) \(b.chance)")
        #expect(abs(a.chance + b.chance - 1) < 1e-12, "exactly one of them is second in each draw")
    }

    @Test("every interval is ordered and within the ranking, every chance a share of the draws")
    func bounds() async {
        await propertyCheck(count: 25, input: Gen.int(in: 1...1_000_000)) { seed in
            let capacity: Double? = seed % 2 == 0 ? Double(5 + seed % 40) : nil
            let e = Fixtures.evaluate(Self.backlog(count: 5 + seed % 30, ranged: true, seed: seed),
                                      config: Self.config(capacity: capacity, draws: 50, seed: UInt64(seed)))
            guard let u = MonteCarlo.run(e) else { Issue.record("no analysis: \(e.ranked.count) ranked, \(e.diagnostics)"); return }
            for x in u.items {
                #expect(1 <= x.rankP10 && x.rankP10 <= x.medianRank && x.medianRank <= x.rankP90 && x.rankP90 <= e.ranked.count)
                #expect(abs((x.chance * 50).rounded() - x.chance * 50) < 1e-9 && x.chance >= 0 && x.chance <= 1)
            }
            if capacity == nil {
                #expect(abs(u.items.reduce(0) { $0 + $1.chance } - Double(min(5, e.ranked.count))) < 1e-9, "the top holds `top` items in each draw")
            }
        }
    }
}

@Suite("Uncertainty: how far a weight can move")
struct WeightSensitivityTests {
    static let twoItems = [
        ("a.yaml", "id: A\nobjectives: {food: 1}\nneed: 1\nreach: 100\nconfidence: 1\ncost: 1\n"),
        ("b.yaml", "id: B\nobjectives: {digital: 1}\nneed: 1\nreach: 250\nconfidence: 1\ncost: 1\n"),
    ]

    @Test("two objectives, by hand: A leads while food's weight stays above 2.5 and digital's below 1.2, where B overtakes it")
    func byHand() throws {
        // score_A(w_food) = 100·w/(w + 1), score_B = 250/(w + 1): equal at w = 2.5.
        // score_A(w_digital) = 300/(3 + w), score_B = 250·w/(3 + w): equal at w = 1.2.
        let e = Fixtures.evaluate(Self.twoItems)
        #expect(e.ranked.map(\.item.id) == ["A", "B"])
        let a = try #require(WeightSensitivity.analyse(e, top: 1).first)
        let food = try #require(a.first { $0.weight == "objectives.food" })
        #expect(food.value == 3 && food.up == nil)
        #expect(abs(try #require(food.down).at - 2.5) < 1e-9 && food.down?.swapsWith == "B")
        let digital = try #require(a.first { $0.weight == "objectives.digital" })
        #expect(digital.down == nil && digital.up?.swapsWith == "B")
        #expect(abs(try #require(digital.up).at - 1.2) < 1e-9)
        // Both reach only `general`: its weight scales both scores alike, so they never cross.
        let general = try #require(a.first { $0.weight == "equity.general" })
        #expect(general.down == nil && general.up == nil)
    }

    @Test("an equity weight under each reach scale: crossings in closed form, or by bisection for log", arguments: [ReachScale.linear, .sqrt, .log])
    func equity(scale: ReachScale) throws {
        // A reaches 400 rural people, B 100 low-income and 150 rural: B overtakes A once
        // low-income's weight is high enough.
        let e = Fixtures.evaluate([
            ("a.yaml", "id: A\nobjectives: {food: 1}\nneed: 1\nreach: {rural: 400}\nconfidence: 1\ncost: 1\n"),
            ("b.yaml", "id: B\nobjectives: {food: 1}\nneed: 1\nreach: {low-income: 100, rural: 150}\nconfidence: 1\ncost: 1\n"),
        ], config: Fixtures.config(scale: scale))
        let s = WeightSensitivity.analyse(e, top: 2)
        let lowIncome = try #require(s.first?.first { $0.weight == "equity.low-income" })
        // Linear and sqrt: 400·1.5 = 100·w + 150·1.5 at w = 3.75; log is monotone in the same sum.
        #expect(abs(try #require(lowIncome.up).at - 3.75) < 1e-9 && lowIncome.up?.swapsWith == "B", "\(lowIncome)")
        #expect(lowIncome.down == nil)
    }

    @Test("explain names the weight that moves an item soonest; a level score moves with any change")
    func sentences() throws {
        var config = Fixtures.config()
        config.uncertainty = UncertaintySettings(draws: 10, seed: 1, top: 2)
        var e = Fixtures.evaluate(Self.twoItems, config: config)
        e.uncertainty = MonteCarlo.run(e)
        let a = try #require(Explanation.render("A", in: e))
        #expect(a.contains("How sure (10 draws of the estimates' ranges): rank 1 in the middle 80% of draws; in the top 2 in 100% of draws.\n"))
        // food: 2.5 is 17% below 3; digital: 1.2 is 20% above 1.
        #expect(a.contains("A stays 1st until the weight of objective food falls below 2.5 (from 3), when B overtakes it.\n"), "\(a)")
        // 100·3/4 = 300·1/4: level, A first by id; B gains as digital's weight rises.
        var level = Fixtures.evaluate([Self.twoItems[0], ("b.yaml", "id: B\nobjectives: {digital: 1}\nneed: 1\nreach: 300\nconfidence: 1\ncost: 1\n")], config: config)
        level.uncertainty = MonteCarlo.run(level)
        let digital = try #require(level.uncertainty?.sensitivity.first?.first { $0.weight == "objectives.digital" })
        #expect(digital.up == WeightSensitivity.Crossing(at: 1, swapsWith: "B") && digital.down == nil)
        #expect(try #require(Explanation.render("A", in: level)).contains("A is level with B on score (the smaller id ranks first): any rise in the weight of objective digital puts B ahead."))
        #expect(try #require(Explanation.render("B", in: level)).contains("B is level with A on score (the smaller id ranks first): any "))
    }

    @Test("a weight set just past each reported crossing changes the item's rank, and just before it does not")
    func crossingsAreReal() async {
        let checked = Mutex(0)
        await propertyCheck(count: 30, input: Gen.int(in: 1...1_000_000)) { seed in
            var rng = SplitMix64(seed: seed)
            let groups = ["low-income", "rural", "general", "kids"]
            let files = (0..<(4 + Int(rng.next() % 8))).map { k -> (String, String) in
                let reach = groups.filter { _ in rng.next() % 2 == 0 }.map { "\($0): \(10 + rng.next() % 500)" }
                let objectives = ["food", "digital"].filter { _ in rng.next() % 3 != 0 }.map { "\($0): 0.\(1 + rng.next() % 9)" }
                return ("i\(k).yaml", "id: I-\(k)\nobjectives: {\(objectives.joined(separator: ", "))}\nneed: \(1 + rng.next() % 5)\nreach: {\((reach.isEmpty ? ["general: 50"] : reach).joined(separator: ", "))}\nconfidence: 0.\(5 + rng.next() % 5)\ncost: \(1 + rng.next() % 6)\n")
            }
            let scale = [ReachScale.linear, .sqrt, .log][Int(rng.next() % 3)]
            let config = Fixtures.config(scale: scale)
            let e = Fixtures.evaluate(files, config: config)
            guard e.diagnostics.filter({ $0.severity == .error }).isEmpty else { Issue.record("\(e.diagnostics)"); return }
            for (i, weights) in WeightSensitivity.analyse(e, top: 3).enumerated() {
                let id = e.ranked[i].item.id
                for w in weights {
                    for (crossing, direction) in [(w.down, -1.0), (w.up, 1.0)] {
                        guard let crossing else { continue }
                        // A crossing at the weight's value is a level score: past it is any move.
                        let delta = 1e-7 * max(1, crossing.at)
                        let past = Self.rank(id, files, config, w.weight, crossing.at + direction * delta)
                        let before = Self.rank(id, files, config, w.weight, crossing.at - direction * min(delta, abs(crossing.at - w.value) / 2))
                        #expect(before == i + 1 && past != i + 1, "\(id) \(w.weight) \(direction > 0 ? "up" : "down") at \(crossing.at): \(before) then \(past) (\(scale))")
                        checked.withLock { $0 += 1 }
                    }
                }
            }
        }
        #expect(checked.withLock { $0 } >= 30, "crossings checked: \(checked.withLock { $0 })")
    }

    /// The rank of `id` with `weight` set to `value`.
    static func rank(_ id: String, _ files: [(String, String)], _ config: Config, _ weight: String, _ value: Double) -> Int? {
        var c = config
        if weight.hasPrefix("objectives.") {
            let name = String(weight.dropFirst("objectives.".count))
            if let k = c.objectives.firstIndex(where: { $0.id == name }) { c.objectives[k].weight = value }
        } else if weight == "equity.default" {
            c.equity.defaultWeight = value
        } else {
            c.equity.groups[String(weight.dropFirst("equity.".count))] = value
        }
        return Fixtures.evaluate(files, config: c).ranked(id)?.rank
    }
}

/// An evaluation prepared for Monte Carlo draws: which items have ranged estimates and the
/// formula of their score, the certain items' fixed order, and the plan's rules. Built once,
/// then each chunk of draws reads it from its own core.
struct DrawModel: Sendable {
    /// The items with a ranged estimate (indices into the ranking).
    let uncertain: [Int]
    /// The plan's rules, with a capacity.
    let planner: DrawPlanner?
    private let n: Int
    private let baseValues: [Double], baseCosts: [Double], baseScores: [Double]
    /// For each uncertain item: its formula with its inputs' distributions, and the key of its id.
    private let formulas: DrawFormulas
    private let keys: [UInt64]
    /// The items without a ranged estimate, in rank order (their order never changes).
    private let certainOrder: [Int]
    /// Each item's place in id order: ties in score go to the smaller id, as in the ranking.
    private let idRank: [Int32]
    /// The uncertain items (places in `uncertain`) in id order, the order a draw's ties keep.
    private let uncertainByID: [Int]

    /// The model of `e`; nil once `cancelled` says so (it is asked every few thousand items).
    init?(_ e: Evaluation, cancelled: () -> Bool = { false }) {
        let context = ScoringContext(e.config)
        n = e.ranked.count
        baseValues = e.ranked.map(\.scored.value)
        baseCosts = e.ranked.map(\.scored.cost)
        baseScores = e.ranked.map(\.scored.score)
        var uncertain: [Int] = [], formulas: [UncertainScore] = [], certain: [Int] = []
        for (i, r) in e.ranked.enumerated() {
            if i % 4096 == 4095, cancelled() { return nil }
            if r.item.hasRanges, let f = e.config.model.model.uncertainScore(r.item, context: context), f.hasRanges {
                uncertain.append(i)
                formulas.append(f)
            } else {
                certain.append(i)
            }
        }
        self.uncertain = uncertain
        self.formulas = DrawFormulas(formulas)
        keys = uncertain.map { DrawStream.key(e.ranked[$0].item.id) }
        var rank = [Int32](repeating: 0, count: e.ranked.count)
        // The ids are taken out once, not read through each ranked item in every comparison.
        let ids = e.ranked.map(\.item.id)
        let byID = ids.indices.sorted { ids[$0].utf8.lexicographicallyPrecedes(ids[$1].utf8) }
        for (position, i) in byID.enumerated() { rank[i] = Int32(position) }
        idRank = rank
        uncertainByID = uncertain.indices.sorted { rank[uncertain[$0]] < rank[uncertain[$1]] }
        // Draws rank by score (a dependency order that lifts blockers is not applied again); with
        // nothing drawn, the draw is the ranking itself.
        let scores = baseScores
        certainOrder = uncertain.isEmpty ? certain : certain.sorted { a, b in
            scores[a] != scores[b] ? scores[a] > scores[b] : rank[a] < rank[b]
        }
        if cancelled() { return nil }
        planner = Planner.drawSetup(e).map { DrawPlanner($0, changing: uncertain) }
    }

    /// Whether item `a` (with `scoreA`) ranks before item `b`.
    @inline(__always)
    private func precedes(_ scoreA: Double, _ a: Int, _ scoreB: Double, _ b: Int) -> Bool {
        scoreA != scoreB ? scoreA > scoreB : idRank[a] < idRank[b]
    }

    /// Makes draws `range`: counts, per item, the draws in which the plan funds it (or, without
    /// a capacity, it ranks within `top`), and keeps the ranks of the draws below `rankDraws`.
    /// Nil once `cancelled` says so.
    func tally(_ range: Range<Int>, seed: UInt64, top: Int, rankDraws: Int, cancelled: () -> Bool) -> DrawTally? {
        var counts = [UInt32](repeating: 0, count: n)
        var proven = 0
        var ranks = RankTable(capacity: max(0, min(range.upperBound, rankDraws) - range.lowerBound) * n, largest: n)
        var values = baseValues, costs = baseCosts
        var drawn = [(score: Double, index: Int)](repeating: (0, 0), count: uncertain.count)
        var inputs = [Double](repeating: 0, count: formulas.widest)
        var order = [Int](repeating: 0, count: n)
        var rankOf = [UInt32](repeating: 0, count: n)
        for draw in range {
            if cancelled() { return nil }
            for (u, i) in uncertain.enumerated() {
                var stream = DrawStream(seed: seed, draw: draw, key: keys[u])
                let (value, cost) = formulas.draw(u, &stream, scratch: &inputs)
                values[i] = value
                costs[i] = cost
                let score = value / cost
                drawn[u] = (score.isNaN ? -.infinity : score, i)
            }
            let sorted = RadixSort.descending(uncertainByID, key: { drawn[$0].score }).map { $0.map { drawn[$0] } }
                ?? drawn.sorted { precedes($0.score, $0.index, $1.score, $1.index) }
            merge(sorted, into: &order)
            if draw < rankDraws {
                for (position, i) in order.enumerated() { rankOf[i] = UInt32(position + 1) }
                ranks.append(rankOf)
            }
            if let planner {
                let plan = planner.funded(values: values, costs: costs)
                for (i, isFunded) in plan.funded.enumerated() where isFunded { counts[i] += 1 }
                if plan.isOptimal { proven += 1 }
            } else {
                for i in order.prefix(top) { counts[i] += 1 }
            }
        }
        return DrawTally(counts: counts, ranks: ranks, provenPlans: proven)
    }

    /// The draw's order: the certain items (already in order) merged with the drawn ones.
    private func merge(_ drawn: [(score: Double, index: Int)], into order: inout [Int]) {
        var a = 0, b = 0, k = 0
        while a < certainOrder.count || b < drawn.count {
            let takeCertain: Bool
            if b == drawn.count {
                takeCertain = true
            } else if a == certainOrder.count {
                takeCertain = false
            } else {
                let c = certainOrder[a]
                takeCertain = precedes(baseScores[c], c, drawn[b].score, drawn[b].index)
            }
            if takeCertain { order[k] = certainOrder[a]; a += 1 } else { order[k] = drawn[b].index; b += 1 }
            k += 1
        }
    }
}

import Synchronization

/// The Monte Carlo over the estimates' ranges: each draw takes every ranged estimate from its
/// PERT distribution, scores the whole backlog again, ranks it, and with a capacity plans it
/// again with the planner's own rules. Pure and reproducible: a draw's numbers are keyed by the
/// seed, the draw and each item's id, so the result is the same on any number of cores.
public enum MonteCarlo {
    /// The analysis of `e` under its config's `uncertainty` settings; nil when they turn it off
    /// or `cancelled` says a newer evaluation has made it moot. `split` spreads the draws over
    /// the cores.
    public static func run(_ e: Evaluation, split: WorkSplit = .serial, cancelled: @Sendable () -> Bool = { false }) -> RankUncertainty? {
        let settings = e.config.uncertainty
        guard settings.isEnabled else { return nil }
        let n = e.ranked.count
        let draws = settings.draws
        guard let model = DrawModel(e, cancelled: cancelled), !cancelled() else { return nil }
        // Without a ranged estimate every draw is the same draw.
        let distinct = model.uncertain.isEmpty ? min(1, draws) : draws
        let rankDraws = n == 0 ? distinct : min(distinct, max(1, RankUncertainty.rankEntries / n))
        let chunks = min(distinct, 64)
        // Each chunk's counts are added in as it finishes (sums, so in any order), rather than
        // held until the last one: at organisation size 64 of them took 25 MB.
        let total = Mutex([Int](repeating: 0, count: n))
        let results = split.map(chunks) { chunk -> (ranks: RankTable, provenPlans: Int)? in
            let range = (distinct * chunk / chunks)..<(distinct * (chunk + 1) / chunks)
            guard let r = model.tally(range, seed: settings.seed, top: settings.top, rankDraws: rankDraws, cancelled: cancelled) else { return nil }
            total.withLock { counts in
                for i in 0..<n { counts[i] += Int(r.counts[i]) }
            }
            return (r.ranks, r.provenPlans)
        }
        guard !cancelled() else { return nil }
        var counts = total.withLock { $0 }
        var ranks = [RankTable]()
        var proven = 0
        for case let r? in results {
            ranks.append(r.ranks)
            proven += r.provenPlans
        }
        guard ranks.count == chunks else { return nil }
        // Without a ranged estimate every draw is the evaluation itself: its plan decides.
        if model.uncertain.isEmpty, let plan = e.plan {
            counts = e.ranked.map { plan.isFunded($0.item.id) ? 1 : 0 }
            proven = plan.method == .optimal ? 1 : 0
        }
        let items = summarise(ranks, items: n, rankDraws: rankDraws, split: split).enumerated().map { i, q in
            RankUncertainty.Item(medianRank: q.median, rankP10: q.p10, rankP90: q.p90,
                                 chance: Double(counts[i] * (draws / distinct)) / Double(draws))
        }
        var result = RankUncertainty(draws: draws, seed: settings.seed, top: settings.top, rankDraws: model.uncertain.isEmpty ? draws : rankDraws,
                                     chanceIsFunded: model.planner != nil, provenPlans: model.planner == nil ? nil : proven * (draws / distinct), items: items)
        guard let sensitivity = WeightSensitivity.analyse(e, top: settings.top, split: split, cancelled: cancelled) else { return nil }
        result.sensitivity = sensitivity
        return result
    }

    /// Each item's 10th, 50th and 90th percentile rank (nearest rank) over the first
    /// `rankDraws` draws, from the chunks' draw-major rank tables; `split` spreads the items
    /// over the cores (each sorts its items' columns on its own).
    static func summarise(_ chunks: [RankTable], items n: Int, rankDraws: Int,
                          split: WorkSplit = .serial) -> [Quantiles] {
        func nearest(_ p: Int) -> Int { max(0, (p * rankDraws + 99) / 100 - 1) }
        let (k10, k50, k90) = (nearest(10), nearest(50), nearest(90))
        // A fixed number of pieces, not one per core: the same pieces on any machine, and
        // enough of them for the cores to share the work evenly.
        let pieces = max(1, min(16, n))
        return split.map(pieces) { piece -> [Quantiles] in
            var column = [UInt32](repeating: 0, count: rankDraws)
            return ((n * piece / pieces)..<(n * (piece + 1) / pieces)).map { i in
                var d = 0
                for table in chunks {
                    var row = i
                    while row < table.count {
                        column[d] = table[row]
                        d += 1
                        row += n
                    }
                }
                column.sort()
                return Quantiles(p10: Int(column[k10]), median: Int(column[k50]), p90: Int(column[k90]))
            }
        }.flatMap { $0 }
    }

    /// One item's 10th, 50th and 90th percentile ranks.
    struct Quantiles: Sendable {
        var p10: Int, median: Int, p90: Int
    }
}

/// What one chunk of draws found: each item's count (funded, or in the top), and the ranks of
/// its draws that feed the intervals, draw after draw.
struct DrawTally: Sendable {
    var counts: [UInt32]
    var ranks: RankTable
    /// Draws whose plan was proven the best possible.
    var provenPlans: Int
}

/// How sure a rank is, in the words every output uses: "3 (2–6)", "funded 87%".
public enum UncertaintyText {
    /// The median rank and the 10th-90th percentile interval: `3 (2–6)`, or `3` when it never moves.
    public static func interval(_ x: RankUncertainty.Item) -> String {
        x.rankP10 == x.rankP90 ? "\(x.medianRank)" : "\(x.medianRank) (\(x.rankP10)–\(x.rankP90))"
    }

    /// The chance as people read it: `funded 87%`, or `top 10: 87%` without a capacity.
    public static func chance(_ x: RankUncertainty.Item, _ u: RankUncertainty) -> String {
        u.chanceIsFunded ? "funded \(percent(x.chance))" : "top \(u.top): \(percent(x.chance))"
    }

    /// A share as a whole percentage that never rounds a possibility away: `<1%`, `>99%`.
    public static func percent(_ p: Double) -> String {
        var bytes: [UInt8] = []
        appendPercent(p, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `percent(p)` to `bytes` (a cell of every row of `ranking.csv`).
    static func appendPercent(_ p: Double, to bytes: inout [UInt8]) {
        if p > 0, p < 0.005 { bytes.append(contentsOf: "<1%".utf8); return }
        if p < 1, p >= 0.995 { bytes.append(contentsOf: ">99%".utf8); return }
        NumberFormat.appendInteger(Int((p * 100).rounded()), to: &bytes)
        bytes.append(0x25)
    }

    /// What the analysis did, in a sentence: `1,000 draws of the estimates' ranges (PERT, seed 1):
    /// each item's median rank and the range of its middle 80% of ranks, and how often the plan
    /// funds it.`
    public static func method(_ u: RankUncertainty) -> String {
        var s = "\(NumberFormat.count(u.draws, "draw")) of the estimates' ranges (PERT, seed \(u.seed)): each item's median rank and the 10th–90th percentile of its ranks"
        if u.rankDraws < u.draws { s += " (from the first \(NumberFormat.count(u.rankDraws, "draw")), to bound memory)" }
        return s + (u.chanceIsFunded ? ", and how often the plan funds it" : ", and how often it ranks in the top \(u.top)")
    }
}

/// Weighted shortest job first, for teams coming from SAFe:
/// (business value + time criticality + risk reduction) / job size.
/// Job size is `job_size`, else `cost`.
public enum WSJFModel {
    /// Scores `item`.
    public static func score(_ item: Item) -> ScoredItem {
        let bv = item.businessValue?.point ?? 0
        let tc = item.timeCriticality?.point ?? 0
        let rr = item.riskReduction?.point ?? 0
        let size = (item.jobSize ?? item.cost)?.point ?? 1
        let value = bv + tc + rr
        return ScoredItem(item: item, value: value, cost: size, score: value / size,
                          factors: .wsjf(WSJFFactors(businessValue: bv, timeCriticality: tc, riskReduction: rr, jobSize: size)))
    }
}

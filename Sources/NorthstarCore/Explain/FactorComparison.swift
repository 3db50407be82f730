/// A named factor with its value in two items and whether more of it raises the score.
struct FactorComparison: CustomStringConvertible {
    var name: String
    var higher: Double
    var lower: Double
    var moreIsBetter: Bool
    var unit: String = ""

    /// How much this factor favours the higher-ranked item (log ratio; > 0 favours it).
    var advantage: Double {
        guard higher > 0, lower > 0 else {
            if higher == lower { return 0 }
            return (higher > lower) == moreIsBetter ? .infinity : -.infinity
        }
        let l = Math.log(higher / lower)
        return moreIsBetter ? l : -l
    }

    /// `higher cost: 8 person-weeks vs 3 person-weeks (×2.67)`.
    var description: String {
        let n = NumberFormat.human
        let comparative = (higher > lower) ? "higher" : "lower"
        var text = "\(comparative) \(name): \(NumberFormat.quantity(n(higher, 4), higher, unit)) vs \(NumberFormat.quantity(n(lower, 4), lower, unit))"
        if higher > 0, lower > 0 {
            let ratio = max(higher, lower) / min(higher, lower)
            text += " (×\(n(ratio, 2)))"
        }
        return text
    }
}

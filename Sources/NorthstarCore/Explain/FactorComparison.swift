/// A named factor with its value in two neighbouring items and whether more of it raises the
/// score: what `explain` says one item has over the other.
public struct FactorComparison: Sendable, CustomStringConvertible {
    /// The factor, as `explain` names it (`weighted need-reach`).
    public var name: String
    /// Its value in the higher-ranked item.
    public var higher: Double
    /// Its value in the lower-ranked item.
    public var lower: Double
    /// Whether more of it raises the score (cost and effort: no).
    public var moreIsBetter: Bool
    /// Its unit, when it has one (the config's cost unit).
    public var unit: String = ""

    /// A comparison of `name` between the higher- and the lower-ranked item.
    public init(name: String, higher: Double, lower: Double, moreIsBetter: Bool, unit: String = "") {
        self.name = name; self.higher = higher; self.lower = lower; self.moreIsBetter = moreIsBetter; self.unit = unit
    }

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
    public var description: String {
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

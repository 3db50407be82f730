/// One objective's share of an item's alignment: weight x contribution / sum of weights.
public struct ObjectivePart: Sendable, Hashable {
    /// Objective id.
    public var objective: String
    /// The objective's weight in the config.
    public var weight: Double
    /// The item's contribution to it (0..1).
    public var contribution: Double
    /// weight x contribution / sum of all weights.
    public var part: Double
}

/// One beneficiary group's share of an item's weighted need-reach: reach x need x equity.
public struct GroupPart: Sendable, Hashable {
    /// Group id.
    public var group: String
    /// People reached per year in the group (point value).
    public var reach: Double
    /// Severity of their need, 1..5 (point value).
    public var need: Double
    /// The group's equity weight.
    public var equity: Double
    /// reach x need x equity.
    public var part: Double
}

/// The factors of an `impact` score (README: "How the score is computed").
public struct ImpactFactors: Sendable, Hashable {
    /// Mission fit, 0..1: sum of the objective parts.
    public var alignment: Double
    /// Each configured objective's part, in objective-id order.
    public var objectiveParts: [ObjectivePart]
    /// Sum of the group parts: equity-weighted need-people served.
    public var weightedNeedReach: Double
    /// Each reached group's part, in group-id order.
    public var groupParts: [GroupPart]
    /// Weighted need-reach after the reach scale.
    public var impact: Double
    /// The reach scale applied.
    public var reachScale: ReachScale
    /// Confidence used (the item's, else the config default).
    public var confidence: Double
    /// Whether the confidence came from the config's default.
    public var confidenceIsDefault: Bool
}

/// The breakdown behind a score, by model.
public enum Factors: Sendable, Hashable {
    /// Northstar's own model.
    case impact(ImpactFactors)
    /// A model whose score is a few named figures (RICE, WSJF).
    case figures(ModelFigures)
}

/// An item with its score and the factors that explain it.
///
/// Immutable, and kept in one shared box (the score alone inline, for sorting): the ranking,
/// the daemon's memory and the change log copy scored items by the hundred thousand per pass,
/// and a copy is then one reference count instead of one per field that holds a reference.
public struct ScoredItem: Sendable, Hashable {
    private final class Storage: Sendable {
        let item: Item, value: Double, cost: Double, factors: Factors
        init(item: Item, value: Double, cost: Double, factors: Factors) {
            self.item = item; self.value = value; self.cost = cost; self.factors = factors
        }
    }
    private let box: Storage

    /// value / cost.
    public let score: Double
    /// The item.
    public var item: Item { box.item }
    /// What the item is worth (the numerator).
    public var value: Double { box.value }
    /// What it costs (the denominator), in the config's cost unit.
    public var cost: Double { box.cost }
    /// How the value came about.
    public var factors: Factors { box.factors }

    /// The shared box: two scored items with the same identity are one and the same.
    var identity: ObjectIdentifier { ObjectIdentifier(box) }

    /// An item scored `score` = `value` / `cost`, explained by `factors`.
    public init(item: Item, value: Double, cost: Double, score: Double, factors: Factors) {
        box = Storage(item: item, value: value, cost: cost, factors: factors)
        self.score = score
    }

    /// Scored items are equal when every field is.
    public static func == (a: ScoredItem, b: ScoredItem) -> Bool {
        a.score == b.score && (a.box === b.box
            || (a.item == b.item && a.value == b.value && a.cost == b.cost && a.factors == b.factors))
    }

    /// Hashes every field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(item); hasher.combine(value); hasher.combine(cost); hasher.combine(score); hasher.combine(factors)
    }
}

/// A numeric estimate: an exact number, or a range `{low, likely, high}` / `{low, high}`.
///
/// Ranking uses the point value: `likely` when given, else the midpoint of `low` and `high`.
/// The range itself feeds the uncertainty analysis.
public struct Estimate: Sendable, Hashable, CustomStringConvertible {
    // Declared in this order so the optional's tag and the flag share the last word: 26 bytes
    // in 32 rather than 33 in 40, and an item holds several estimates, a hundred thousand times.
    /// The lowest plausible value.
    public var low: Double
    /// The highest plausible value.
    public var high: Double
    /// The most likely value, when the author gave one.
    public var likely: Double?
    /// Whether the author wrote a range rather than a single number.
    public var isRange: Bool

    /// An exact estimate.
    public init(_ value: Double) {
        low = value
        likely = value
        high = value
        isRange = false
    }

    /// A range estimate.
    public init(low: Double, likely: Double?, high: Double) {
        self.low = low
        self.likely = likely
        self.high = high
        isRange = true
    }

    /// The value used for ranking: `likely`, else the midpoint.
    public var point: Double { likely ?? (low + high) / 2 }

    /// Every number the author wrote (to check bounds on each).
    public var writtenValues: [Double] {
        isRange ? [low] + (likely.map { [$0] } ?? []) + [high] : [point]
    }

    /// `4` or `200..800 (likely 500)`, as written.
    public var description: String {
        guard isRange else { return NumberFormat.plain(point) }
        let core = "\(NumberFormat.plain(low))..\(NumberFormat.plain(high))"
        return likely.map { core + " (likely \(NumberFormat.plain($0)))" } ?? core
    }
}

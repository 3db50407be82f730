/// What an estimate's range means in the uncertainty analysis: a PERT distribution with λ = 4.
/// `{low, likely, high}` is Beta(α, β) scaled to [low, high] with α = 1 + 4(likely − low)/(high − low)
/// and β = 1 + 4(high − likely)/(high − low); `{low, high}` takes the midpoint as likely; a single
/// number is certain.
public struct PERTDistribution: Sendable, Hashable {
    /// The lowest value drawn.
    public let low: Double
    /// The highest value drawn.
    public let high: Double
    /// Beta's first shape.
    public let alpha: Double
    /// Beta's second shape.
    public let beta: Double

    /// The distribution of `estimate`; nil when it is certain (a number, or a range of width 0).
    public init?(_ estimate: Estimate) {
        guard estimate.isRange, estimate.high > estimate.low else { return nil }
        let likely = min(max(estimate.likely ?? (estimate.low + estimate.high) / 2, estimate.low), estimate.high)
        let width = estimate.high - estimate.low
        low = estimate.low
        high = estimate.high
        alpha = 1 + 4 * (likely - estimate.low) / width
        beta = 1 + 4 * (estimate.high - likely) / width
    }

    /// The mean, (low + 4·likely + high) / 6.
    public var mean: Double { low + (high - low) * alpha / (alpha + beta) }

    /// One draw.
    func sample(_ stream: inout DrawStream) -> Double {
        let x = Self.gamma(alpha, &stream), y = Self.gamma(beta, &stream)
        return low + (high - low) * (x / (x + y))
    }

    /// A Gamma(shape, 1) variate for shape ≥ 1 (Marsaglia and Tsang, 2000). PERT's shapes are
    /// always at least 1.
    static func gamma(_ shape: Double, _ stream: inout DrawStream) -> Double {
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = stream.normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = stream.uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)) { return d * v }
        }
    }
}

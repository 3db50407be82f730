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

    /// One draw (a run of draws keeps a `Sampler` per range instead).
    func sample(_ stream: inout DrawStream) -> Double {
        Sampler(self).sample(&stream)
    }

    /// The distribution ready to be drawn from many times: what each draw would work out
    /// again from the shapes (the width, Marsaglia and Tsang's constants) is worked out once,
    /// by the same operations, so every draw gives the same bits as `sample` does.
    struct Sampler: Sendable {
        private let low: Double, width: Double
        private let alpha: Gamma, beta: Gamma

        /// The sampler of `d`.
        init(_ d: PERTDistribution) {
            low = d.low
            width = d.high - d.low
            alpha = Gamma(shape: d.alpha)
            beta = Gamma(shape: d.beta)
        }

        /// One draw.
        func sample(_ stream: inout DrawStream) -> Double {
            let x = alpha.sample(&stream), y = beta.sample(&stream)
            return low + width * (x / (x + y))
        }
    }

    /// Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang, 2000); PERT's shapes are always at
    /// least 1.
    struct Gamma: Sendable {
        private let d: Double, c: Double

        /// Gamma(`shape`, 1).
        init(shape: Double) {
            d = shape - 1.0 / 3
            c = 1 / (9 * d).squareRoot()
        }

        /// One variate.
        func sample(_ stream: inout DrawStream) -> Double {
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
}

/// The random numbers of one item in one Monte Carlo draw. Each stream is keyed by the seed,
/// the draw and the item's id, never by the order work is done in, so the figures are the same
/// on one core or many, and an item keeps its draws when others are added or removed.
struct DrawStream {
    private var state: UInt64

    /// The stream of item `id` in draw `draw` under `seed`.
    init(seed: UInt64, draw: Int, id: String) {
        self.init(seed: seed, draw: draw, key: Self.key(id))
    }

    /// The stream of the item whose `key(id)` is `key`.
    init(seed: UInt64, draw: Int, key: UInt64) {
        var s = Self.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        s = Self.mix(s ^ (UInt64(truncatingIfNeeded: draw) &* 0xBF58_476D_1CE4_E5B9))
        state = Self.mix(s ^ key)
    }

    /// A 64-bit key of an item's id (FNV-1a, then mixed).
    static func key(_ id: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return mix(h)
    }

    /// SplitMix64's finaliser.
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits (SplitMix64).
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in the open interval (0, 1): 53 random bits, never 0 (a logarithm is taken of it).
    mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A standard normal variate (Marsaglia's polar method: no trigonometry, so the same bits
    /// on every libm).
    mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0, s < 1 { return u * (-2 * Math.log(s) / s).squareRoot() }
        }
    }
}

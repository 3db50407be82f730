/// An order by value for money that a run of draws keeps: the indices whose ratio never changes
/// are sorted once, and each draw sorts only the ones it changes and merges the two. Gives the
/// order a full sort by (ratio, best first; ties by index) gives, as long as no ratio is NaN.
struct RatioOrder: Sendable {
    /// The unchanging indices with their ratios, in order.
    private let fixed: [(ratio: Double, index: Int)]
    /// The indices whose ratio each draw sets.
    private let changing: [Int]

    /// The order over `ratios.indices`, where those in `changing` (ascending, each once) move
    /// between draws; nil when a fixed ratio is NaN (a full sort has no order to merge with then).
    init?(ratios: [Double], changing: [Int]) {
        assert(zip(changing, changing.dropFirst()).allSatisfy { $0 < $1 }, "changing indices ascend, each once")
        var isChanging = [Bool](repeating: false, count: ratios.count)
        for i in changing { isChanging[i] = true }
        var fixed: [(ratio: Double, index: Int)] = []
        fixed.reserveCapacity(ratios.count - changing.count)
        for i in ratios.indices where !isChanging[i] {
            if ratios[i].isNaN { return nil }
            fixed.append((ratios[i], i))
        }
        fixed.sort(by: Self.isBetter)
        self.fixed = fixed
        self.changing = changing
    }

    @inline(__always)
    private static func isBetter(_ a: (ratio: Double, index: Int), _ b: (ratio: Double, index: Int)) -> Bool {
        a.ratio != b.ratio ? a.ratio > b.ratio : a.index < b.index
    }

    /// Every index in order when each changing index `i` has ratio `ratio(i)`; nil when one
    /// of them is NaN.
    func order(ratio: (Int) -> Double) -> [Int]? {
        let moved = changing.map(ratio)
        // `changing` ascends, so equal ratios keep their order by index.
        guard let sorted = RadixSort.descending(Array(moved.indices), key: { moved[$0] }) else { return nil }
        var out: [Int] = []
        out.reserveCapacity(fixed.count + moved.count)
        var a = 0, b = 0
        while a < fixed.count, b < sorted.count {
            let m = sorted[b]
            if Self.isBetter(fixed[a], (moved[m], changing[m])) { out.append(fixed[a].index); a += 1 } else { out.append(changing[m]); b += 1 }
        }
        while a < fixed.count { out.append(fixed[a].index); a += 1 }
        while b < sorted.count { out.append(changing[sorted[b]]); b += 1 }
        return out
    }
}

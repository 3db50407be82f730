/// Sorting by a number, largest first, with ties kept in the order given: a least-significant-
/// digit radix sort over the number's bits. A run of Monte Carlo draws sorts tens of thousands
/// of scores and ratios in every draw, which this does several times faster than comparing.
enum RadixSort {
    /// `items` by `key`, largest first; items with equal keys keep their order in `items`. Nil
    /// when a key is NaN (no order then). 0 and -0 count as equal, as `==` has them.
    static func descending(_ items: [Int], key: (Int) -> Double) -> [Int]? {
        let n = items.count
        var keys = [UInt64](repeating: 0, count: n)
        for k in 0..<n {
            let x = key(items[k])
            if x.isNaN { return nil }
            keys[k] = ~orderedBits(x == 0 ? 0 : x)
        }
        var values = items
        guard n > 1 else { return values }
        // Eleven bits a pass: six passes cover the 64, and the counts stay in the cache.
        let bits = 11, buckets = 1 << bits, passes = 6
        var counts = [Int](repeating: 0, count: buckets * passes)
        for k in keys {
            for p in 0..<passes { counts[p * buckets + Int((k >> UInt64(p * bits)) & UInt64(buckets - 1))] += 1 }
        }
        var keys2 = keys, values2 = values
        for p in 0..<passes {
            let base = p * buckets
            let shift = UInt64(p * bits)
            // A pass where every key has the same digit moves nothing.
            if counts[base + Int((keys[0] >> shift) & UInt64(buckets - 1))] == n { continue }
            var sum = 0
            for b in 0..<buckets {
                let c = counts[base + b]
                counts[base + b] = sum
                sum += c
            }
            for k in 0..<n {
                let d = base + Int((keys[k] >> shift) & UInt64(buckets - 1))
                let at = counts[d]
                counts[d] = at + 1
                keys2[at] = keys[k]
                values2[at] = values[k]
            }
            swap(&keys, &keys2)
            swap(&values, &values2)
        }
        return values
    }

    /// The bits of `x` as an unsigned number that orders as `x` does (no NaN).
    @inline(__always)
    static func orderedBits(_ x: Double) -> UInt64 {
        let b = x.bitPattern
        return b & (1 << 63) != 0 ? ~b : b | (1 << 63)
    }
}

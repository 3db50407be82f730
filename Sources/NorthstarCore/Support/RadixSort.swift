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
        // Below a few hundred items, clearing the counts costs more than comparing.
        if n < 256 {
            var positions = Array(0..<n)
            positions.sort { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            return positions.map { items[$0] }
        }
        // Eleven bits a pass: six passes cover the 64, with 2,048 counts each.
        let bits = 11, buckets = 1 << bits, passes = 6, mask = UInt64(buckets - 1)
        var counts = [Int](repeating: 0, count: buckets * passes)
        var values = items
        var keys2 = [UInt64](repeating: 0, count: n), values2 = [Int](repeating: 0, count: n)
        counts.withUnsafeMutableBufferPointer { counts in
            keys.withUnsafeMutableBufferPointer { keysA in
            keys2.withUnsafeMutableBufferPointer { keysB in
            values.withUnsafeMutableBufferPointer { valuesA in
            values2.withUnsafeMutableBufferPointer { valuesB in
                for k in keysA {
                    for p in 0..<passes { counts[p * buckets + Int((k >> UInt64(p * bits)) & mask)] += 1 }
                }
                // Each pass moves from one pair of buffers to the other; `flipped` says where the keys are.
                var flipped = false
                for p in 0..<passes {
                    let base = p * buckets, shift = UInt64(p * bits)
                    let (fromKeys, fromValues, toKeys, toValues) = flipped ? (keysB, valuesB, keysA, valuesA) : (keysA, valuesA, keysB, valuesB)
                    // A pass where every key has the same digit moves nothing.
                    if counts[base + Int((fromKeys[0] >> shift) & mask)] == n { continue }
                    var sum = 0
                    for b in base..<(base + buckets) {
                        let c = counts[b]
                        counts[b] = sum
                        sum += c
                    }
                    for k in 0..<n {
                        let d = base + Int((fromKeys[k] >> shift) & mask)
                        let at = counts[d]
                        counts[d] = at + 1
                        toKeys[at] = fromKeys[k]
                        toValues[at] = fromValues[k]
                    }
                    flipped.toggle()
                }
                if flipped { _ = valuesA.update(fromContentsOf: valuesB) }
            }
            }
            }
            }
        }
        return values
    }

    /// `values` from smallest to largest (0 and -0 as `sorted()` leaves them, in their order).
    static func ascending(_ values: [Double]) -> [Double] {
        guard let order = descending(Array(values.indices), key: { -values[$0] }) else { return values.sorted() }
        return order.map { values[$0] }
    }

    /// The bits of `x` as an unsigned number that orders as `x` does (no NaN).
    @inline(__always)
    static func orderedBits(_ x: Double) -> UInt64 {
        let b = x.bitPattern
        return b & (1 << 63) != 0 ? ~b : b | (1 << 63)
    }
}

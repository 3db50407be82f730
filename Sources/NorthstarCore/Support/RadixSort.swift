/// Sorting by a number, largest first, with ties kept in the order given: a least-significant-
/// digit radix sort over the number's bits. A run of Monte Carlo draws sorts tens of thousands
/// of scores and ratios in every draw, which this does several times faster than comparing.
enum RadixSort {
    /// `items` by `key`, largest first; items with equal keys keep their order in `items`. Nil
    /// when a key is NaN (no order then). 0 and -0 count as equal, as `==` has them.
    static func descending(_ items: [Int], key: (Int) -> Double) -> [Int]? {
        let n = items.count
        var entries = [Entry](repeating: Entry(key: 0, item: 0), count: n)
        for k in 0..<n {
            let x = key(items[k])
            if x.isNaN { return nil }
            entries[k] = Entry(key: ~orderedBits(x == 0 ? 0 : x), item: items[k])
        }
        // Below a few hundred items, clearing the counts costs more than comparing.
        if n < 256 {
            var positions = Array(0..<n)
            positions.sort { entries[$0].key != entries[$1].key ? entries[$0].key < entries[$1].key : $0 < $1 }
            return positions.map { entries[$0].item }
        }
        // Eleven bits a pass: six passes cover the 64, with 2,048 counts each.
        let bits = 11, buckets = 1 << bits, passes = 6, mask = UInt64(buckets - 1)
        var counts = [Int](repeating: 0, count: buckets * passes)
        var other = [Entry](repeating: Entry(key: 0, item: 0), count: n)
        // Each pass moves from one buffer to the other; `flipped` says where the entries are.
        var flipped = false
        counts.withUnsafeMutableBufferPointer { counts in
            entries.withUnsafeMutableBufferPointer { a in
                other.withUnsafeMutableBufferPointer { b in
                    for e in a {
                        for p in 0..<passes { counts[p * buckets + Int((e.key >> UInt64(p * bits)) & mask)] += 1 }
                    }
                    for p in 0..<passes {
                        let base = p * buckets, shift = UInt64(p * bits)
                        let (from, to) = flipped ? (b, a) : (a, b)
                        // A pass where every key has the same digit moves nothing.
                        if counts[base + Int((from[0].key >> shift) & mask)] == n { continue }
                        var sum = 0
                        for d in base..<(base + buckets) {
                            let c = counts[d]
                            counts[d] = sum
                            sum += c
                        }
                        for k in 0..<n {
                            let e = from[k]
                            let d = base + Int((e.key >> shift) & mask)
                            let at = counts[d]
                            counts[d] = at + 1
                            to[at] = e
                        }
                        flipped.toggle()
                    }
                }
            }
        }
        return (flipped ? other : entries).map(\.item)
    }

    /// An item with its key, moved together: one write per item and pass instead of two.
    private struct Entry {
        var key: UInt64
        var item: Int
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

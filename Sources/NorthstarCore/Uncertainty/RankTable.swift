/// The ranks a chunk of draws keeps for the rank intervals, draw after draw, each in as many
/// bits as the largest rank needs (17 for a backlog of 100,000 items).
///
/// These tables are the largest thing the how-sure analysis holds (up to
/// `RankUncertainty.rankEntries` ranks across the chunks), so they are packed rather than held
/// as 32-bit numbers: about half the memory at organisation size, read back exactly.
struct RankTable: Sendable {
    /// The ranks, `bits` each, least significant bit first, across 64-bit words.
    private var words: [UInt64]
    private let bits: Int
    /// How many ranks the table holds, and has room for.
    private(set) var count = 0
    private let capacity: Int

    /// A table with room for `capacity` ranks, none larger than `largest`.
    init(capacity: Int, largest: Int) {
        bits = max(1, UInt64.bitWidth - UInt64(max(0, largest)).leadingZeroBitCount)
        self.capacity = max(0, capacity)
        words = [UInt64](repeating: 0, count: (self.capacity * bits + 63) / 64)
    }

    /// Appends one draw's ranks, item by item.
    mutating func append(_ ranks: [UInt32]) {
        precondition(count + ranks.count <= capacity, "a rank table holds the ranks it was sized for")
        words.withUnsafeMutableBufferPointer { words in
            var position = count * bits
            for rank in ranks {
                let value = UInt64(rank)
                let word = position >> 6, shift = position & 63
                words[word] |= value << UInt64(shift)
                if shift + bits > 64 { words[word + 1] |= value >> UInt64(64 - shift) }
                position += bits
            }
        }
        count += ranks.count
    }

    /// The rank at `index` (counted across the draws, item by item).
    subscript(index: Int) -> UInt32 {
        let position = index * bits
        let word = position >> 6, shift = position & 63
        var value = words[word] >> UInt64(shift)
        if shift + bits > 64 { value |= words[word + 1] << UInt64(64 - shift) }
        return UInt32(truncatingIfNeeded: value & (UInt64.max >> UInt64(64 - bits)))
    }
}

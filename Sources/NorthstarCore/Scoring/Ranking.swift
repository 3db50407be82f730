/// A ranked item: its place and everything that explains it.
public struct RankedItem: Sendable, Hashable {
    /// 1 for the item to do first.
    public var rank: Int
    /// The item, score and factors.
    public var scored: ScoredItem
    /// Whether these are the item's last good values, kept because its file (or the item) no
    /// longer reads (daemon only).
    public var isStale: Bool

    /// The item.
    public var item: Item { scored.item }
}

/// Orders scored items: highest score first, ties broken by id, so that the order is a
/// function of scores and ids alone, whatever order files were read in.
public enum Ranking {
    /// Whether `a` comes before `b`.
    public static func precedes(_ a: ScoredItem, _ b: ScoredItem) -> Bool {
        if a.score != b.score { return a.score > b.score }
        return a.item.id.utf8.lexicographicallyPrecedes(b.item.id.utf8)
    }

    /// Ranks `scored` items (open and in-progress only; the caller filters by status).
    /// `staleIDs` names items whose values are last-good copies.
    public static func rank(_ scored: [ScoredItem], staleIDs: Set<String> = []) -> [RankedItem] {
        // Sort small keys, not the large item values themselves.
        let order = scored.indices.sorted { a, b in
            let x = scored[a], y = scored[b]
            if x.score != y.score { return x.score > y.score }
            return x.item.id.utf8.lexicographicallyPrecedes(y.item.id.utf8)
        }
        var ranked: [RankedItem] = []
        ranked.reserveCapacity(scored.count)
        for (position, index) in order.enumerated() {
            let s = scored[index]
            ranked.append(RankedItem(rank: position + 1, scored: s, isStale: !staleIDs.isEmpty && staleIDs.contains(s.item.id)))
        }
        return ranked
    }
}

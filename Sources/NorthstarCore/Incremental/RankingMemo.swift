/// What a long-running process remembers about each ranked item between recomputations: its
/// score, its lines in the ranking files and its change-log entry. All three depend only on the
/// item, whether it is stale and the config, so after a one-item edit in a 100,000-item backlog
/// only that item is scored and rendered again; every other item's work is reused.
///
/// Remembered work is used only for an item equal, field for field, to the one it was done for
/// (items are shared boxes, so an item from a file that was not re-read compares by identity),
/// and everything is forgotten when the config changes. The outputs are therefore byte-identical
/// to a pass without the memo — a property test holds the two together.
public struct RankingMemo: Sendable {
    /// One ranked item's remembered work (immutable and shared: a look-up hands out a
    /// reference, not a copy of every field).
    public final class RememberedItem: Sendable {
        /// The item's score and factors (the item is `scored.item`).
        public let scored: ScoredItem
        /// Whether the item was stale when its rows were rendered.
        public let isStale: Bool
        /// Its lines in the ranking files.
        public let rows: ItemLines
        /// Its change-log entry (rank unset).
        public let entry: RankingSnapshot.Entry
        /// What `ItemChecks` says about the item under the config (usually nothing).
        public let checks: [Diagnostic]

        /// Scores are already in `r`, and its config checks in `checks` (as the validator found
        /// them); renders its rows and entry under `config`.
        public init(_ r: RankedItem, checks: [Diagnostic], config: Config) {
            scored = r.scored
            isStale = r.isStale
            rows = ItemLines.render(r, config: config)
            entry = RankingSnapshot.entry(r)
            self.checks = checks
        }
    }

    /// The policy the remembered work was done under.
    private var policy: RankingPolicy?
    private var byID: [String: RememberedItem] = [:]
    /// The same work by the identity of the item's shared fields: an item from a file that was
    /// not read again is found with one integer look-up instead of hashing its id. (Each entry's
    /// `RememberedItem` keeps its item alive, so identities are never reused while remembered.)
    private var byItem: [ObjectIdentifier: RememberedItem] = [:]
    /// The previous pass's ranked items' work, in rank order: walked alongside the new order,
    /// it finds most items where they were without a look-up.
    private var lastOrder: [RememberedItem] = []
    /// The last pass's closed items and their part of `ranking.json` (the items are kept, so an
    /// unchanged one is found by identity; an equal one read again takes its place).
    private var closed: (items: [Item], json: [UInt8])?

    /// Nothing remembered.
    public init() {}

    /// Number of items remembered.
    public var count: Int { byID.count }

    /// Starts a pass under `config`: everything remembered under another ranking policy is
    /// forgotten (a config that differs only in what no item's work depends on keeps it).
    public mutating func use(_ config: Config) {
        let policy = config.rankingPolicy
        if self.policy != policy {
            self.policy = policy
            byID = [:]
            byItem = [:]
            lastOrder = []
            closed = nil
        }
    }

    /// Whether the work remembered was done under `config` (and may be reused for it).
    public func holds(_ config: Config) -> Bool { policy == config.rankingPolicy }

    /// The `ItemChecks` of `item` remembered from an earlier pass, if it is the very same item
    /// (found by identity only). Only meaningful when `holds(_:)` the config of the pass asking.
    public func checks(_ item: Item) -> [Diagnostic]? { byItem[item.identity]?.checks }

    /// The score of `item` remembered from an earlier pass, if it is exactly the same item.
    /// Only meaningful when `holds(_:)` the config of the pass asking.
    public func scored(_ item: Item) -> ScoredItem? {
        if let p = byItem[item.identity] { return p.scored }
        guard let p = byID[item.id], p.scored.item == item else { return nil }
        return p.scored
    }

    /// For each ranked item of `e` (in rank order), its remembered rows and entry, or `nil` when
    /// it must be rendered. Nothing is found unless `use(_:)` was given `e.config`.
    public func lookup(_ e: Evaluation) -> [RememberedItem?] { lookup(e.ranked, config: e.config) }

    /// `lookup(_:)` for `ranked` under `config`.
    func lookup(_ ranked: [RankedItem], config: Config) -> [RememberedItem?] {
        guard holds(config) else { return Array(repeating: nil, count: ranked.count) }
        // Both orders are by `Ranking.precedes`: walking the previous one alongside finds each
        // unchanged item at the walk's position (the very same scored item); only items that
        // changed, came or moved are looked up.
        var walk = 0
        return ranked.map { r in
            while walk < lastOrder.count {
                let p = lastOrder[walk]
                if p.scored.identity == r.scored.identity {
                    walk += 1
                    return p.isStale == r.isStale ? p : nil
                }
                guard Ranking.precedes(p.scored, r.scored) else { break }
                walk += 1
            }
            if let p = byItem[r.item.identity] { return p.isStale == r.isStale ? p : nil }
            guard let p = byID[r.item.id], p.isStale == r.isStale, p.scored.item == r.item else { return nil }
            return p
        }
    }

    /// Remembers the work done for the ranked items of `e` at `indices` (the ones `lookup`
    /// did not find). Items no longer ranked are forgotten once they outnumber the ranked ones.
    public mutating func remember(_ e: Evaluation, prepared: [RememberedItem], at indices: [Int]) {
        guard holds(e.config) else { return }
        for (index, p) in zip(indices, prepared) {
            if let old = byID[e.ranked[index].item.id] { byItem[old.scored.item.identity] = nil }
            byID[e.ranked[index].item.id] = p
            byItem[p.scored.item.identity] = p
        }
        if byID.count > 2 * e.ranked.count + 1024 {
            let current = Set(e.ranked.map(\.item.id))
            byID = byID.filter { current.contains($0.key) }
            byItem = Dictionary(byID.values.map { ($0.scored.item.identity, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Each ranked item's rows, the closed items' part of `ranking.json` and the change-log
    /// snapshot of `e`, reusing remembered work and remembering the new. `map` applies its
    /// function to each of the given indices of `e.ranked`, in order (the shell spreads that over
    /// the cores; by default it runs here).
    /// `gathered`, when given, is what `gather` found for `e`'s ranking while its plan was being
    /// made; it is used if it was gathered for this very ranking (else the work is gathered here).
    public mutating func prepare(_ e: Evaluation, gathered: consuming Gathered? = nil,
                                 map: ([Int], @Sendable (Int) -> RememberedItem) -> [RememberedItem] = { $0.map($1) })
        -> (rows: [ItemLines], closedJSON: [UInt8], snapshot: RankingSnapshot, rendered: Int) {
        use(e.config)
        // Items compare by identity first, and field by field (the place in the file too) when
        // they were read again: equal closed items write the same part.
        let closedJSON = closed.flatMap { $0.items == e.closed ? $0.json : nil } ?? RankingJSON.closedPart(e.closed)
        closed = (e.closed, closedJSON)
        var g: Gathered
        if let early = gathered.take(), early.fits(e) {
            g = early
        } else {
            g = assemble(e.ranked, found: lookup(e.ranked, config: e.config), config: e.config, itemChecks: e.itemChecks, map: map)
        }
        remember(e, prepared: g.fresh, at: g.missing)
        lastOrder = g.order
        // Handed over whole, so that the snapshot sets each entry's rank in place.
        let entries = g.entries
        g.entries = []
        return (g.rows, closedJSON, RankingSnapshot(e, entries: consume entries), g.missing.count)
    }

    /// Each ranked item's remembered work, found or rendered, for a ranking whose plan is not
    /// made yet: what `prepare` needs besides the plan. Made apart from the memo (it only reads
    /// it), so a long-running process can gather on one core while the plan is made on the other.
    public struct Gathered: Sendable {
        /// The policy it was gathered under, and which scored items it was gathered for (kept
        /// alive by `order`), with their stale flags.
        fileprivate let policy: RankingPolicy
        fileprivate let identities: [ObjectIdentifier]
        fileprivate let stale: [Bool]
        /// Each ranked item's work, in rank order, and its lines and change-log entry.
        fileprivate let order: [RememberedItem]
        fileprivate let rows: [ItemLines]
        fileprivate var entries: [RankingSnapshot.Entry]
        /// The ranked items that had to be rendered (their places), and their work.
        fileprivate let missing: [Int]
        fileprivate let fresh: [RememberedItem]

        /// Whether this was gathered for `e`'s very ranking: the same scored items in the same
        /// order, as stale as they were, under the same policy.
        fileprivate func fits(_ e: Evaluation) -> Bool {
            policy == e.config.rankingPolicy && identities.elementsEqual(e.ranked.lazy.map(\.scored.identity))
                && stale.elementsEqual(e.ranked.lazy.map(\.isStale))
        }
    }

    /// The work of each of `ranked` (in rank order) under `config`: remembered where it can be,
    /// rendered otherwise (through `map`, as for `prepare`), with each item's config checks
    /// from `itemChecks`. Remembers nothing: `prepare` does, given the result. Nil when more
    /// than `renderingAtMost` items would have to be rendered (a caller without the cores to
    /// spread them over leaves them to `prepare`).
    public func gather(_ ranked: [RankedItem], config: Config, itemChecks: [String: [Diagnostic]], renderingAtMost limit: Int = .max,
                       map: ([Int], @Sendable (Int) -> RememberedItem) -> [RememberedItem] = { $0.map($1) }) -> Gathered? {
        let found = lookup(ranked, config: config)
        guard found.count(where: { $0 == nil }) <= limit else { return nil }
        return assemble(ranked, found: found, config: config, itemChecks: itemChecks, map: map)
    }

    /// The gathered work of `ranked` given what the look-up `found`, the rest rendered.
    private func assemble(_ ranked: [RankedItem], found: consuming [RememberedItem?], config: Config, itemChecks: [String: [Diagnostic]],
                          map: ([Int], @Sendable (Int) -> RememberedItem) -> [RememberedItem]) -> Gathered {
        var found = found
        let missing = found.indices.filter { found[$0] == nil }
        let fresh = map(missing) { RememberedItem(ranked[$0], checks: itemChecks[ranked[$0].item.id] ?? [], config: config) }
        for (index, p) in zip(missing, fresh) { found[index] = p }
        var order: [RememberedItem] = []
        var rows: [ItemLines] = []
        var entries: [RankingSnapshot.Entry] = []
        order.reserveCapacity(found.count)
        rows.reserveCapacity(found.count)
        entries.reserveCapacity(found.count)
        for p in found {
            guard let p else { continue }
            order.append(p)
            rows.append(p.rows)
            entries.append(p.entry)
        }
        return Gathered(policy: config.rankingPolicy, identities: ranked.map(\.scored.identity), stale: ranked.map(\.isStale),
                        order: order, rows: rows, entries: entries, missing: missing, fresh: fresh)
    }
}

/// Compares two rankings and says what moved and why: items added, removed, closed or
/// reopened, every rank or score change with the item's own input changes, and the weighting
/// changes that explain moves no input explains. Pure.
public enum RankingDiff {
    /// The change set from `old` to `new`. `unranked` (from the new evaluation) says which
    /// items that left the ranking are still there but have an error.
    public static func diff(from old: RankingSnapshot, to new: RankingSnapshot, trigger: ChangeTrigger, time: String,
                            unranked: UnrankedItems = UnrankedItems()) -> ChangeSet {
        // Positions, not copies of entries: a 100,000-item ranking is matched cheaply.
        let (inOld, inNew) = match(old.ranked, new.ranked)
        // The closed lists are looked up only for items that entered or left the ranking.
        var oldClosedIndex: [String: Int]?, newClosedIndex: [String: Int]?
        func oldClosed(_ id: String) -> Int? {
            if oldClosedIndex == nil { oldClosedIndex = index(old.closed) }
            return oldClosedIndex?[id]
        }
        func newClosed(_ id: String) -> Int? {
            if newClosedIndex == nil { newClosedIndex = index(new.closed) }
            return newClosedIndex?[id]
        }

        var added: [ItemPresence] = [], reopened: [ItemPresence] = []
        for j in new.ranked.indices where inOld[j] == nil {
            let e = new.ranked[j]
            if let was = oldClosed(e.id) {
                reopened.append(ItemPresence(id: e.id, title: e.title, rank: e.rank, score: e.score, status: old.closed[was].status))
            } else {
                added.append(ItemPresence(id: e.id, title: e.title, rank: e.rank, score: e.score, status: nil))
            }
        }
        var removed: [ItemPresence] = [], closed: [ItemPresence] = []
        for i in old.ranked.indices where inNew[i] == nil {
            let e = old.ranked[i]
            if let now = newClosed(e.id) {
                closed.append(ItemPresence(id: e.id, title: new.closed[now].title, rank: e.rank, score: e.score, status: new.closed[now].status))
            } else {
                let why = unranked.error(for: e.id, file: e.file).map(RemovalReason.error) ?? .deleted
                removed.append(ItemPresence(id: e.id, title: e.title, rank: e.rank, score: e.score, status: nil, removal: why))
            }
        }

        let configChanges = fieldChanges(old.weights, new.weights)
        var (moves, shifted) = self.moves(from: old, to: new, inOld: inOld, inNew: inNew, configChanged: !configChanges.isEmpty)
        markOvertakers(&moves, added: added)
        // Plan changes, for items in both rankings that both plans decided on.
        var funded: [ItemPresence] = [], unfunded: [ItemPresence] = []
        for j in new.ranked.indices {
            guard let i = inOld[j], let now = new.ranked[j].funded, let was = old.ranked[i].funded, now != was else { continue }
            let e = new.ranked[j]
            let presence = ItemPresence(id: e.id, title: e.title, rank: e.rank, score: e.score, status: nil)
            if now { funded.append(presence) } else { unfunded.append(presence) }
        }
        return ChangeSet(
            time: time, trigger: trigger, configDigest: (old.configDigest, new.configDigest),
            configChanges: old.configDigest.isEmpty ? [] : configChanges,
            added: added, reopened: reopened, removed: removed, closed: closed, moves: moves,
            shifted: shifted, rankedCount: new.ranked.count, funded: funded, unfunded: unfunded)
    }

    /// Every item whose score changed or that moved relative to the others (with its input
    /// changes and cause), in new rank order, and how many merely shifted.
    static func moves(from old: RankingSnapshot, to new: RankingSnapshot, inOld: [Int?], inNew: [Int?], configChanged: Bool)
        -> (moves: [ItemMove], shifted: Int) {
        // Items ranked before and after with an unchanged score, in their old order, with their
        // new ranks. The longest run of them that kept its relative order merely shifted; the
        // rest moved (as did every item whose score changed).
        // One shared entry in both rankings has one score: only the others' scores are read.
        let before = old.ranked, after = new.ranked
        var common: [(old: Int, new: Int)] = []
        common.reserveCapacity(before.count)
        for i in before.indices {
            guard let j = inNew[i], after[j].rank != nil, before[i].rank != nil,
                  before[i].identity == after[j].identity || after[j].score == before[i].score else { continue }
            common.append((i, j))
        }
        let kept = longestIncreasingRun(common.map { after[$0.new].rank ?? 0 })
        var reordered = [Bool](repeating: false, count: after.count)
        for (k, pair) in common.enumerated() where !kept[k] { reordered[pair.new] = true }
        var moves: [ItemMove] = []
        var shifted = 0
        for j in after.indices {
            guard let i = inOld[j], let from = before[i].rank, let to = after[j].rank else { continue }
            if !reordered[j], before[i].identity == after[j].identity {
                if from != to, before[i].score != nil { shifted += 1 }
                continue
            }
            guard let fromScore = before[i].score, let toScore = after[j].score else { continue }
            guard reordered[j] || fromScore != toScore else {
                if from != to { shifted += 1 }
                continue
            }
            let e = after[j]
            let inputs = fieldChanges(before[i].inputs, e.inputs)
            let cause: MoveCause = !inputs.isEmpty ? .inputs : (configChanged ? .config : .others)
            moves.append(ItemMove(id: e.id, title: e.title, fromRank: from, toRank: to, fromScore: fromScore, toScore: toScore,
                                  inputs: inputs, cause: cause, overtakenBy: []))
        }
        return (moves, shifted)
    }

    /// Who overtook each item that fell: among the few that rose or entered (bounded, never
    /// quadratic in the backlog).
    static func markOvertakers(_ moves: inout [ItemMove], added: [ItemPresence]) {
        let risers = moves.filter { $0.toRank < $0.fromRank } + added.map {
            ItemMove(id: $0.id, title: $0.title, fromRank: Int.max, toRank: $0.rank ?? 0, fromScore: 0, toScore: 0, inputs: [], cause: .inputs, overtakenBy: [])
        }
        guard risers.count <= 64 else { return }
        for i in moves.indices where moves[i].toRank > moves[i].fromRank {
            moves[i].overtakenBy = Array(risers.filter { $0.toRank < moves[i].toRank && $0.fromRank > moves[i].fromRank }.map(\.id).prefix(10))
        }
    }

    /// Marks the members of one longest strictly increasing subsequence of `values` (patience sorting,
    /// O(n log n)).
    static func longestIncreasingRun(_ values: [Int]) -> [Bool] {
        var tails: [Int] = []          // index into values of the smallest tail of each length
        var parent = [Int](repeating: -1, count: values.count)
        for (i, v) in values.enumerated() {
            var lo = 0, hi = tails.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if values[tails[mid]] < v { lo = mid + 1 } else { hi = mid }
            }
            if lo > 0 { parent[i] = tails[lo - 1] }
            if lo == tails.count { tails.append(i) } else { tails[lo] = i }
        }
        var run = [Bool](repeating: false, count: values.count)
        var cursor = tails.last ?? -1
        while cursor >= 0 {
            run[cursor] = true
            cursor = parent[cursor]
        }
        return run
    }

    /// Pairs the entries of two rankings by id: for each entry of `new`, the position of the
    /// same item in `old`, and for each entry of `old`, its position in `new` (`nil`: absent).
    /// Entries carried over unchanged are one shared object in both and are paired by identity:
    /// after an edit of a few items they sit in the same order in both rankings, so walking the
    /// two side by side pairs almost all of them with one comparison each. Only the few left
    /// over (the items that changed, entered, left or moved far) are looked up, by identity and
    /// then by id. Ids are unique within a ranking (the validator rejects duplicates); should a
    /// hand-edited baseline repeat one, each entry is paired at most once.
    static func match(_ old: [RankingSnapshot.Entry], _ new: [RankingSnapshot.Entry]) -> (inOld: [Int?], inNew: [Int?]) {
        var inOld = [Int?](repeating: nil, count: new.count)
        var inNew = [Int?](repeating: nil, count: old.count)
        var unpaired: [Int] = []
        // The walk looks a few entries ahead in `old`, past the ones that left or moved down.
        let reach = 16
        var walk = 0
        for j in new.indices {
            let identity = new[j].identity
            var i = walk
            let end = min(old.count, walk + reach)
            while i < end, old[i].identity != identity { i += 1 }
            if i < end {
                inOld[j] = i
                inNew[i] = j
                walk = i + 1
            } else {
                unpaired.append(j)
            }
        }
        guard !unpaired.isEmpty else { return (inOld, inNew) }
        var byIdentity: [ObjectIdentifier: Int] = [:], byID: [String: Int] = [:]
        for i in old.indices where inNew[i] == nil {
            if byIdentity[old[i].identity] == nil { byIdentity[old[i].identity] = i }
        }
        var byItsID: [Int] = []
        for j in unpaired {
            if let i = byIdentity[new[j].identity], inNew[i] == nil {
                inOld[j] = i
                inNew[i] = j
            } else {
                byItsID.append(j)
            }
        }
        guard !byItsID.isEmpty else { return (inOld, inNew) }
        for i in old.indices where inNew[i] == nil && byID[old[i].id] == nil { byID[old[i].id] = i }
        for j in byItsID {
            guard let i = byID[new[j].id], inNew[i] == nil else { continue }
            inOld[j] = i
            inNew[i] = j
        }
        return (inOld, inNew)
    }

    /// Position of each id (the first, should one repeat).
    static func index(_ entries: [RankingSnapshot.Entry]) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() where positions[e.id] == nil { positions[e.id] = i }
        return positions
    }

    /// Field-by-field differences, sorted by field; `depends_on` as `+X` / `-X`.
    static func fieldChanges(_ old: [String: String], _ new: [String: String]) -> [FieldChange] {
        var out: [FieldChange] = []
        for field in Set(old.keys).union(new.keys).sorted() where old[field] != new[field] {
            if field == "depends_on" {
                let before = Set((old[field] ?? "").split(separator: " ").map(String.init))
                let after = Set((new[field] ?? "").split(separator: " ").map(String.init))
                for id in after.subtracting(before).sorted() { out.append(FieldChange(field: field, from: nil, to: "+" + id)) }
                for id in before.subtracting(after).sorted() { out.append(FieldChange(field: field, from: "-" + id, to: nil)) }
            } else {
                out.append(FieldChange(field: field, from: old[field], to: new[field]))
            }
        }
        return out
    }
}

/// Compares two rankings and says what moved and why: items added, removed, closed or
/// reopened, every rank or score change with the item's own input changes, and the weighting
/// changes that explain moves no input explains. Pure.
public enum RankingDiff {
    /// The change set from `old` to `new`.
    public static func diff(from old: RankingSnapshot, to new: RankingSnapshot, trigger: ChangeTrigger, time: String) -> ChangeSet {
        let oldRanked = index(old.ranked), newRanked = index(new.ranked)
        let oldClosed = index(old.closed), newClosed = index(new.closed)

        var added: [ItemPresence] = [], reopened: [ItemPresence] = []
        for e in new.ranked where oldRanked[e.id] == nil {
            if let was = oldClosed[e.id] {
                reopened.append(ItemPresence(id: e.id, title: e.title, rank: e.rank, score: e.score, status: was.status))
            } else {
                added.append(ItemPresence(id: e.id, title: e.title, rank: e.rank, score: e.score, status: nil))
            }
        }
        var removed: [ItemPresence] = [], closed: [ItemPresence] = []
        for e in old.ranked where newRanked[e.id] == nil {
            if let now = newClosed[e.id] {
                closed.append(ItemPresence(id: e.id, title: now.title, rank: e.rank, score: e.score, status: now.status))
            } else {
                removed.append(ItemPresence(id: e.id, title: e.title, rank: e.rank, score: e.score, status: nil))
            }
        }

        let configChanges = fieldChanges(old.weights, new.weights)
        var moves: [ItemMove] = []
        for e in new.ranked {
            guard let before = oldRanked[e.id], let from = before.rank, let to = e.rank,
                  let fromScore = before.score, let toScore = e.score,
                  from != to || fromScore != toScore else { continue }
            let inputs = fieldChanges(before.inputs, e.inputs)
            let cause: MoveCause = !inputs.isEmpty ? .inputs : (!configChanges.isEmpty ? .config : .others)
            var overtakers: [String] = []
            if to > from {
                overtakers = new.ranked.prefix(to - 1).compactMap { other in
                    guard let otherBefore = oldRanked[other.id]?.rank, otherBefore > from else { return nil }
                    return other.id
                }
            }
            moves.append(ItemMove(id: e.id, title: e.title, fromRank: from, toRank: to, fromScore: fromScore, toScore: toScore,
                                  inputs: inputs, cause: cause, overtakenBy: overtakers))
        }
        return ChangeSet(
            time: time, trigger: trigger, configDigest: (old.configDigest, new.configDigest),
            configChanges: old.configDigest.isEmpty ? [] : configChanges,
            added: added, reopened: reopened, removed: removed, closed: closed, moves: moves,
            rankedCount: new.ranked.count)
    }

    static func index(_ entries: [RankingSnapshot.Entry]) -> [String: RankingSnapshot.Entry] {
        Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
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

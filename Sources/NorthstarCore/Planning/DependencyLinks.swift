/// What blocks each ranked item and what it unblocks: its open dependencies (anything it
/// depends on that is not `done`) and the ranked items that depend on it.
public struct DependencyLinks: Sendable, Hashable {
    /// For each ranked item with open dependencies, their ids in the order written.
    public private(set) var blockedBy: [String: [String]] = [:]
    /// For each ranked item that others depend on, their ids in rank order.
    public private(set) var unblocks: [String: [String]] = [:]

    /// No links.
    public init() {}

    /// The links among `ranked`, given the `closed` items (a `done` dependency blocks nothing).
    public init(ranked: [RankedItem], closed: [Item]) {
        var done = Set<String>()
        for item in closed where item.status == .done { done.insert(item.id) }
        for r in ranked where !r.item.dependsOn.isEmpty {
            var open: [String] = []
            for dep in r.item.dependsOn where !done.contains(dep) && dep != r.item.id && !open.contains(dep) { open.append(dep) }
            guard !open.isEmpty else { continue }
            blockedBy[r.item.id] = open
            for dep in open { unblocks[dep, default: []].append(r.item.id) }
        }
    }

    /// The same links after the ranked items `moved` changed places, the others keeping their
    /// order among themselves, `position` giving every ranked item's new place: each list of
    /// what an item unblocks that holds a moved item is put back in rank order. Only for moves
    /// that bring no item into the ranking or out of it, and make none done or no longer done
    /// (then nothing else about the links changes).
    func reordered(moved: [String], position: (String) -> Int?) -> DependencyLinks {
        var links = self
        var lists = Set<String>()
        for id in moved { for dep in blockedBy[id] ?? [] { lists.insert(dep) } }
        for dep in lists { links.unblocks[dep]?.sort { (position($0) ?? .max) < (position($1) ?? .max) } }
        return links
    }

    /// Whether `id` can start now: nothing it depends on is still open.
    public func canStart(_ id: String) -> Bool { blockedBy[id] == nil }

    /// Whether any item is blocked.
    public var isEmpty: Bool { blockedBy.isEmpty }

    /// `ranked` reordered so that a blocker comes right before the highest-ranked item it
    /// unblocks (`scoring.dependencies: inherit`); scores are unchanged, ranks renumbered.
    public func inheritOrder(_ ranked: [RankedItem]) -> [RankedItem] {
        guard !blockedBy.isEmpty else { return ranked }
        var index: [String: Int] = [:]
        for (i, r) in ranked.enumerated() { index[r.item.id] = i }
        func blockers(of position: Int, _ index: [String: Int]) -> [Int] {
            (blockedBy[ranked[position].item.id] ?? []).compactMap { index[$0] }.sorted()
        }
        var placed = [Bool](repeating: false, count: ranked.count)
        var out: [RankedItem] = []
        out.reserveCapacity(ranked.count)
        // Depth first through blockers, in their own rank order, with an explicit stack (a chain
        // of dependencies may be long); a cycle is cut where it closes.
        for start in ranked.indices where !placed[start] {
            var visiting: Set<Int> = [start]
            var stack: [(item: Int, blockers: [Int], next: Int)] = [(start, blockers(of: start, index), 0)]
            while var top = stack.popLast() {
                if top.next < top.blockers.count {
                    let b = top.blockers[top.next]
                    top.next += 1
                    stack.append(top)
                    if !placed[b], visiting.insert(b).inserted { stack.append((b, blockers(of: b, index), 0)) }
                } else if !placed[top.item] {
                    placed[top.item] = true
                    out.append(ranked[top.item])
                }
            }
        }
        for i in out.indices { out[i].rank = i + 1 }
        return out
    }
}

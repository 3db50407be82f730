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
        var placed = [Bool](repeating: false, count: ranked.count)
        var out: [RankedItem] = []
        out.reserveCapacity(ranked.count)
        // Depth-first through blockers, in their own rank order; a cycle is cut where it closes.
        func place(_ i: Int, visiting: inout Set<Int>) {
            guard !placed[i], visiting.insert(i).inserted else { return }
            let blockers = (blockedBy[ranked[i].item.id] ?? []).compactMap { index[$0] }.sorted()
            for b in blockers { place(b, visiting: &visiting) }
            placed[i] = true
            out.append(ranked[i])
        }
        for i in ranked.indices {
            var visiting = Set<Int>()
            place(i, visiting: &visiting)
        }
        for i in out.indices { out[i].rank = i + 1 }
        return out
    }
}

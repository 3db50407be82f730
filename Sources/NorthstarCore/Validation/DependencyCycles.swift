/// Finds `depends_on` cycles in the backlog so they can be named in full.
public enum DependencyCycles {
    /// Every cycle among `edges` (id -> ids it depends on), each as the ids in order, starting at
    /// its smallest id and not repeating it at the end. Self-dependencies are cycles of one.
    /// Iterative (Tarjan's strongly connected components), so a long chain cannot overflow the stack.
    public static func find(_ edges: [String: [String]]) -> [[String]] {
        let nodes = edges.keys.sorted()
        var index: [String: Int] = [:]
        var lowlink: [String: Int] = [:]
        var onStack: Set<String> = []
        var stack: [String] = []
        var next = 0
        var components: [[String]] = []

        for root in nodes where index[root] == nil {
            // Each work entry: a node and the position of the next neighbour to visit.
            var work: [(node: String, neighbour: Int)] = [(root, 0)]
            index[root] = next; lowlink[root] = next; next += 1
            stack.append(root); onStack.insert(root)
            while let (node, position) = work.last {
                let neighbours = (edges[node] ?? []).filter { edges[$0] != nil }
                if position < neighbours.count {
                    work[work.count - 1].neighbour += 1
                    let m = neighbours[position]
                    if index[m] == nil {
                        index[m] = next; lowlink[m] = next; next += 1
                        stack.append(m); onStack.insert(m)
                        work.append((m, 0))
                    } else if onStack.contains(m) {
                        lowlink[node] = min(lowlink[node] ?? 0, index[m] ?? 0)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node {
                    lowlink[parent] = min(lowlink[parent] ?? 0, lowlink[node] ?? 0)
                }
                if lowlink[node] == index[node] {
                    var component: [String] = []
                    while let top = stack.popLast() {
                        onStack.remove(top)
                        component.append(top)
                        if top == node { break }
                    }
                    let selfLoop = component.count == 1 && (edges[node] ?? []).contains(node)
                    if component.count > 1 || selfLoop { components.append(component) }
                }
            }
        }
        return components.map { cyclePath(through: Set($0), edges: edges) }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// A concrete cycle inside a strongly connected component, from its smallest id.
    static func cyclePath(through members: Set<String>, edges: [String: [String]]) -> [String] {
        guard let start = members.min() else { return [] }
        // Breadth-first search from start back to start, inside the component: shortest cycle.
        var previous: [String: String] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            for m in (edges[node] ?? []).sorted() where members.contains(m) {
                if m == start {
                    var path = [node]
                    var cursor = node
                    while cursor != start, let p = previous[cursor] { path.append(p); cursor = p }
                    return path.reversed()
                }
                if previous[m] == nil, m != start {
                    previous[m] = node
                    queue.append(m)
                }
            }
        }
        return members.sorted()
    }
}

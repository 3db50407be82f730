/// Finds `depends_on` cycles in the backlog so they can be named in full.
public enum DependencyCycles {
    /// Every cycle among `edges` (id -> ids it depends on), each as the ids in order, starting at
    /// its smallest id and not repeating it at the end. Self-dependencies are cycles of one.
    /// Iterative (Tarjan's strongly connected components over integer indices), so a long
    /// chain cannot overflow the stack and 100,000 items take milliseconds.
    public static func find(_ edges: [String: [String]]) -> [[String]] {
        let names = Array(edges.keys)
        return find(names, dependencies: names.map { edges[$0] ?? [] })
    }

    /// Every cycle among the items `names` whose dependencies are `dependencies` (aligned), as
    /// `find(_:)` gives them. Items without dependencies cannot be in a cycle and are left out
    /// of the search, so a large backlog with few dependencies costs little; the result does not
    /// depend on the order of `names`.
    public static func find(_ allNames: [String], dependencies: [[String]]) -> [[String]] {
        var names: [String] = []
        var indexOf: [String: Int] = [:]
        for (i, n) in allNames.enumerated() where !dependencies[i].isEmpty && indexOf[n] == nil {
            indexOf[n] = names.count
            names.append(n)
        }
        var edges: [[String]] = Array(repeating: [], count: names.count)
        var graph: [[Int]] = Array(repeating: [], count: names.count)
        for (i, n) in allNames.enumerated() where !dependencies[i].isEmpty {
            guard let node = indexOf[n], graph[node].isEmpty, edges[node].isEmpty else { continue }
            graph[node] = dependencies[i].compactMap { indexOf[$0] }
            edges[node] = dependencies[i]
        }
        let count = names.count
        var index = [Int](repeating: -1, count: count)
        var lowlink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var next = 0
        var components: [[Int]] = []

        for root in 0..<count where index[root] < 0 {
            var work: [(node: Int, neighbour: Int)] = [(root, 0)]
            index[root] = next; lowlink[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while let (node, position) = work.last {
                if position < graph[node].count {
                    work[work.count - 1].neighbour += 1
                    let m = graph[node][position]
                    if index[m] < 0 {
                        index[m] = next; lowlink[m] = next; next += 1
                        stack.append(m); onStack[m] = true
                        work.append((m, 0))
                    } else if onStack[m] {
                        lowlink[node] = min(lowlink[node], index[m])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowlink[parent] = min(lowlink[parent], lowlink[node]) }
                if lowlink[node] == index[node] {
                    var component: [Int] = []
                    while let top = stack.popLast() {
                        onStack[top] = false
                        component.append(top)
                        if top == node { break }
                    }
                    if component.count > 1 || graph[node].contains(node) { components.append(component) }
                }
            }
        }
        guard !components.isEmpty else { return [] }
        var edgesByName: [String: [String]] = [:]
        for component in components { for node in component { edgesByName[names[node]] = edges[node] } }
        return components
            .map { cyclePath(through: Set($0.map { names[$0] }), edges: edgesByName) }
            .sorted { $0.lexicographicallyPrecedes($1) }
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

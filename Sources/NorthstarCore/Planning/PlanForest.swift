/// The shape most backlogs' dependencies have: each open item needs at most one other open
/// item, so they form a forest. Laid out in depth-first order, a subtree is a run of positions,
/// which is what the grid programme (`PlanGridDP`) and the value-for-money blocks
/// (`PlanBlocks`) walk.
struct PlanForest {
    /// The free candidates in depth-first order of the forest their dependencies form.
    let items: [Int]
    /// Where the subtree of each position ends (the position after its last dependant).
    let subtreeEnd: [Int]
    /// The position of each position's parent (the item it depends on), -1 for a root.
    let parent: [Int]
    /// The position of each candidate, -1 for one that is not free.
    let position: [Int]

    /// The forest of the free candidates (`isFree`), or nil when some candidate needs more than
    /// one open candidate (`freeDependency` gives -1) or the dependencies loop.
    init?(count: Int, isFree: (Int) -> Bool, freeDependency: (Int) -> Int?) {
        // Children by counting: each parent's dependants in candidate order, in one flat array.
        var parentOf = [Int](repeating: -2, count: count)
        var childCount = [Int](repeating: 0, count: count + 1)
        var freeCount = 0
        for i in 0..<count where isFree(i) {
            freeCount += 1
            guard let p = freeDependency(i) else { parentOf[i] = -1; continue }
            guard p >= 0 else { return nil }
            parentOf[i] = p
            childCount[p + 1] += 1
        }
        for i in 0..<count { childCount[i + 1] += childCount[i] }
        var fill = childCount
        var children = [Int](repeating: 0, count: childCount[count])
        for i in 0..<count where parentOf[i] >= 0 {
            children[fill[parentOf[i]]] = i
            fill[parentOf[i]] += 1
        }
        var order: [Int] = [], parents: [Int] = []
        order.reserveCapacity(freeCount)
        parents.reserveCapacity(freeCount)
        var position = [Int](repeating: -1, count: count)
        var endAt = [Int](repeating: 0, count: freeCount)
        var stack: [(item: Int, position: Int, next: Int)] = []
        for root in 0..<count where parentOf[root] == -1 {
            stack.append((root, order.count, childCount[root]))
            position[root] = order.count
            order.append(root); parents.append(-1)
            while var top = stack.popLast() {
                if top.next < childCount[top.item + 1] {
                    let child = children[top.next]
                    top.next += 1
                    stack.append(top)
                    stack.append((child, order.count, childCount[child]))
                    position[child] = order.count
                    order.append(child); parents.append(top.position)
                } else {
                    endAt[top.position] = order.count
                }
            }
        }
        // An item on a cycle is never reached from a root.
        guard order.count == freeCount else { return nil }
        items = order
        subtreeEnd = endAt
        parent = parents
        self.position = position
    }
}

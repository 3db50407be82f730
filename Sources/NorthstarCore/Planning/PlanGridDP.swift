/// The exact plan by dynamic programming, for the common shape of a backlog: costs on a grid
/// (whole numbers, halves, tenths...), each item depending on at most one other open item (so
/// the dependencies form a forest), and no floors. The items are laid out in depth-first order
/// of that forest; at each one the plan either funds it (and goes on to its first dependant)
/// or leaves it out with everything that depends on it (and jumps past them): a knapsack over
/// the cost grid in time and space proportional to items × grid cells.
struct PlanForest {
    /// The free candidates in depth-first order of the forest their dependencies form.
    let items: [Int]
    /// Where the subtree of each position ends (the position after its last dependant).
    let subtreeEnd: [Int]
    /// The position of each position's parent (the item it depends on), -1 for a root.
    let parent: [Int]

    /// The forest of the free candidates (`isFree`), or nil when some candidate needs more than
    /// one open candidate (`freeDependency` gives -1) or the dependencies loop.
    init?(count: Int, isFree: (Int) -> Bool, freeDependency: (Int) -> Int?) {
        var children: [Int: [Int]] = [:]
        var roots: [Int] = []
        var freeCount = 0
        for i in 0..<count where isFree(i) {
            freeCount += 1
            guard let parent = freeDependency(i) else { roots.append(i); continue }
            guard parent >= 0 else { return nil }
            children[parent, default: []].append(i)
        }
        var order: [Int] = [], parents: [Int] = []
        order.reserveCapacity(freeCount)
        var stack: [(item: Int, position: Int, childIndex: Int)] = []
        var endAt = [Int](repeating: 0, count: freeCount)
        for root in roots {
            stack.append((root, order.count, 0))
            order.append(root); parents.append(-1)
            while var top = stack.popLast() {
                let kids = children[top.item] ?? []
                if top.childIndex < kids.count {
                    let child = kids[top.childIndex]
                    top.childIndex += 1
                    stack.append(top)
                    stack.append((child, order.count, 0))
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
    }

    /// The Lagrangian bound on the value the free candidates can add within `room`: for a price
    /// r per unit of cost, r × room plus the best precedence-closed set's value less r × its
    /// cost (for a forest, each subtree kept only when it pays), minimised over r. A proven
    /// upper bound for any r; for a forest it equals the linear relaxation's.
    /// Also returns the precedence-closed set chosen at the lowest price found whose cost fits
    /// the room: a plan in its own right (the Lagrangian heuristic), as candidate indices.
    func lagrangianBound(value: (Int) -> Double, cost: (Int) -> Double, room: Double) -> (bound: Double, fitting: [Int]) {
        let n = items.count
        guard n > 0 else { return (0, []) }
        let values = items.map(value), costs = items.map(cost)
        var gain = [Double](repeating: 0, count: n), used = [Double](repeating: 0, count: n)
        func evaluate(_ r: Double) -> (bound: Double, cost: Double) {
            for k in 0..<n { gain[k] = values[k] - r * costs[k]; used[k] = costs[k] }
            var total = 0.0, totalCost = 0.0
            for k in stride(from: n - 1, through: 0, by: -1) {
                let g = max(0, gain[k])
                let c = gain[k] > 0 ? used[k] : 0
                if parent[k] >= 0 { gain[parent[k]] += g; used[parent[k]] += c } else { total += g; totalCost += c }
            }
            return (r * room + total, totalCost)
        }
        var low = 0.0, high = ((0..<n).map { values[$0] / costs[$0] }.max() ?? 0) * 1.000001 + 1e-12
        var best = evaluate(high).bound
        for _ in 0..<40 {
            let mid = (low + high) / 2
            let (b, c) = evaluate(mid)
            best = min(best, b)
            if c > room { low = mid } else { high = mid }
        }
        best = min(best, evaluate(low).bound)
        // The set at `high` fits: each subtree kept when its reduced gain is positive.
        _ = evaluate(high)
        var kept = [Bool](repeating: false, count: n)
        var fitting: [Int] = []
        for k in 0..<n where gain[k] > 0 && (parent[k] < 0 || kept[parent[k]]) {
            kept[k] = true
            fitting.append(items[k])
        }
        return (min(best, evaluate(high).bound), fitting)
    }
}

struct PlanGridDP {
    /// The grid steps tried, per cost unit: a cost of 2.5 is 5 cells of a half.
    static let scales: [Double] = [1, 2, 4, 5, 10, 20, 25, 50, 100]
    /// The most table cells (items × capacity cells) the method takes on.
    static let cellLimit = 4_000_000

    /// The free items in depth-first order, each item's cost in cells and value, and where
    /// the subtree of each ends.
    let items: [Int]
    let weights: [Int]
    let values: [Double]
    let subtreeEnd: [Int]
    let capacityCells: Int
    /// Cells per cost unit.
    let scale: Double

    /// The layout of `forest`'s candidates on the cost grid, or nil when their costs sit on no
    /// grid or the table would be too large.
    init?(forest: PlanForest, cost: (Int) -> Double, value: (Int) -> Double, room: Double) {
        let free = forest.items
        guard room >= 0 else { return nil }
        guard !free.isEmpty else {
            items = []; weights = []; values = []; subtreeEnd = []; capacityCells = 0; self.scale = 1
            return
        }
        guard let scale = Self.scales.first(where: { s in free.allSatisfy { Self.isWhole(cost($0) * s) } }) else { return nil }
        // In floating point first: a huge capacity must not overflow an integer.
        let cellsExact = (room * scale + 1e-9).rounded(.down)
        guard cellsExact.isFinite, Double(free.count + 1) * (cellsExact + 1) <= Double(Self.cellLimit) else { return nil }
        items = free
        weights = free.map { Int((cost($0) * scale).rounded()) }
        values = free.map(value)
        subtreeEnd = forest.subtreeEnd
        capacityCells = Int(cellsExact)
        self.scale = scale
    }

    static func isWhole(_ x: Double) -> Bool { abs(x - x.rounded()) <= 1e-12 * max(1, abs(x)) }

    /// The best value at every number of cells from 0 to the capacity (one programme answers
    /// every smaller budget too: the value-for-money frontier).
    func valuesByCells() -> [Double] {
        table().prefix(capacityCells + 1).map { $0 }
    }

    /// best[k * width + c]: the most value from positions k... with c cells left.
    private func table() -> [Double] {
        let n = items.count, width = capacityCells + 1
        var best = [Double](repeating: 0, count: (n + 1) * width)
        for k in stride(from: n - 1, through: 0, by: -1) {
            let w = weights[k], v = values[k], skip = subtreeEnd[k] * width, take = (k + 1) * width, row = k * width
            for c in 0..<width {
                let skipped = best[skip + c]
                best[row + c] = c >= w ? max(skipped, best[take + c - w] + v) : skipped
            }
        }
        return best
    }

    /// The candidates to fund, and their value.
    func solve() -> (funded: [Int], value: Double) {
        let n = items.count, width = capacityCells + 1
        guard n > 0 else { return ([], 0) }
        let best = table()
        var funded: [Int] = []
        var k = 0, c = capacityCells
        while k < n {
            let w = weights[k]
            if c >= w, best[(k + 1) * width + c - w] + values[k] > best[subtreeEnd[k] * width + c] {
                funded.append(items[k])
                c -= w
                k += 1
            } else {
                k = subtreeEnd[k]
            }
        }
        return (funded, best[capacityCells])
    }
}

/// The exact plan by dynamic programming, for the common shape of a backlog: costs on a grid
/// (whole numbers, halves, tenths...), each item depending on at most one other open item (so
/// the dependencies form a forest), and no floors. The items are laid out in depth-first order
/// of that forest; at each one the plan either funds it (and goes on to its first dependant)
/// or leaves it out with everything that depends on it (and jumps past them): a knapsack over
/// the cost grid in time and space proportional to items × grid cells.
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

    /// The layout of the free candidates (`isFree`), or nil when the problem is not of this
    /// shape. `freeDependency(i)` is the one open candidate `i` still needs, nil for none, or
    /// -1 when it needs more than one.
    init?(count: Int, isFree: (Int) -> Bool, freeDependency: (Int) -> Int?, cost: (Int) -> Double,
          value: (Int) -> Double, room: Double) {
        let free = (0..<count).filter(isFree)
        guard room >= 0 else { return nil }
        guard !free.isEmpty else {
            items = []; weights = []; values = []; subtreeEnd = []; capacityCells = 0
            return
        }
        guard let scale = Self.scales.first(where: { s in free.allSatisfy { Self.isWhole(cost($0) * s) } }) else { return nil }
        let cells = Int((room * scale + 1e-9).rounded(.down))
        guard (free.count + 1) * (cells + 1) <= Self.cellLimit else { return nil }
        var children: [Int: [Int]] = [:]
        var roots: [Int] = []
        for i in free {
            guard let parent = freeDependency(i) else { roots.append(i); continue }
            guard parent >= 0 else { return nil }
            children[parent, default: []].append(i)
        }
        // Depth first from each root; an item on a cycle is never reached, and then the shape
        // does not hold.
        var order: [Int] = [], ends: [Int] = []
        order.reserveCapacity(free.count)
        var stack: [(item: Int, position: Int, childIndex: Int)] = []
        var endAt = [Int: Int]()
        for root in roots {
            stack.append((root, order.count, 0))
            order.append(root)
            while var top = stack.popLast() {
                let kids = children[top.item] ?? []
                if top.childIndex < kids.count {
                    let child = kids[top.childIndex]
                    top.childIndex += 1
                    stack.append(top)
                    stack.append((child, order.count, 0))
                    order.append(child)
                } else {
                    endAt[top.position] = order.count
                }
            }
        }
        guard order.count == free.count else { return nil }
        ends = (0..<order.count).map { endAt[$0] ?? $0 + 1 }
        items = order
        weights = order.map { Int((cost($0) * scale).rounded()) }
        values = order.map(value)
        subtreeEnd = ends
        capacityCells = cells
    }

    static func isWhole(_ x: Double) -> Bool { abs(x - x.rounded()) <= 1e-9 * max(1, abs(x)) }

    /// The candidates to fund, and their value.
    func solve() -> (funded: [Int], value: Double) {
        let n = items.count, width = capacityCells + 1
        guard n > 0 else { return ([], 0) }
        // best[k * width + c]: the most value from positions k... with c cells left.
        var best = [Double](repeating: 0, count: (n + 1) * width)
        for k in stride(from: n - 1, through: 0, by: -1) {
            let w = weights[k], v = values[k], skip = subtreeEnd[k] * width, take = (k + 1) * width, row = k * width
            for c in 0..<width {
                let skipped = best[skip + c]
                best[row + c] = c >= w ? max(skipped, best[take + c - w] + v) : skipped
            }
        }
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

/// The exact plan by dynamic programming, for the common shape of a backlog: costs on a grid
/// (whole numbers, halves, tenths...), each item depending on at most one other open item (so
/// the dependencies form a forest, `PlanForest`), and no floors. The items are laid out in
/// depth-first order of that forest; at each one the plan either funds it (and goes on to its
/// first dependant) or leaves it out with everything that depends on it (and jumps past them):
/// a knapsack over the cost grid in time and space proportional to items × grid cells.
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
        // Millions of cells: rows are read and written through one buffer, in two straight runs
        // (the cells too small to take the item, then the rest), which the compiler vectorises.
        best.withUnsafeMutableBufferPointer { table in
            guard let base = table.baseAddress else { return }
            for k in stride(from: n - 1, through: 0, by: -1) {
                let w = min(weights[k], width), v = values[k]
                let skip = base + subtreeEnd[k] * width, take = base + (k + 1) * width, row = base + k * width
                row.update(from: skip, count: w)
                for c in w..<width { row[c] = max(skip[c], take[c - w] + v) }
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

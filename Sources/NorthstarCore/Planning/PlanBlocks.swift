/// A forest's items merged into blocks of value for money: an item whose dependants pay better
/// than it does is worth funding only together with them, so it and they form one block, worth
/// their joint value per unit of cost. Taking whole blocks best first, and a share of the first
/// that does not fit, is the linear relaxation's optimum — the best bound there is without
/// searching (it equals the Lagrangian bound at the best price, with nothing sampled) — and the
/// whole blocks taken make a plan. Built once in O(n log n) by merging leftist heaps up the
/// forest; the blocks under any set of pinned items follow from the same merge history, so the
/// frontier's budgets, each with its own pins, share one build.
struct PlanBlocks {
    let forest: PlanForest
    /// Per block, named by the position of its head (the item the rest depend on): its value
    /// and cost.
    let value: [Double], cost: [Double]
    private let ratio: [Double]
    /// The blocks each block absorbed as it was made, chained; -1 ends a chain.
    private let firstAbsorbed: [Int], nextAbsorbed: [Int]
    /// The block each block was absorbed into, -1 for one that stayed whole.
    private let absorbedInto: [Int]
    /// The blocks that stayed whole, best value for money first.
    let whole: [Int]
    /// Every position, by its own item's value for money (for topping a plan up).
    private let itemOrder: [Int]
    private let itemValue: [Double], itemCost: [Double]
    /// The lowest cost from each place in `itemOrder` on.
    private let cheapestFrom: [Double]

    /// The blocks of every candidate that can be funded whatever is pinned (pins are taken
    /// out per use with `order(pinned:)`); nil when their dependencies do not form a forest.
    static func fundable(_ c: [PlanProblem.Candidate]) -> PlanBlocks? {
        fundableForest(c).map { PlanBlocks(forest: $0, value: { c[$0].value }, cost: { c[$0].cost }) }
    }

    /// The forest of every candidate that can be funded whatever is pinned; nil when their
    /// dependencies do not form one. It depends on the dependencies and exclusions only, not
    /// on any value or cost.
    static func fundableForest(_ c: [PlanProblem.Candidate]) -> PlanForest? {
        PlanForest(count: c.count, isFree: { c[$0].pin != .unfunded }) { i in
            var found: Int?
            for d in c[i].dependsOn where c[d].pin != .unfunded && d != found {
                if found != nil { return -1 }
                found = d
            }
            return found
        }
    }

    /// The blocks of `forest` with each candidate worth `value` at `cost`. `itemOrder`, when
    /// given, is the positions by their own item's value for money (`itemRatio`, ties by
    /// position), as a caller that keeps most of them in order across draws merges it.
    init(forest: PlanForest, value: (Int) -> Double, cost: (Int) -> Double, itemOrder: [Int]? = nil) {
        self.forest = forest
        let n = forest.items.count
        let itemValue = forest.items.map(value), itemCost = forest.items.map(cost)
        var heap = LeftistHeap(value: itemValue, cost: itemCost)
        var firstAbsorbed = [Int](repeating: -1, count: n), nextAbsorbed = [Int](repeating: -1, count: n)
        var absorbedInto = [Int](repeating: -1, count: n)
        var rootOf = [Int](repeating: -1, count: n)
        var whole: [Int] = []
        for k in stride(from: n - 1, through: 0, by: -1) {
            var h = rootOf[k]
            // Dependants' blocks that pay better than this item's block join it.
            while h >= 0, heap.ratio[h] > heap.ratio[k] {
                heap.absorb(h, into: k)
                absorbedInto[h] = k
                nextAbsorbed[h] = firstAbsorbed[k]; firstAbsorbed[k] = h
                h = heap.pop(h)
            }
            h = heap.merge(h, k)
            if forest.parent[k] >= 0 {
                rootOf[forest.parent[k]] = heap.merge(rootOf[forest.parent[k]], h)
            } else {
                heap.collect(h, into: &whole)
            }
        }
        self.value = heap.value
        self.cost = heap.cost
        self.ratio = heap.ratio
        self.firstAbsorbed = firstAbsorbed
        self.nextAbsorbed = nextAbsorbed
        self.absorbedInto = absorbedInto
        // Positions ascending, then by value for money: ties stay in position order.
        var isWhole = [Bool](repeating: false, count: n)
        for b in whole { isWhole[b] = true }
        let ratio = heap.ratio
        self.whole = RadixSort.descending((0..<n).filter { isWhole[$0] }, key: { ratio[$0] }) ?? whole.sorted(by: heap.isBetter)
        if let itemOrder {
            assert(itemOrder.count == n, "an item order holds every position")
            self.itemOrder = itemOrder
        } else {
            let itemRatio = zip(itemValue, itemCost).map(LeftistHeap.ratio)
            self.itemOrder = RadixSort.descending(Array(0..<n), key: { itemRatio[$0] })
                ?? (0..<n).sorted { LeftistHeap.isBetter($0, $1, by: itemRatio) }
        }
        self.itemValue = itemValue
        self.itemCost = itemCost
        var cheapest = [Double](repeating: .infinity, count: n + 1)
        for r in stride(from: n - 1, through: 0, by: -1) { cheapest[r] = min(cheapest[r + 1], itemCost[self.itemOrder[r]]) }
        cheapestFrom = cheapest
    }

    /// The blocks the unpinned items form when the positions in `pinned` are funded whatever
    /// happens (a set closed under dependencies), best value for money first.
    func order(pinned: [Int]) -> [Int] {
        guard !pinned.isEmpty else { return whole }
        // A block holding a pinned item is headed by one (pins are closed upwards): it is
        // broken back into the blocks it absorbed, and those holding no pin are free again.
        var isBroken = [Bool](repeating: false, count: value.count)
        var broken: [Int] = []
        for q in pinned {
            var b = q
            while b >= 0, !isBroken[b] {
                isBroken[b] = true; broken.append(b)
                b = absorbedInto[b]
            }
        }
        var freed: [Int] = []
        for b in broken {
            var a = firstAbsorbed[b]
            while a >= 0 {
                if !isBroken[a] { freed.append(a) }
                a = nextAbsorbed[a]
            }
        }
        freed.sort(by: isBetter)
        var out: [Int] = []
        out.reserveCapacity(whole.count + freed.count)
        var f = 0
        for b in whole where !isBroken[b] {
            while f < freed.count, isBetter(freed[f], b) { out.append(freed[f]); f += 1 }
            out.append(b)
        }
        out.append(contentsOf: freed[f...])
        return out
    }

    private func isBetter(_ a: Int, _ b: Int) -> Bool { LeftistHeap.isBetter(a, b, by: ratio) }

    /// The value for money items are topped up by: a free item with value before everything.
    static func itemRatio(value: Double, cost: Double) -> Double { LeftistHeap.ratio(value, cost) }

    /// The most the blocks of `order` can add within `room`, counting a share of the first
    /// block that does not fit: a proven upper bound on any plan's addition.
    func bound(_ order: [Int], room: Double) -> Double {
        guard room >= 0 else { return 0 }
        var left = room, total = 0.0
        for b in order {
            if cost[b] <= left {
                left -= cost[b]; total += value[b]
            } else {
                return total + ratio[b] * left
            }
        }
        return total
    }

    /// A plan within `room`: whole blocks of `order` while they fit and what they depend on is
    /// funded, then single items by value for money. Positions in `pinned` count as funded
    /// (and are not returned). Returns the candidates, each after what it depends on.
    func plan(_ order: [Int], room: Double, pinned: [Int]) -> (items: [Int], value: Double, cost: Double) {
        let n = forest.items.count
        var funded = [Bool](repeating: false, count: n)
        for q in pinned { funded[q] = true }
        var left = room, total = 0.0
        var out: [Int] = []
        var members: [Int] = []
        for b in order where cost[b] <= left && (forest.parent[b] < 0 || funded[forest.parent[b]]) {
            left -= cost[b]; total += value[b]
            members.removeAll(keepingCapacity: true)
            members.append(b)
            var k = 0
            while k < members.count {
                var a = firstAbsorbed[members[k]]
                while a >= 0 { members.append(a); a = nextAbsorbed[a] }
                k += 1
            }
            // Positions ascend down each dependency chain.
            members.sort()
            for m in members { funded[m] = true; out.append(forest.items[m]) }
        }
        for (r, k) in itemOrder.enumerated() {
            // Nothing further down fits any more.
            if cheapestFrom[r] > left { break }
            guard !funded[k], itemCost[k] <= left, forest.parent[k] < 0 || funded[forest.parent[k]] else { continue }
            funded[k] = true
            left -= itemCost[k]; total += itemValue[k]
            out.append(forest.items[k])
        }
        return (out, total, room - left)
    }
}

/// Blocks in max-heaps by value for money, merged in O(log n): each node's value and cost are
/// fixed once it is in a heap (only the block being built grows, outside any heap).
private struct LeftistHeap {
    var value: [Double], cost: [Double]
    /// Value per unit of cost, kept as blocks grow.
    private(set) var ratio: [Double]
    private var left: [Int], right: [Int], rank: [Int]

    init(value: [Double], cost: [Double]) {
        self.value = value; self.cost = cost
        ratio = zip(value, cost).map(Self.ratio)
        left = [Int](repeating: -1, count: value.count)
        right = left
        rank = [Int](repeating: 1, count: value.count)
    }

    /// Value per unit of cost; a free item with value comes before everything.
    static func ratio(_ value: Double, _ cost: Double) -> Double { cost > 0 ? value / cost : (value > 0 ? .infinity : 0) }

    /// Block `k` takes in block `h`.
    mutating func absorb(_ h: Int, into k: Int) {
        value[k] += value[h]; cost[k] += cost[h]
        ratio[k] = Self.ratio(value[k], cost[k])
    }

    func isBetter(_ a: Int, _ b: Int) -> Bool { Self.isBetter(a, b, by: ratio) }

    /// Better value for money first (`ratio`); ties by position, so a block comes before its
    /// dependants. The one order of blocks and items, in and out of the heaps.
    static func isBetter(_ a: Int, _ b: Int, by ratio: [Double]) -> Bool {
        ratio[a] != ratio[b] ? ratio[a] > ratio[b] : a < b
    }

    private func rankOf(_ h: Int) -> Int { h < 0 ? 0 : rank[h] }

    mutating func merge(_ a: Int, _ b: Int) -> Int {
        if a < 0 { return b }
        if b < 0 { return a }
        let (top, other) = isBetter(a, b) ? (a, b) : (b, a)
        right[top] = merge(right[top], other)
        if rankOf(left[top]) < rankOf(right[top]) { (left[top], right[top]) = (right[top], left[top]) }
        rank[top] = rankOf(right[top]) + 1
        return top
    }

    /// The heap without its top.
    mutating func pop(_ top: Int) -> Int {
        let rest = merge(left[top], right[top])
        left[top] = -1; right[top] = -1; rank[top] = 1
        return rest
    }

    /// Every block in the heap.
    func collect(_ h: Int, into out: inout [Int]) {
        guard h >= 0 else { return }
        var stack = [h]
        while let x = stack.popLast() {
            out.append(x)
            if left[x] >= 0 { stack.append(left[x]) }
            if right[x] >= 0 { stack.append(right[x]) }
        }
    }
}

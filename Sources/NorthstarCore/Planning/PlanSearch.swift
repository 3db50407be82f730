/// The state of one branch-and-bound search (see `PlanSolver`).
struct PlanSearch {
    private let n: Int
    /// The budget, and what the plan must do with each candidate.
    private let capacity: Double
    private let pins: [PlanProblem.Pin]
    private let value: [Double], cost: [Double]
    private let dependencies: PlanEdges, dependents: PlanEdges
    /// -1 open, 0 out, 1 in.
    private var state: [Int8]
    private var trail: [Int] = []
    private var stackBuffer: [Int] = []
    private var usedCost = 0.0, usedValue = 0.0
    private var floorSums: [Double]
    private var floorPotential: [Double]
    private let floorCoef: [[Double]]
    /// Per floor, how far the running sums may drift from exact ones (they are kept by adding
    /// and subtracting the same amounts millions of times): a billionth of all its amounts.
    private let floorTolerance: [Double]
    private var order: [Int] = []
    private var best: [Bool]? = nil
    private var bestValue = -Double.infinity
    private var work = 0
    private let workLimit: Int
    private var nodes = 0
    private let epsilon: Double

    init(_ problem: PlanProblem, workLimit: Int) {
        self.init(PlanColumns(problem), workLimit: workLimit)
    }

    /// A search over `columns` that stops after `workLimit` bound-loop steps.
    init(_ columns: PlanColumns, workLimit: Int) {
        n = columns.count
        capacity = columns.capacity
        pins = columns.pin
        value = columns.value
        cost = columns.cost
        dependencies = columns.dependencies
        dependents = columns.dependents
        state = [Int8](repeating: -1, count: n)
        floorCoef = columns.floorCoef
        floorSums = Self.owned([Double](repeating: 0, count: floorCoef.count))
        floorPotential = Self.owned(floorCoef.map { $0.reduce(0) { $0 + max(0, $1) } })
        floorTolerance = floorCoef.map { 1e-9 * max(1, $0.reduce(0) { $0 + abs($1) }) }
        self.workLimit = workLimit
        epsilon = 1e-9 * max(1, value.reduce(0, +))
    }

    /// `a` with storage of its own even when empty. The shared storage of an empty array is
    /// never uniquely referenced, so each assignment or undo, whose write accesses the compiler
    /// checks up front, would copy it, millions of times per search without floors.
    private static func owned(_ a: [Double]) -> [Double] {
        var a = a
        a.reserveCapacity(max(1, a.count))
        return a
    }

    mutating func run(order given: [Int]?, blocks shared: PlanBlocks? = nil) -> PlanSolver.Solution {
        guard applyPins() else { return infeasible() }
        excludeWhatCannotFit()
        order = (given ?? PlanColumns.valueForMoneyOrder(value: value, cost: cost)).filter { state[$0] == -1 }
        // With floors, funding only what is pinned may be the one plan that meets them.
        if !floorCoef.isEmpty { consider() }
        greedyIncumbent()
        rankOrderIncumbent()
        // The free candidates' dependency forest, when they form one: the grid method's shape,
        // and the blocks'.
        let room = capacity - usedCost
        // The grid needs a cell per unit of room (at least) for every open candidate.
        let gridMayFit = floorCoef.isEmpty && Double(order.count + 1) * ((room + 1e-9).rounded(.down) + 1) <= Double(PlanGridDP.cellLimit)
        let forest = shared == nil || gridMayFit ? self.forest() : nil
        if gridMayFit, let forest, let grid = grid(forest) {
            // Exact by dynamic programming over the cost grid.
            for i in grid.solve().funded { _ = include(i, forced: true) }
            for i in 0..<n where state[i] == -1 { set(i, 0) }
            let funded = state.map { $0 == 1 }
            let totals = totals(funded)
            return PlanSolver.Solution(funded: funded, value: totals.value, cost: totals.cost, isOptimal: true,
                                       bound: totals.value, isFeasible: true, nodes: 0, byGrid: true)
        }
        var rootBound = bound(from: 0).value
        // Dependencies make Dantzig's bound loose; the forest's blocks keep them.
        if let shared {
            // Over every fundable candidate: what the pins fund is taken out, the rest bounds.
            let pinned = (0..<n).filter { state[$0] == 1 }.map { shared.forest.position[$0] }
            let order = shared.order(pinned: pinned)
            rootBound = min(rootBound, usedValue + shared.bound(order, room: room))
            blocksIncumbent(shared.plan(order, room: room, pinned: pinned).items)
        } else if let forest {
            let blocks = PlanBlocks(forest: forest, value: { value[$0] }, cost: { cost[$0] })
            rootBound = min(rootBound, usedValue + blocks.bound(blocks.whole, room: room))
            blocksIncumbent(blocks.plan(blocks.whole, room: room, pinned: []).items)
        }
        // A plan worth the proven bound is the best: nothing to search.
        if best != nil, rootBound <= bestValue + epsilon { return solution(finished: true, rootBound: rootBound) }
        // Within a hundred-thousandth of a proven bound, a search could add no more than that.
        if best != nil, rootBound - bestValue <= PlanSolver.enoughGap * rootBound, rootBound > bestValue + epsilon {
            return solution(finished: false, rootBound: rootBound)
        }
        // When the bound proves the first plan best, there is nothing left to search.
        let finished = best != nil && !reduce() ? true : search()
        return solution(finished: finished, rootBound: rootBound)
    }

    private func solution(finished: Bool, rootBound: Double) -> PlanSolver.Solution {
        guard let funded = best else {
            // Finished: no plan meets the pins and floors. Stopped: none found in time.
            return PlanSolver.Solution(funded: [Bool](repeating: false, count: n), value: 0, cost: 0,
                                       isOptimal: finished, bound: finished ? 0 : rootBound, isFeasible: false, nodes: nodes)
        }
        let totals = totals(funded)
        return PlanSolver.Solution(funded: funded, value: totals.value, cost: totals.cost, isOptimal: finished,
                                   bound: finished ? totals.value : max(rootBound, totals.value), isFeasible: true, nodes: nodes)
    }

    /// Total value and cost of `funded`, added in candidate order as `PlanProblem.totals` adds them.
    private func totals(_ funded: [Bool]) -> (value: Double, cost: Double) {
        var v = 0.0, c = 0.0
        for i in 0..<n where funded[i] { v += value[i]; c += cost[i] }
        return (v, c)
    }

    private func infeasible() -> PlanSolver.Solution {
        PlanSolver.Solution(funded: [Bool](repeating: false, count: n), value: 0, cost: 0, isOptimal: true, bound: 0, isFeasible: false, nodes: 0)
    }

    // MARK: Assignments (undone through the trail)

    private mutating func set(_ i: Int, _ s: Int8) {
        state[i] = s
        trail.append(i)
        for k in floorCoef.indices {
            let c = floorCoef[k][i]
            if c > 0 { floorPotential[k] -= c }
            if s == 1 { floorSums[k] += c }
        }
        if s == 1 { usedCost += cost[i]; usedValue += value[i] }
    }

    /// The running sums as `set(i, 1)` followed by `undo` leaves them (floating-point addition
    /// and subtraction of the same amount do not always cancel).
    private mutating func roundTrip(_ i: Int) {
        for k in floorCoef.indices {
            let c = floorCoef[k][i]
            if c > 0 { floorPotential[k] = (floorPotential[k] - c) + c }
            floorSums[k] = (floorSums[k] + c) - c
        }
        usedCost = (usedCost + cost[i]) - cost[i]
        usedValue = (usedValue + value[i]) - value[i]
    }

    private mutating func undo(to mark: Int) {
        while trail.count > mark {
            let i = trail.removeLast()
            let s = state[i]
            state[i] = -1
            for k in floorCoef.indices {
                let c = floorCoef[k][i]
                if c > 0 { floorPotential[k] += c }
                if s == 1 { floorSums[k] -= c }
            }
            if s == 1 { usedCost -= cost[i]; usedValue -= value[i] }
        }
    }

    /// Funds `i` with everything it depends on; false (assignments left for the caller to undo)
    /// when something needed is out or the capacity does not allow it. A candidate without
    /// dependencies that does not fit is refused without being assigned, unless `forced` (the
    /// grid's choices, which are kept whatever the capacity check says).
    private mutating func include(_ i: Int, forced: Bool = false) -> Bool {
        if state[i] == 1 { return true }
        if state[i] == 0 { return false }
        if dependencies.isEmpty(i) {
            guard forced || usedCost + cost[i] <= capacity * (1 + 1e-12) else {
                // Most of a top-up's tries end here. The running sums still take the round trip
                // that setting and undoing would give them, so every later comparison sees the
                // same bits as before this shortcut.
                roundTrip(i)
                return false
            }
            set(i, 1)
            return forced ? usedCost <= capacity * (1 + 1e-12) : true
        }
        var stack = takeStack(i)
        defer { stackBuffer = stack }
        while let j = stack.popLast() {
            switch state[j] {
            case 1: continue
            case 0: return false
            default:
                set(j, 1)
                for k in dependencies.range(j) { stack.append(dependencies.list[k]) }
            }
        }
        return usedCost <= capacity * (1 + 1e-12)
    }

    /// Leaves `i` out with everything that depends on it; false when one of those is funded.
    private mutating func exclude(_ i: Int) -> Bool {
        if dependents.isEmpty(i) {
            if state[i] == -1 { set(i, 0) }
            return state[i] == 0
        }
        var stack = takeStack(i)
        defer { stackBuffer = stack }
        while let j = stack.popLast() {
            switch state[j] {
            case 0: continue
            case 1: return false
            default:
                set(j, 0)
                for k in dependents.range(j) { stack.append(dependents.list[k]) }
            }
        }
        return true
    }

    /// The walks' stack, kept between walks so that a walk does not allocate: emptied, with `i` on it.
    private mutating func takeStack(_ i: Int) -> [Int] {
        var stack = stackBuffer
        stackBuffer = []
        stack.removeAll(keepingCapacity: true)
        stack.append(i)
        return stack
    }

    private mutating func applyPins() -> Bool {
        for (i, pin) in pins.enumerated() where pin == .unfunded {
            guard exclude(i) else { return false }
        }
        for (i, pin) in pins.enumerated() where pin == .funded {
            guard include(i) else { return false }
        }
        return true
    }

    /// Leaves out every open candidate that could not be funded even alone (with what it needs).
    private mutating func excludeWhatCannotFit() {
        for i in 0..<n where state[i] == -1 {
            if cost[i] > (capacity - usedCost) * (1 + 1e-12) {
                _ = exclude(i)
                continue
            }
            // Alone it fits; with what it depends on it may not.
            if dependencies.isEmpty(i) { continue }
            let mark = trail.count
            let fits = include(i)
            undo(to: mark)
            if !fits { _ = exclude(i) }
        }
        trail.removeAll()  // the root's assignments are never undone
    }

    // MARK: Bound, incumbent, reduction

    /// Dantzig's bound over the open candidates from `start` in `order`, and the ratio of the
    /// candidate cut by the capacity (0 when everything open fits).
    private mutating func bound(from start: Int) -> (value: Double, ratio: Double, taken: Int) {
        var room = capacity - usedCost, total = usedValue
        var index = start
        while index < order.count {
            let i = order[index]
            index += 1
            work += 1
            guard state[i] == -1 else { continue }
            if cost[i] <= room {
                room -= cost[i]; total += value[i]
            } else {
                let ratio = value[i] / cost[i]
                return (total + ratio * max(0, room), ratio, index - 1)
            }
        }
        return (total, 0, order.count)
    }

    private mutating func consider() {
        for k in floorSums.indices where floorSums[k] < -floorTolerance[k] { return }
        // The running sums only steer the search: the plan itself is checked exactly.
        if !floorCoef.isEmpty {
            for k in floorCoef.indices {
                var exact = 0.0
                for i in 0..<n where state[i] == 1 { exact += floorCoef[k][i] }
                if exact < -1e-9 * max(1, usedValue) { return }
            }
        }
        guard usedValue > bestValue + epsilon || best == nil else { return }
        bestValue = usedValue
        best = state.map { $0 == 1 }
    }

    /// A first plan: fund in order of value for money whatever fits with what it needs.
    private mutating func greedyIncumbent() {
        let mark = trail.count
        fundWhatFits(order)
        consider()
        undo(to: mark)
    }

    /// Funds each open candidate of `candidates` in turn, with what it needs, when that fits.
    private mutating func fundWhatFits(_ candidates: [Int]) {
        for i in candidates where state[i] == -1 {
            let inner = trail.count
            if !include(i) { undo(to: inner) }
        }
    }

    /// The best value at each budget, from one grid programme at the problem's capacity.
    mutating func gridValues(budgets: [Double]) -> [Double]? {
        guard floorCoef.isEmpty, applyPins() else { return nil }
        excludeWhatCannotFit()
        guard let forest = forest(), let grid = grid(forest) else { return nil }
        let byCells = grid.valuesByCells()
        var out: [Double] = []
        for b in budgets {
            let room = b - usedCost
            guard room >= -1e-9 * max(1, b) else { return nil }
            let cells = min(grid.capacityCells, max(0, Int((room * grid.scale + 1e-9).rounded(.down))))
            out.append(usedValue + (byCells.isEmpty ? 0 : byCells[cells]))
        }
        return out
    }

    /// A plan of the same rules: down the candidates in rank order, each whose dependencies
    /// are funded and that fits (what funding down the list gives).
    private mutating func rankOrderIncumbent() {
        let mark = trail.count
        for i in 0..<n where state[i] == -1 && dependencies.range(i).allSatisfy({ state[dependencies.list[$0]] == 1 }) {
            if cost[i] <= capacity - usedCost { set(i, 1) }
        }
        consider()
        undo(to: mark)
    }

    /// The one open candidate `i` still needs, nil for none, -1 for more than one.
    private func freeDependency(_ i: Int) -> Int? {
        var found: Int?
        for k in dependencies.range(i) where state[dependencies.list[k]] == -1 && dependencies.list[k] != found {
            let d = dependencies.list[k]
            if found != nil { return -1 }
            found = d
        }
        return found
    }

    /// A plan from the blocks' plan (it fits and is closed under dependencies), topped up in
    /// order of value for money.
    private mutating func blocksIncumbent(_ chosen: [Int]) {
        let mark = trail.count
        fundWhatFits(chosen)
        fundWhatFits(order)
        consider()
        undo(to: mark)
    }

    /// The open candidates' dependency forest, nil when one needs two open candidates.
    private func forest() -> PlanForest? {
        PlanForest(count: n, isFree: { state[$0] == -1 }, freeDependency: freeDependency)
    }

    /// The forest laid out for `PlanGridDP`, when its costs sit on a grid small enough.
    private func grid(_ forest: PlanForest) -> PlanGridDP? {
        PlanGridDP(forest: forest, cost: { cost[$0] }, value: { value[$0] }, room: capacity - usedCost)
    }

    /// Fixes the candidates the root bound proves in or out of every plan better than the first.
    /// False when it proves that no plan is better than the first.
    private mutating func reduce() -> Bool {
        let root = bound(from: 0)
        var room = capacity - usedCost
        var inPrefix = [Bool](repeating: false, count: n)
        for i in order where state[i] == -1 {
            guard cost[i] <= room else { break }
            room -= cost[i]; inPrefix[i] = true
        }
        for i in order where state[i] == -1 {
            if inPrefix[i] {
                if root.value - value[i] + root.ratio * cost[i] < bestValue - epsilon, !include(i) { return false }
            } else if root.value + value[i] - root.ratio * cost[i] < bestValue - epsilon, !exclude(i) {
                return false
            }
        }
        trail.removeAll()
        return true
    }

    // MARK: Search

    private struct Frame { var item: Int; var mark: Int; var cursor: Int; var excluded: Bool }

    /// Depth-first search; true when it finished within the work limit.
    private mutating func search() -> Bool {
        var frames: [Frame] = []
        var cursor = 0
        var descend = true
        while true {
            if descend {
                nodes += 1
                // Every node counts, so a search no bound prunes (no plan yet) stops too.
                work += 1
                if work > workLimit { return false }
                if prunable(cursor) {
                    descend = false
                } else {
                    while cursor < order.count, state[order[cursor]] != -1 { cursor += 1 }
                    if cursor == order.count {
                        consider()
                        descend = false
                    } else {
                        let item = order[cursor]
                        frames.append(Frame(item: item, mark: trail.count, cursor: cursor, excluded: false))
                        descend = include(item)
                        if descend { cursor += 1 }
                        continue
                    }
                }
            }
            // Back up to the nearest frame whose exclusion is still to try.
            while let last = frames.last, last.excluded {
                undo(to: last.mark)
                frames.removeLast()
            }
            guard var frame = frames.popLast() else { return true }
            undo(to: frame.mark)
            frame.excluded = true
            frames.append(frame)
            descend = exclude(frame.item)
            cursor = frame.cursor + 1
        }
    }

    private mutating func prunable(_ cursor: Int) -> Bool {
        for k in floorSums.indices where floorSums[k] + floorPotential[k] < -floorTolerance[k] { return true }
        return best != nil && bound(from: cursor).value <= bestValue + epsilon
    }
}

/// How far a weight can move before an item's rank changes (README: "How sure the ranking
/// is"): for a top item and one objective or equity weight, moved with every other weight
/// held, the nearest value below and above the current one at which another item's score
/// crosses the item's, and which item that is. Exact: under the impact model a score is a
/// ratio of linear functions of an objective weight, and linear in an equity weight (its
/// square is, under a square-root reach scale), so two items cross where a linear equation
/// says; only under a logarithmic reach scale is a crossing found by bisection, between the
/// points where the difference of two scores turns.
public struct WeightSensitivity: Sendable, Hashable {
    /// Where a rank changes: the weight's value there, and the item that swaps places.
    public struct Crossing: Sendable, Hashable {
        /// The weight's value at the crossing.
        public var at: Double
        /// The item whose score crosses.
        public var swapsWith: String
    }

    /// `objectives.<id>`, `equity.<group>` or `equity.default`.
    public var weight: String
    /// Its value in the config.
    public var value: Double
    /// The nearest crossing below `value`, if any.
    public var down: Crossing?
    /// The nearest crossing above `value`, if any.
    public var up: Crossing?

    /// The sensitivity of each of the first `top` ranked items of `e` to each weight, in rank
    /// order; empty for a model without weights.
    public static func analyse(_ e: Evaluation, top: Int) -> [[WeightSensitivity]] {
        analyse(e, top: top, cancelled: { false }) ?? []
    }

    /// The same, the weights spread over `split`'s cores; nil once `cancelled` says so (it is
    /// asked before each weight and item).
    static func analyse(_ e: Evaluation, top: Int, split: WorkSplit = .serial, cancelled: @Sendable () -> Bool) -> [[WeightSensitivity]]? {
        let items = e.ranked.compactMap { r -> ImpactFactors? in
            if case .impact(let f) = r.scored.factors { return f }
            return nil
        }
        guard items.count == e.ranked.count, !items.isEmpty else { return [] }
        let costs = e.ranked.map(\.scored.cost)
        let axes = WeightAxis.all(e.config, items: items)
        let top = min(top, e.ranked.count)
        // Weight by weight, so only the curves of the weights in hand are held: one per item each.
        let byAxis = split.map(axes.count) { a -> [WeightSensitivity]? in
            if cancelled() { return nil }
            let axis = axes[a]
            let curves = axis.curves(items, costs: costs)
            var column: [WeightSensitivity] = []
            for i in 0..<top {
                if cancelled() { return nil }
                var result = WeightSensitivity(weight: axis.name, value: axis.value)
                for j in e.ranked.indices where j != i {
                    axis.crossings(curves[i], curves[j]) { root in
                        var at = root
                        var rises = root > axis.value
                        if abs(root - axis.value) <= 1e-12 * max(1, abs(axis.value)) {
                            // Level now (the smaller id ranks first): the order flips on the side
                            // where j's score gains on i's.
                            at = axis.value
                            let h = 1e-6 * max(1, abs(axis.value))
                            rises = (axis.score(curves[i], at + h) > axis.score(curves[j], at + h)) != (i < j)
                        }
                        let crossing = Crossing(at: at, swapsWith: e.ranked[j].item.id)
                        if rises {
                            if at < (result.up?.at ?? .infinity) { result.up = crossing }
                        } else if at > (result.down?.at ?? -.infinity) {
                            result.down = crossing
                        }
                    }
                }
                column.append(result)
            }
            return column
        }
        let columns = byAxis.compactMap { $0 }
        guard columns.count == axes.count else { return nil }
        return (0..<top).map { i in columns.map { $0[i] } }
    }
}

/// One weight moved on its own: which, its value, and how each item's score follows it.
struct WeightAxis {
    enum Kind { case objective(String), equity(isDefault: Bool, group: String) }
    let kind: Kind
    let name: String
    let value: Double
    let scale: ReachScale
    /// The groups with a weight of their own (the default's axis moves every other group).
    let listed: Set<String>

    /// A score as a function of the weight w: `k · S(q + m·w)` for an equity weight (S the
    /// reach scale), `k · (q + m·w) / (t + w)` for an objective weight.
    struct Curve { var k: Double; var q: Double; var m: Double; var t: Double }

    /// Every objective weight (by id), every equity group's, and the default when an item
    /// reaches a group without one.
    static func all(_ c: Config, items: [ImpactFactors]) -> [WeightAxis] {
        let listed = Set(c.equity.groups.keys)
        var axes = c.objectives.sorted { $0.id < $1.id }.map {
            WeightAxis(kind: .objective($0.id), name: "objectives.\($0.id)", value: $0.weight, scale: c.reachScale, listed: listed)
        }
        axes += c.equity.groups.keys.sorted().map {
            WeightAxis(kind: .equity(isDefault: false, group: $0), name: "equity.\($0)", value: c.equity.groups[$0] ?? 0,
                       scale: c.reachScale, listed: listed)
        }
        if items.contains(where: { $0.groupParts.contains { !listed.contains($0.group) } }) {
            axes.append(WeightAxis(kind: .equity(isDefault: true, group: ""), name: "equity.default", value: c.equity.defaultWeight,
                                   scale: c.reachScale, listed: listed))
        }
        return axes
    }

    /// Each item's score along this weight (`costs` aligned with `items`).
    func curves(_ items: [ImpactFactors], costs: [Double]) -> [Curve] {
        precondition(costs.count == items.count, "one cost per item")
        // The factors are read in place: a copy per item and weight would be reference-count
        // traffic on arrays both cores share.
        return items.withUnsafeBufferPointer { factors in
            guard let first = factors.baseAddress else { return [] }
            return factors.indices.map { i in curve(first + i, cost: costs[i]) }
        }
    }

    /// The score of the item with factors `f` and cost `cost` along this weight.
    private func curve(_ f: UnsafePointer<ImpactFactors>, cost: Double) -> Curve {
        switch kind {
        case .objective(let id):
            // alignment(w) = (Σ_{other o} weight·contribution + contribution·w) / (Σ_{other o} weight + w)
            var q = 0.0, t = 0.0, m = 0.0
            for k in f.pointee.objectiveParts.indices {
                let p = f.pointee.objectiveParts[k]
                if p.objective == id { m = p.contribution } else { q += p.weight * p.contribution; t += p.weight }
            }
            return Curve(k: f.pointee.impact * f.pointee.confidence / cost, q: q, m: m, t: t)
        case .equity(let isDefault, let group):
            // weighted need-reach(w) = the other groups' parts + Σ reach·need of the groups on this weight · w
            var q = 0.0, m = 0.0
            for k in f.pointee.groupParts.indices {
                let g = f.pointee.groupParts[k]
                let onAxis = isDefault ? !listed.contains(g.group) : g.group == group
                if onAxis { m += g.reach * g.need } else { q += g.part }
            }
            return Curve(k: f.pointee.alignment * f.pointee.confidence / cost, q: q, m: m, t: 0)
        }
    }

    /// The score of `c` at weight `w`.
    func score(_ c: Curve, _ w: Double) -> Double {
        switch kind {
        case .objective: return c.t + w > 0 ? c.k * (c.q + c.m * w) / (c.t + w) : 0
        case .equity: return c.k * scale.apply(c.q + c.m * w)
        }
    }

    /// Each weight (within the allowed range, w > 0) at which `a`'s and `b`'s scores cross,
    /// handed to `found` (no array per pair: the top items are compared with every item).
    func crossings(_ a: Curve, _ b: Curve, _ found: (Double) -> Void) {
        var c0 = a.k * a.q - b.k * b.q, c1 = a.k * a.m - b.k * b.m
        switch (kind, scale) {
        case (.objective, _), (.equity, .linear):
            // Objective: k_a (q_a + m_a w) = k_b (q_b + m_b w), the shared denominator cancels;
            // at w = 0 two items that serve only this objective merely touch.
            break
        case (.equity, .sqrt):
            let ka = a.k * a.k, kb = b.k * b.k
            c0 = ka * a.q - kb * b.q
            c1 = ka * a.m - kb * b.m
        case (.equity, .log):
            for root in logRoots(a, b) { found(root) }
            return
        }
        // The root of c0 + c1·w, where its sign changes (none when it is constant).
        guard c1 != 0 else { return }
        let w = -c0 / c1
        if w.isFinite, w > 0 { found(w) }
    }

    /// Where `k_a·ln(1 + q_a + m_a·w) − k_b·ln(1 + q_b + m_b·w)` changes sign for w > 0: its
    /// derivative has at most one zero, so on each side of it the difference is monotone and
    /// changes sign at most once, found by bisection.
    private func logRoots(_ a: Curve, _ b: Curve) -> [Double] {
        func f(_ w: Double) -> Double { score(a, w) - score(b, w) }
        let far = 1e15
        var points = [0.0]
        let denominator = a.m * b.m * (a.k - b.k)
        if denominator != 0 {
            let turn = (b.k * b.m * (1 + a.q) - a.k * a.m * (1 + b.q)) / denominator
            if turn > 0, turn < far { points.append(turn) }
        }
        points.append(far)
        var roots: [Double] = []
        for (lo, hi) in zip(points, points.dropFirst()) {
            var (l, h) = (lo, hi)
            let below = f(l) < 0
            guard below != (f(h) < 0), f(l) != 0 else { continue }
            while h - l > 1e-14 * max(1, h) {
                let mid = (l + h) / 2
                guard mid > l, mid < h else { break }
                if (f(mid) < 0) == below { l = mid } else { h = mid }
            }
            roots.append((l + h) / 2)
        }
        return roots.filter { $0 > 0 }
    }
}

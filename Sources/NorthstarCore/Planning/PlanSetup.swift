/// The plan's problem as it is built up from the ranking (see `Planner`).
struct PlanSetup: Sendable {
    let ranked: [RankedItem]
    let config: Config
    var capacity: Double
    var candidates: [PlanProblem.Candidate]
    /// Why an item can never be funded, by id.
    var excluded: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    /// The blocks over every fundable candidate, when built once for the whole plan.
    var sharedBlocks: PlanBlocks?
    /// How much searching each solve may do before it settles for its best plan and bound.
    var workLimit = PlanSolver.defaultWorkLimit
    /// The floors the plan keeps (impact model only).
    var floors: [PlanFloor]
    /// The candidates `pin(_:)` funded, on top of the candidates' own pins. Kept beside the
    /// candidates rather than written into them, so that pinning a copy of a setup (the plan's,
    /// while its frontier reads the unpinned one) does not copy every candidate.
    private(set) var pinned: [Int] = []
    /// Each candidate's dependencies and dependants, as the searches read them.
    let dependencies: PlanEdges, dependents: PlanEdges
    /// The lowest cost among the candidates from each one down the list (that can be funded).
    private var cheapestFrom: [Double]
    /// The in-progress items, then the `funding: must` ones, each in rank order: the pins.
    private let pinOrder: [(index: Int, isMust: Bool)]
    /// Each pin's closure: itself and everything it depends on, directly or not.
    private let pinClosures: [[Int]]
    /// The whole backlog's value, by group and by objective (impact model only), and in all.
    private let backlogGroups: Tally, backlogObjectives: Tally, backlogValue: Double

    /// The problem of funding `ranked` (as `items` read it) within `capacity`, with the
    /// dependencies `links` gives (read by `items.link(links)` already, when it was called).
    init(_ ranked: [RankedItem], items: PlanItems, links: DependencyLinks, config: Config, capacity: Double) {
        self.ranked = ranked
        self.config = config
        self.capacity = capacity
        floors = items.floors
        let n = ranked.count
        var candidates = items.candidates
        var excluded = items.excluded
        // The dependencies by slot, as `PlanItems.link` kept them from these links (an update
        // then looks no id up), or read from the links now.
        let edges = items.edges ?? items.edges(of: links)
        for (from, to) in edges.list {
            let i = items.place(ofSlot: from)
            if to >= 0 {
                candidates[i].dependsOn.append(items.place(ofSlot: to))
            } else if ranked[i].item.funding != .never {
                excluded[items.id(at: i)] = "it depends on \(edges.missing[-1 - to]), which is not in the ranking (dropped, unknown, or kept out by an error)"
                candidates[i].pin = .unfunded
            }
        }
        let dependencies = PlanEdges(dependenciesOf: candidates)
        let dependents = PlanEdges(dependantsFrom: dependencies)
        // What depends on something that can never be funded cannot be funded either.
        var pending = candidates.indices.filter { candidates[$0].pin == .unfunded }
        while let i = pending.popLast() {
            for k in dependents.range(i) where candidates[dependents.list[k]].pin != .unfunded {
                let j = dependents.list[k]
                candidates[j].pin = .unfunded
                excluded[ranked[j].item.id] = "it depends on \(ranked[i].item.id), which cannot be funded"
                pending.append(j)
            }
        }
        self.candidates = candidates
        self.dependencies = dependencies
        self.dependents = dependents
        cheapestFrom = Self.cheapestFrom(candidates)
        self.excluded = excluded
        pinOrder = items.inProgress.map { ($0, false) } + items.must.map { ($0, true) }
        var seen = [Int](repeating: -1, count: n)
        pinClosures = pinOrder.map { Self.closure($0.index, dependencies, seen: &seen) }
        backlogGroups = items.backlogGroups
        backlogObjectives = items.backlogObjectives
        backlogValue = items.backlogValue
    }

    private static func cheapestFrom(_ candidates: [PlanProblem.Candidate]) -> [Double] {
        let n = candidates.count
        var cheapest = [Double](repeating: .infinity, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            cheapest[i] = candidates[i].pin == .unfunded ? cheapest[i + 1] : min(cheapest[i + 1], candidates[i].cost)
        }
        return cheapest
    }

    /// The same problem with each candidate worth `values[i]` at `costs[i]` (a Monte Carlo draw
    /// of the estimates), its floor parts in proportion to its value; nothing pinned yet. Each
    /// solve searches a tenth as long as one point of the frontier does: a thousand draws are
    /// a thousand plans.
    func drawn(values: [Double], costs: [Double]) -> PlanSetup {
        var setup = self
        setup.workLimit = Planner.drawWorkLimit
        for i in setup.candidates.indices {
            let old = setup.candidates[i].value
            if !setup.candidates[i].floorParts.isEmpty {
                let ratio = old > 0 ? values[i] / old : 0
                for k in setup.candidates[i].floorParts.indices { setup.candidates[i].floorParts[k] *= ratio }
            }
            setup.candidates[i].value = values[i]
            setup.candidates[i].cost = costs[i]
        }
        setup.cheapestFrom = Self.cheapestFrom(setup.candidates)
        setup.sharedBlocks = Planner.sharesBlocks(setup.candidates.count) ? PlanBlocks.fundable(setup.candidates) : nil
        return setup
    }

    /// The same, reading the ranked items.
    init(_ ranked: [RankedItem], links: DependencyLinks, config: Config, capacity: Double) {
        self.init(ranked, items: PlanItems(ranked, config: config), links: links, config: config, capacity: capacity)
    }

    /// The candidates `i` cannot be funded without, itself included, in the order a depth-first
    /// walk meets them.
    func closure(of i: Int) -> [Int] {
        var seen = [Int](repeating: -1, count: candidates.count)
        return Self.closure(i, dependencies, seen: &seen)
    }

    /// `closure(of:)`, with `seen` (what this walk has met is marked with `i`) kept between walks.
    private static func closure(_ i: Int, _ dependencies: PlanEdges, seen: inout [Int]) -> [Int] {
        var stack = [i], out: [Int] = []
        seen[i] = i
        while let j = stack.popLast() {
            out.append(j)
            for k in dependencies.range(j) where seen[dependencies.list[k]] != i {
                seen[dependencies.list[k]] = i
                stack.append(dependencies.list[k])
            }
        }
        return out
    }

    /// Which candidates the pins fund within `budget`: the in-progress items first, then the
    /// `funding: must` ones, in rank order, each with what it depends on while it fits. Each
    /// pin that cannot be funded or does not fit goes to `report`.
    func pins(within budget: Double, report: ((Diagnostic) -> Void)? = nil) -> [Int] {
        pins(within: budget, costs: nil, report: report)
    }

    /// The same when each candidate costs `costs[i]` (a draw of the estimates; nil: as set).
    func pins(within budget: Double, costs: [Double]?, report: ((Diagnostic) -> Void)? = nil) -> [Int] {
        let funded = fundedPins
        return pins(within: budget, costs: costs, funded: funded, used: cost(of: funded, costs: costs), report: report)
    }

    /// `pins(within:)` at each of `budgets` (what is funded before any pin worked out once).
    func pins(within budgets: [Double]) -> [[Int]] {
        let funded = fundedPins
        let used = cost(of: funded, costs: nil)
        return budgets.map { pins(within: $0, costs: nil, funded: funded, used: used, report: nil) }
    }

    /// What the `funded` candidates cost, each at `costs[i]` (nil: as set).
    private func cost(of funded: [Bool], costs: [Double]?) -> Double {
        candidates.indices.reduce(0.0) { funded[$1] ? $0 + (costs?[$1] ?? candidates[$1].cost) : $0 }
    }

    /// The pins that fit `budget` on top of the candidates `funded` already, which cost `used`.
    private func pins(within budget: Double, costs: [Double]?, funded: [Bool], used: Double, report: ((Diagnostic) -> Void)?) -> [Int] {
        let costOf = { (i: Int) in costs?[i] ?? candidates[i].cost }
        var funded = funded, used = used
        var list: [Int] = []
        let unit = config.costUnit
        for (k, (i, isMust)) in pinOrder.enumerated() where !funded[i] {
            // What it needs that is not funded yet, in the order the walk met it.
            var cost = 0.0, count = 0
            var blocked: Int?
            for j in pinClosures[k] where !funded[j] {
                cost += costOf(j)
                count += 1
                if blocked == nil, candidates[j].pin == .unfunded { blocked = j }
            }
            if let blocked {
                guard let report else { continue }
                let r = ranked[i]
                let why = excluded[ranked[blocked].item.id] ?? "it cannot be funded"
                let subject = blocked == i ? "it" : ranked[blocked].item.id
                report(Diagnostic(isMust ? .error : .warning, isMust ? .funding : .plan,
                    "\(r.item.id) \(isMust ? "is 'funding: must'" : "is in progress") but cannot be funded: \(subject == "it" ? why : "\(subject): \(why)")",
                    path: r.item.path, at: r.item.location(of: isMust ? "funding" : "status")))
                continue
            }
            guard used + cost <= budget * (1 + 1e-12) else {
                guard let report else { continue }
                let r = ranked[i]
                let n = NumberFormat.human
                report(Diagnostic(isMust ? .error : .warning, .plan,
                    "\(r.item.id) \(isMust ? "is 'funding: must'" : "is in progress") but does not fit the capacity: it needs \(NumberFormat.quantity(n(cost, 2), cost, unit))\(count > 1 ? " with what it depends on" : ""), and \(n(max(0, budget - used), 2)) of \(NumberFormat.quantity(n(budget, 2), budget, unit)) \(budget - used == 1 ? "is" : "are") left after \(isMust ? "the in-progress and must items before it" : "the in-progress items ranked above it")",
                    path: r.item.path, at: r.item.location(of: isMust ? "funding" : "status")))
                continue
            }
            used += cost
            for j in pinClosures[k] where !funded[j] { funded[j] = true; list.append(j) }
        }
        return list
    }

    /// `list` as a flag per candidate.
    func flags(_ list: [Int]) -> [Bool] {
        var flags = [Bool](repeating: false, count: candidates.count)
        for i in list { flags[i] = true }
        return flags
    }

    /// Pins what `pins(within:)` funds at the capacity, reporting the pins that do not fit.
    mutating func pinInProgressAndMust() {
        var found: [Diagnostic] = []
        pin(pins(within: capacity) { found.append($0) })
        diagnostics += found
    }

    /// Pins the `funded` candidates.
    mutating func pin(_ funded: [Int]) {
        pinned += funded
    }

    /// Each candidate's pin, with what `pin(_:)` funded.
    var candidatePins: [PlanProblem.Pin] {
        var pins = candidates.map(\.pin)
        for i in pinned { pins[i] = .funded }
        return pins
    }

    /// Whether each candidate is pinned funded: by its own pin or by `pin(_:)`.
    var fundedPins: [Bool] {
        var flags = candidates.map { $0.pin == .funded }
        for i in pinned { flags[i] = true }
        return flags
    }

    /// The best plan for `problem` (made by `problem(floors:)`), with the shared blocks.
    func solve(_ problem: PlanProblem) -> PlanSolver.Solution {
        PlanSolver.solve(problem, workLimit: workLimit, sharing: sharedBlocks)
    }

    /// The best plan without the floors, with the shared blocks: what `solve(problem(floors:
    /// false))` finds, searched over the candidates' columns as they stand (with what `pin(_:)`
    /// funded) rather than over a copy of every candidate.
    func solveWithoutFloors() -> PlanSolver.Solution {
        let columns = PlanColumns(value: candidates.map(\.value), cost: candidates.map(\.cost), pin: candidatePins,
                                  dependencies: dependencies, dependents: dependents, capacity: capacity)
        var search = PlanSearch(columns, workLimit: workLimit)
        return search.run(order: nil, blocks: sharedBlocks)
    }

    /// The problem, with or without the floors.
    func problem(floors withFloors: Bool, keeping kept: [Bool]? = nil) -> PlanProblem {
        guard withFloors, !floors.isEmpty else {
            return PlanProblem(candidates: pinnedCandidates { _ in [] }, capacity: capacity)
        }
        let keep = kept ?? floors.map { _ in true }
        let indices = floors.indices.filter { keep[$0] }
        return PlanProblem(candidates: pinnedCandidates { c in indices.map { c.floorParts[$0] } },
                           capacity: capacity, floors: indices.map { floors[$0].share })
    }

    /// The candidates with the floor parts `floorParts` picks, and the ones `pin(_:)` funded
    /// pinned.
    private func pinnedCandidates(floorParts: (PlanProblem.Candidate) -> [Double]) -> [PlanProblem.Candidate] {
        var out = candidates.map { c in var c = c; c.floorParts = floorParts(c); return c }
        for i in pinned { out[i].pin = .funded }
        return out
    }

    /// Solves with the floors (`unconstrained` is `solveWithoutFloors()`'s plan); a floor that
    /// only the empty plan meets is reported and dropped.
    func solveWithFloors(_ unconstrained: PlanSolver.Solution, diagnostics: inout [Diagnostic]) -> (solution: PlanSolver.Solution, outcomes: [Plan.FloorOutcome]) {
        guard !floors.isEmpty else { return (unconstrained, []) }
        var keep = floors.map { _ in true }
        var solution = solve(problem(floors: true))
        // A floor is left out when the best plan that meets it funds nothing: proven when the
        // search finished, else the best it found within its limit (the warning says which).
        let fundsNothing = { (s: PlanSolver.Solution) in !s.isFeasible || (s.value <= 0 && unconstrained.value > 0) }
        if fundsNothing(solution) {
            var searched = floors.map { _ in true }
            for k in floors.indices {
                let alone = solve(problem(floors: true, keeping: floors.indices.map { $0 == k }))
                if fundsNothing(alone) { keep[k] = false; searched[k] = alone.isOptimal }
            }
            solution = solve(problem(floors: true, keeping: keep))
            if fundsNothing(solution) {
                keep = floors.map { _ in false }
                solution = unconstrained
            }
            for (k, f) in floors.enumerated() where !keep[k] {
                let why = searched[k] ? "only a plan that funds nothing meets it" : "the search found no plan that funds anything and meets it within its limit"
                diagnostics.append(Diagnostic(.warning, .plan,
                    "floor \(f.label) (\(NumberFormat.human(f.share * 100, digits: 1))% of the funded value) cannot be met within the capacity\(keep.contains(true) || floors.count == 1 ? "" : " together with the others"): \(why); the plan leaves it out",
                    path: Paths.relative(config.sourcePath, to: config.backlogPath), at: f.location))
            }
        }
        let funded = solution.funded
        let outcomes = floors.enumerated().map { k, f -> Plan.FloorOutcome in
            let achieved = share(funded) { PlanItems.part(of: $0, for: f) }
            return Plan.FloorOutcome(floor: f, achieved: achieved, met: keep[k])
        }
        return (solution, outcomes)
    }

    /// The share of `funded`'s value that `part` takes.
    private func share(_ funded: [Bool], part: (ScoredItem) -> Double) -> Double {
        var total = 0.0, parts = 0.0
        for (i, r) in ranked.enumerated() where funded[i] { total += r.scored.value; parts += part(r.scored) }
        return total > 0 ? parts / total : 0
    }

    /// Funding down the list by score within `budget`: the `pinned` candidates first, then
    /// each item that fits and whose dependencies are funded.
    func greedy(pinned: [Bool], within budget: Double) -> Plan.Totals {
        var funded = pinned
        var cost = self.cost(of: funded, costs: nil)
        guard cost <= budget * (1 + 1e-12) else { return Plan.Totals(value: 0, cost: 0, count: 0) }
        for i in candidates.indices where !funded[i] && candidates[i].pin != .unfunded {
            // Nothing further down the list fits any more.
            if cheapestFrom[i] > budget * (1 + 1e-12) - cost { break }
            guard cost + candidates[i].cost <= budget * (1 + 1e-12),
                  dependencies.range(i).allSatisfy({ funded[dependencies.list[$0]] }) else { continue }
            funded[i] = true
            cost += candidates[i].cost
        }
        var value = 0.0, total = 0.0
        for (i, c) in candidates.enumerated() where funded[i] { value += c.value; total += c.cost }
        return Plan.Totals(value: value, cost: total, count: funded.count(where: { $0 }))
    }

    /// Each group's and objective's share of the funded value and of the whole backlog's value.
    func shares(_ funded: [Bool]) -> [Plan.Share] {
        guard config.model.model.readsObjectives else { return [] }
        var groups = Tally(names: backlogGroups.names), objectives = Tally(names: backlogObjectives.names)
        var fundedValue = 0.0
        for i in ranked.indices where funded[i] {
            fundedValue += ranked[i].scored.value
            PlanItems.split(ranked[i].scored, groups: &groups, objectives: &objectives)
        }
        func share(_ x: Double, of total: Double) -> Double { total > 0 ? x / total : 0 }
        func shares(_ kind: PlanFloor.Kind, _ whole: Tally, _ funded: Tally) -> [Plan.Share] {
            zip(whole.names, whole.sums).sorted { $0.0 < $1.0 }.map { name, all in
                Plan.Share(kind: kind, name: name, funded: share(funded.sum(of: name), of: fundedValue), backlog: share(all, of: backlogValue))
            }
        }
        return shares(.groups, backlogGroups, groups) + shares(.objectives, backlogObjectives, objectives)
    }
}

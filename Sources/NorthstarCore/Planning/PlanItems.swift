/// What the plan reads of each ranked item, in one pass (the items are scattered in memory,
/// so each pass over them costs): value, cost, which items are pins, `funding: never`, each
/// item's parts for the floors, and the whole backlog's value by group and by objective.
struct PlanItems: Sendable {
    /// One candidate per ranked item, in rank order, without its dependencies yet.
    var candidates: [PlanProblem.Candidate] = []
    /// Each ranked item's place, by id.
    var index: [String: Int] = [:]
    /// The in-progress items that are not `funding: must`, and the `funding: must` ones.
    var inProgress: [Int] = [], must: [Int] = []
    /// Why an item can never be funded (here: `funding: never`), by id.
    var excluded: [String: String] = [:]
    /// The floors the plan keeps (impact model only).
    let floors: [PlanFloor]
    /// The whole backlog's value, by group and by objective (impact model only), and in all.
    var backlogGroups: Tally, backlogObjectives: Tally, backlogValue = 0.0

    init(_ ranked: [RankedItem], config: Config) {
        let splits = config.model.model.readsObjectives
        floors = splits ? config.floors : []
        backlogGroups = Tally(names: config.equity.groups.keys.sorted())
        backlogObjectives = Tally(names: config.objectives.map(\.id))
        index.reserveCapacity(ranked.count)
        candidates.reserveCapacity(ranked.count)
        for i in ranked.indices {
            let scored = ranked[i].scored, item = scored.item
            backlogValue += scored.value
            if splits { Self.split(scored, groups: &backlogGroups, objectives: &backlogObjectives) }
            index[item.id] = i
            if item.funding == .must { must.append(i) } else if item.status == .inProgress { inProgress.append(i) }
            var pin = PlanProblem.Pin.free
            if item.funding == .never { excluded[item.id] = "'funding: never'"; pin = .unfunded }
            candidates.append(PlanProblem.Candidate(value: scored.value, cost: scored.cost, pin: pin,
                                                    floorParts: floors.map { Self.part(of: scored, for: $0) }))
        }
    }

    /// The part of an item's value that goes to a floor's group or objective.
    static func part(of s: ScoredItem, for floor: PlanFloor) -> Double {
        guard case .impact(let f) = s.factors else { return 0 }
        switch floor.kind {
        case .groups:
            guard f.weightedNeedReach > 0 else { return 0 }
            return s.value * (f.groupParts.first { $0.group == floor.name }?.part ?? 0) / f.weightedNeedReach
        case .objectives:
            guard f.alignment > 0 else { return 0 }
            return s.value * (f.objectiveParts.first { $0.objective == floor.name }?.part ?? 0) / f.alignment
        }
    }

    /// Adds an item's value, split over its groups (by their parts of the weighted need-reach)
    /// and its objectives (by their parts of the alignment).
    static func split(_ scored: ScoredItem, groups: inout Tally, objectives: inout Tally) {
        guard case .impact(let f) = scored.factors else { return }
        let value = scored.value
        if f.weightedNeedReach > 0 {
            for g in f.groupParts { groups.add(value * g.part / f.weightedNeedReach, to: g.group) }
        }
        if f.alignment > 0 {
            for o in f.objectiveParts where o.part > 0 { objectives.add(value * o.part / f.alignment, to: o.objective) }
        }
    }
}

/// Value summed by name. A backlog names a handful of groups and objectives, so a short list
/// beats hashing every name of every item.
struct Tally: Sendable {
    private(set) var names: [String]
    private(set) var sums: [Double]

    init(names: [String]) {
        self.names = names
        sums = names.map { _ in 0 }
    }

    mutating func add(_ part: Double, to name: String) {
        if let k = names.firstIndex(of: name) { sums[k] += part } else { names.append(name); sums.append(part) }
    }

    func sum(of name: String) -> Double { names.firstIndex(of: name).map { sums[$0] } ?? 0 }
}


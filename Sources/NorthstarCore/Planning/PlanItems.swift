/// What the plan reads of each ranked item, in one pass (the items are scattered in memory,
/// so each pass over them costs): value, cost, which items are pins, `funding: never`, each
/// item's parts for the floors, and the whole backlog's value by group and by objective.
/// Kept row by row in rank order, so that after a small edit the edited items' rows move and
/// the rest is worked out from the rows again, without reading every item (`moving`).
struct PlanItems: Sendable {
    /// One candidate per ranked item, in rank order, without its dependencies yet.
    private(set) var candidates: [PlanProblem.Candidate] = []
    /// Each ranked item's place, found through its slot (`place(of:)`).
    private var places = Places()
    /// The open dependencies `link(_:)` read from the links, by slot; nil until linked.
    private(set) var edges: LinkedEdges?
    /// The in-progress items that are not `funding: must`, and the `funding: must` ones.
    private(set) var inProgress: [Int] = [], must: [Int] = []
    /// Why an item can never be funded (here: `funding: never`), by id.
    private(set) var excluded: [String: String] = [:]
    /// The floors the plan keeps (impact model only).
    let floors: [PlanFloor]
    /// The whole backlog's value, by group and by objective (impact model only), and in all.
    private(set) var backlogGroups: Tally, backlogObjectives: Tally, backlogValue = 0.0

    /// Each ranked item's id and role, in rank order.
    private var ids: [String] = [], roles: [Role] = []
    /// Each ranked item's value split over its groups and its objectives, in rank order.
    private var groupSplits: Splits, objectiveSplits: Splits
    private let splits: Bool
    private let groupNames: [String], objectiveNames: [String]

    /// Whether an item is a pin: in progress, or `funding: must` (which comes first).
    fileprivate enum Role: UInt8, Sendable { case none, inProgress, must }

    /// One ranked item as the plan reads it.
    struct Row: Sendable {
        fileprivate var candidate: PlanProblem.Candidate
        fileprivate var id: String
        fileprivate var role: Role
        fileprivate var groups: [(name: String, part: Double)], objectives: [(name: String, part: Double)]
    }

    init(_ ranked: [RankedItem], config: Config) {
        splits = config.model.model.readsObjectives
        floors = splits ? config.floors : []
        groupNames = config.equity.groups.keys.sorted()
        objectiveNames = config.objectives.map(\.id)
        backlogGroups = Tally(names: groupNames)
        backlogObjectives = Tally(names: objectiveNames)
        groupSplits = Splits(names: groupNames)
        objectiveSplits = Splits(names: objectiveNames)
        candidates.reserveCapacity(ranked.count)
        ids.reserveCapacity(ranked.count)
        roles.reserveCapacity(ranked.count)
        for r in ranked { append(row(r.scored)) }
        places = Places(ids)
        assemble()
    }

    /// These rows after the ranking they were read from changed the way `EvaluationUpdate`
    /// changes it: the rows at `leaving` taken out, from the last, then each of `arriving` put in
    /// at its place, in turn. Equal to `PlanItems(ranked, config:)` for the ranking after the
    /// change, as long as the config is the one these rows were read under. Nil when these rows
    /// are not those of the ranking before the change (`count` ranked items, with `leaving`'s
    /// ids where it says): the caller reads the items again.
    /// With `keepingLinks` (the links' dependencies are the same after the change, and no item
    /// came into the ranking or left it), an item that leaves and comes back keeps its slot, so
    /// the dependencies read by `link(_:)` stay valid; otherwise they are dropped.
    consuming func moving(from count: Int, leaving: [(at: Int, id: String)], arriving: [(at: Int, scored: ScoredItem)],
                          keepingLinks: Bool = false) -> PlanItems? {
        guard ids.count == count, leaving.allSatisfy({ $0.at < count && ids[$0.at] == $0.id }) else { return nil }
        var moved = self
        if !keepingLinks { moved.edges = nil }
        // The rows before `lo` are where they were; the last `tail` rows, after every place a row
        // left or came, keep their distance from the end, so their place too when as many rows
        // come as go. Only the places between are indexed again.
        var lo = Int.max, tail = Int.max
        for at in leaving.map(\.at).sorted(by: >) {
            lo = min(lo, at)
            tail = min(tail, moved.ids.count - 1 - at)
            moved.places.remove(moved.ids[at], at: at)
            moved.remove(at: at)
        }
        for (at, scored) in arriving {
            lo = min(lo, at)
            tail = min(tail, moved.ids.count - at)
            let row = moved.row(scored)
            // An item that did not get its slot back would leave the dependencies read by slot
            // pointing elsewhere: they are read again.
            if !moved.places.insert(row.id, at: at, keepingSlot: keepingLinks) { moved.edges = nil }
            moved.insert(row, at: at)
        }
        moved.places.forgetLeft()
        let n = moved.ids.count
        let end = n == count ? n - min(tail, n) : n
        if lo < end { moved.places.renumber(lo..<end) }
        moved.assemble()
        return moved
    }

    /// The place of the ranked item `id`, if it is ranked.
    func place(of id: String) -> Int? { places.place(of: id) }

    /// Each ranked item's open dependencies as `links` gives them, read once and kept by slot
    /// (an item keeps its slot while it is ranked), so that the plan of a later ranking of the
    /// same items with the same links finds them by place without looking any id up. A
    /// dependency that is not ranked is kept by its id.
    mutating func link(_ links: DependencyLinks) { edges = edges(of: links) }

    /// What `link(_:)` keeps, read from `links` without keeping it.
    func edges(of links: DependencyLinks) -> LinkedEdges {
        var edges = LinkedEdges()
        // Each item's dependencies in the order written, the order `PlanSetup` adds them in;
        // the items' order among themselves does not matter.
        for (id, deps) in links.blockedBy {
            guard let from = places.slot(of: id) else { continue }
            for dep in deps {
                if let to = places.slot(of: dep) {
                    edges.list.append((from, to))
                } else {
                    edges.list.append((from, -1 - edges.missing.count))
                    edges.missing.append(dep)
                }
            }
        }
        return edges
    }

    /// The place of the item in `slot`.
    func place(ofSlot slot: Int) -> Int { places.place(ofSlot: slot) }

    /// The id of the ranked item at `place`.
    func id(at place: Int) -> String { ids[place] }

    /// Open dependencies between ranked items by slot (see `link(_:)`): `(from, to)` where `to`
    /// is a slot, or `-1 - k` for the `k`th dependency in `missing` (not ranked).
    struct LinkedEdges: Sendable {
        var list: [(from: Int, to: Int)] = []
        var missing: [String] = []
    }

    /// How many ids have a place (as many as there are ranked items).
    var placedCount: Int { places.count }

    /// What the plan reads of one scored item.
    func row(_ scored: ScoredItem) -> Row {
        let item = scored.item
        var pin = PlanProblem.Pin.free
        if item.funding == .never { pin = .unfunded }
        let role: Role = item.funding == .must ? .must : item.status == .inProgress ? .inProgress : .none
        var groups: [(name: String, part: Double)] = [], objectives: [(name: String, part: Double)] = []
        if splits { Self.split(scored, groups: &groups, objectives: &objectives) }
        return Row(candidate: PlanProblem.Candidate(value: scored.value, cost: scored.cost, pin: pin,
                                                    floorParts: floors.map { Self.part(of: scored, for: $0) }),
                   id: item.id, role: role, groups: groups, objectives: objectives)
    }

    private mutating func append(_ row: Row) { insert(row, at: candidates.count) }

    private mutating func insert(_ row: Row, at position: Int) {
        candidates.insert(row.candidate, at: position)
        ids.insert(row.id, at: position)
        roles.insert(row.role, at: position)
        groupSplits.insert(row.groups, at: position)
        objectiveSplits.insert(row.objectives, at: position)
    }

    private mutating func remove(at position: Int) {
        candidates.remove(at: position)
        ids.remove(at: position)
        roles.remove(at: position)
        groupSplits.remove(at: position)
        objectiveSplits.remove(at: position)
    }

    /// Works out everything else but the places from the rows, in rank order (so the sums add up
    /// in the same order whichever way the rows came about).
    private mutating func assemble() {
        inProgress = []
        must = []
        excluded = [:]
        backlogValue = 0
        for i in candidates.indices {
            backlogValue += candidates[i].value
            switch roles[i] {
            case .must: must.append(i)
            case .inProgress: inProgress.append(i)
            case .none: break
            }
            if candidates[i].pin == .unfunded { excluded[ids[i]] = "'funding: never'" }
        }
        backlogGroups = groupSplits.total()
        backlogObjectives = objectiveSplits.total()
    }

    /// Parts of each row's value by name, one row per ranked item, in one flat list. Each part
    /// names its group or objective by its place in `table` (a backlog names a handful), so
    /// moving rows moves small integers and summing compares no text.
    private struct Splits: Sendable {
        /// Where each row's parts start in `names` and `parts`, and where the last one ends.
        var starts: [Int] = [0]
        var names: [Int32] = [], parts: [Double] = []
        /// Every spelling the parts have used, byte for byte (names of rows that left stay: a
        /// backlog has a handful), and the names the sums start from.
        private var table: [String] = []
        /// Whether each spelling in `table` is all ASCII.
        private var tableIsASCII: [Bool] = []
        private let tallied: [String]

        /// No rows yet; the sums will start from `names`, each at zero, as a `Tally` does.
        init(names: [String]) {
            tallied = names
        }

        mutating func insert(_ row: [(name: String, part: Double)], at position: Int) {
            if position == starts.count - 1 {
                // After the last row (every row of a first reading): nothing moves.
                for (name, part) in row {
                    names.append(number(of: name))
                    parts.append(part)
                }
                starts.append(names.count)
                return
            }
            let at = starts[position]
            names.insert(contentsOf: row.map { number(of: $0.name) }, at: at)
            parts.insert(contentsOf: row.map(\.part), at: at)
            starts.insert(at, at: position)
            if !row.isEmpty { for k in (position + 1)..<starts.count { starts[k] += row.count } }
        }

        mutating func remove(at position: Int) {
            let range = starts[position]..<starts[position + 1]
            names.removeSubrange(range)
            parts.removeSubrange(range)
            starts.remove(at: position)
            if !range.isEmpty { for k in position..<starts.count { starts[k] -= range.count } }
        }

        /// The number of `name`'s spelling (bytes, not Unicode equivalence: which of two
        /// equivalent spellings a sum is published under is the tally's choice, in `total`).
        private mutating func number(of name: String) -> Int32 {
            let ascii = name.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? name.utf8.allSatisfy { $0 < 0x80 }
            // An ASCII spelling and another one never share their bytes; two ASCII strings are
            // equal exactly when their bytes are, and `==` compares short ones quickly.
            for k in table.indices where tableIsASCII[k] == ascii {
                if ascii ? table[k] == name : table[k].utf8.elementsEqual(name.utf8) { return Int32(k) }
            }
            table.append(name)
            tableIsASCII.append(ascii)
            return Int32(table.count - 1)
        }

        /// Every part added, row after row, to a `Tally` of the names the sums start from: the
        /// tally finds each spelling's place once, and the rest of its parts go straight there.
        func total() -> Tally {
            var tally = Tally(names: tallied)
            var place = [Int?](repeating: nil, count: table.count)
            for k in parts.indices {
                let n = Int(names[k])
                if let at = place[n] { tally.add(parts[k], at: at) } else { place[n] = tally.add(parts[k], to: table[n]) }
            }
            return tally
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

    /// Adds an item's value, split as `split(_:groups:objectives:)` splits it, to the sums.
    static func split(_ scored: ScoredItem, groups: inout Tally, objectives: inout Tally) {
        parts(of: scored, group: { groups.add($1, to: $0) }, objective: { objectives.add($1, to: $0) })
    }

    /// An item's value, split over its groups (by their parts of the weighted need-reach) and
    /// its objectives (by their parts of the alignment).
    static func split(_ scored: ScoredItem, groups: inout [(name: String, part: Double)], objectives: inout [(name: String, part: Double)]) {
        guard case .impact(let f) = scored.factors else { return }
        if f.weightedNeedReach > 0 { groups.reserveCapacity(groups.count + f.groupParts.count) }
        if f.alignment > 0 { objectives.reserveCapacity(objectives.count + f.objectiveParts.count) }
        parts(of: scored, group: { groups.append(($0, $1)) }, objective: { objectives.append(($0, $1)) })
    }

    /// Hands each part of an item's value to `group` or `objective`, with its name, in the order
    /// the item lists them (the one rule both `split`s follow).
    private static func parts(of scored: ScoredItem, group: (String, Double) -> Void, objective: (String, Double) -> Void) {
        guard case .impact(let f) = scored.factors else { return }
        let value = scored.value
        if f.weightedNeedReach > 0 {
            for g in f.groupParts { group(g.group, value * g.part / f.weightedNeedReach) }
        }
        if f.alignment > 0 {
            for o in f.objectiveParts where o.part > 0 { objective(o.objective, value * o.part / f.alignment) }
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

    /// Adds `part` to `name`'s sum (a name not met yet is added after the others); returns the
    /// sum's place, for `add(_:at:)`.
    @discardableResult
    mutating func add(_ part: Double, to name: String) -> Int {
        if let k = names.firstIndex(of: name) { sums[k] += part; return k }
        names.append(name)
        sums.append(part)
        return names.count - 1
    }

    /// Adds `part` to the sum at `place`, as `add(_:to:)` returned it.
    mutating func add(_ part: Double, at place: Int) { sums[place] += part }

    func sum(of name: String) -> Double { names.firstIndex(of: name).map { sums[$0] } ?? 0 }
}


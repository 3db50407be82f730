/// One backlog item: a piece of work with the need it meets, the people it reaches, what it
/// costs and how it serves the mission's objectives.
public struct Item: Sendable, Hashable {
    /// The team's identifier (`FA-12`), unique across the backlog.
    public var id: String
    /// A short human title.
    public var title: String
    /// Open, in progress, done or dropped.
    public var status: ItemStatus
    /// Contribution (0..1) to each mission objective, by objective id.
    public var objectives: [String: Double]
    /// Severity of need of the people served.
    public var need: Need?
    /// People reached per year, by beneficiary group (a single number counts as `general`).
    public var reach: [String: Estimate]
    /// How sure the team is of these estimates (0..1); `nil` means the config's default.
    public var confidence: Estimate?
    /// Cost in the config's cost unit (> 0).
    public var cost: Estimate?
    /// Ids of the items that must be done first.
    public var dependsOn: [String]
    /// Free labels.
    public var tags: [String]
    /// Who looks after the item.
    public var owner: String?
    /// RICE's impact (3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal).
    public var riceImpact: Double?
    /// RICE's effort; `cost` when absent.
    public var effort: Estimate?
    /// WSJF's user-business value.
    public var businessValue: Estimate?
    /// WSJF's time criticality.
    public var timeCriticality: Estimate?
    /// WSJF's risk reduction / opportunity enablement.
    public var riskReduction: Estimate?
    /// WSJF's job size; `cost` when absent.
    public var jobSize: Estimate?
    /// The file the item came from, as displayed (relative to the backlog folder).
    public var path: String
    /// Where the item starts in its file.
    public var location: SourceLocation
    /// Where each field was written, by field path (`reach`, `reach.rural`, `depends_on.0`).
    public var fieldLocations: [String: SourceLocation]

    /// An item with an id and its place; every other field empty.
    public init(id: String, path: String, location: SourceLocation) {
        self.id = id
        self.title = ""
        self.status = .open
        self.objectives = [:]
        self.need = nil
        self.reach = [:]
        self.confidence = nil
        self.cost = nil
        self.dependsOn = []
        self.tags = []
        self.owner = nil
        self.path = path
        self.location = location
        self.fieldLocations = [:]
    }

    /// Where field `field` was written, falling back to the item's start.
    public func location(of field: String) -> SourceLocation {
        fieldLocations[field] ?? location
    }

    /// `path:line` of the item, for outputs.
    public var sourceReference: String { "\(path):\(location.line)" }

    /// Total people reached per year across groups (point values).
    public var totalReach: Double {
        reach.keys.sorted().reduce(0) { $0 + (reach[$1]?.point ?? 0) }
    }

    /// Whether any estimate of the item is a range.
    public var hasRanges: Bool {
        let estimates: [Estimate?] = [confidence, cost, effort, businessValue, timeCriticality, riskReduction, jobSize]
        if estimates.contains(where: { $0?.isRange == true }) { return true }
        if reach.values.contains(where: { $0.isRange }) { return true }
        switch need {
        case .uniform(let e): return e.isRange
        case .perGroup(let m): return m.values.contains(where: { $0.isRange })
        case nil: return false
        }
    }
}

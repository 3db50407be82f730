/// One backlog item: a piece of work with the need it meets, the people it reaches, what it
/// costs and how it serves the mission's objectives.
///
/// A value type whose fields live in one shared, copy-on-write box: the ranking, the change log
/// and the daemon's memory pass items around by the hundred thousand, and a copy is then one
/// reference count rather than a dozen.
public struct Item: Sendable, Hashable {
    /// The fields, shared between copies until one of them changes.
    private var storage: Storage

    private final class Storage: @unchecked Sendable {
        // A box is written only through `unique`, when no other item shares it, and overlapping
        // accesses through one item are still caught on the item itself (a value); so the
        // runtime's check on the box's fields, which would run on every read of every field of
        // every item (rendering reads each a dozen times), is left out.
        @exclusivity(unchecked) var id: String
        @exclusivity(unchecked) var title: String
        @exclusivity(unchecked) var status: ItemStatus
        @exclusivity(unchecked) var objectives: NamedValues<Double>
        @exclusivity(unchecked) var need: Need?
        @exclusivity(unchecked) var reach: NamedValues<Estimate>
        @exclusivity(unchecked) var confidence: Estimate?
        @exclusivity(unchecked) var cost: Estimate?
        @exclusivity(unchecked) var dependsOn: [String]
        @exclusivity(unchecked) var tags: [String]
        @exclusivity(unchecked) var owner: String?
        @exclusivity(unchecked) var modelInputs: ModelInputs
        @exclusivity(unchecked) var funding: FundingPin?
        @exclusivity(unchecked) var path: String
        @exclusivity(unchecked) var location: SourceLocation
        @exclusivity(unchecked) var fieldLocations: FieldLocations

        init(id: String, path: String, location: SourceLocation) {
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
            self.modelInputs = ModelInputs()
            self.path = path
            self.location = location
            self.fieldLocations = FieldLocations()
        }

        /// A box holding `f`, written at `location` in `path`.
        init(_ f: Item.Fields, path: String, location: SourceLocation, fieldLocations: FieldLocations) {
            id = f.id
            title = f.title
            status = f.status
            objectives = f.objectives
            need = f.need
            reach = f.reach
            confidence = f.confidence
            cost = f.cost
            dependsOn = f.dependsOn
            tags = f.tags
            owner = f.owner
            modelInputs = f.modelInputs
            funding = f.funding
            self.path = path
            self.location = location
            self.fieldLocations = fieldLocations
        }

        init(copying o: Storage) {
            id = o.id
            title = o.title
            status = o.status
            objectives = o.objectives
            need = o.need
            reach = o.reach
            confidence = o.confidence
            cost = o.cost
            dependsOn = o.dependsOn
            tags = o.tags
            owner = o.owner
            modelInputs = o.modelInputs
            funding = o.funding
            path = o.path
            location = o.location
            fieldLocations = o.fieldLocations
        }

        func sameFields(as o: Storage) -> Bool {
            id == o.id
                && title == o.title
                && status == o.status
                && objectives == o.objectives
                && need == o.need
                && reach == o.reach
                && confidence == o.confidence
                && cost == o.cost
                && dependsOn == o.dependsOn
                && tags == o.tags
                && owner == o.owner
                && modelInputs == o.modelInputs
                && funding == o.funding
                && path == o.path
                && location == o.location
                && fieldLocations == o.fieldLocations
        }
    }

    /// An item's fields as a reader gathers them, before the item is made in one step (rather
    /// than field by field through the shared box).
    /// Each field means what the item's property of the same name means.
    struct Fields {
        /// See `Item.id`.
        var id = ""
        /// See `Item.title`.
        var title = ""
        /// See `Item.status`.
        var status = ItemStatus.open
        /// See `Item.objectives`.
        var objectives = NamedValues<Double>()
        /// See `Item.need`.
        var need: Need?
        /// See `Item.reach`.
        var reach = NamedValues<Estimate>()
        /// See `Item.confidence`.
        var confidence: Estimate?
        /// See `Item.cost`.
        var cost: Estimate?
        /// See `Item.dependsOn`.
        var dependsOn: [String] = []
        /// See `Item.tags`.
        var tags: [String] = []
        /// See `Item.owner`.
        var owner: String?
        /// See `Item.modelInputs`.
        var modelInputs = ModelInputs()
        /// See `Item.funding`.
        var funding: FundingPin?
    }

    /// The item with `fields`, written at `location` in `path`.
    init(_ fields: Fields, path: String, location: SourceLocation, fieldLocations: FieldLocations) {
        storage = Storage(fields, path: path, location: location, fieldLocations: fieldLocations)
    }

    /// The box, copied first when shared (copy-on-write).
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
            return storage
        }
    }

    /// The team's identifier (`FA-12`), unique across the backlog.
    public var id: String {
        get { storage.id }
        set { unique.id = newValue }
        _modify { yield &unique.id }
    }
    /// A short human title.
    public var title: String {
        get { storage.title }
        set { unique.title = newValue }
        _modify { yield &unique.title }
    }
    /// Open, in progress, done or dropped.
    public var status: ItemStatus {
        get { storage.status }
        set { unique.status = newValue }
        _modify { yield &unique.status }
    }
    /// Contribution (0..1) to each mission objective, by objective id.
    public var objectives: NamedValues<Double> {
        get { storage.objectives }
        set { unique.objectives = newValue }
        _modify { yield &unique.objectives }
    }
    /// Severity of need of the people served.
    public var need: Need? {
        get { storage.need }
        set { unique.need = newValue }
        _modify { yield &unique.need }
    }
    /// People reached per year, by beneficiary group (a single number counts as `general`).
    public var reach: NamedValues<Estimate> {
        get { storage.reach }
        set { unique.reach = newValue }
        _modify { yield &unique.reach }
    }
    /// How sure the team is of these estimates (0..1); `nil` means the config's default.
    public var confidence: Estimate? {
        get { storage.confidence }
        set { unique.confidence = newValue }
        _modify { yield &unique.confidence }
    }
    /// Cost in the config's cost unit (> 0).
    public var cost: Estimate? {
        get { storage.cost }
        set { unique.cost = newValue }
        _modify { yield &unique.cost }
    }
    /// Ids of the items that must be done first.
    public var dependsOn: [String] {
        get { storage.dependsOn }
        set { unique.dependsOn = newValue }
        _modify { yield &unique.dependsOn }
    }
    /// Free labels.
    public var tags: [String] {
        get { storage.tags }
        set { unique.tags = newValue }
        _modify { yield &unique.tags }
    }
    /// Who looks after the item.
    public var owner: String? {
        get { storage.owner }
        set { unique.owner = newValue }
        _modify { yield &unique.owner }
    }
    /// The fields only some scoring model reads (`effort`, `job_size`), by name.
    public var modelInputs: ModelInputs {
        get { storage.modelInputs }
        set { unique.modelInputs = newValue }
        _modify { yield &unique.modelInputs }
    }
    /// Whether a budget plan must fund the item or may never fund it (`funding: must|never`).
    public var funding: FundingPin? {
        get { storage.funding }
        set { unique.funding = newValue }
        _modify { yield &unique.funding }
    }
    /// The file the item came from, as displayed (relative to the backlog folder).
    public var path: String {
        get { storage.path }
        set { unique.path = newValue }
        _modify { yield &unique.path }
    }
    /// Where the item starts in its file.
    public var location: SourceLocation {
        get { storage.location }
        set { unique.location = newValue }
        _modify { yield &unique.location }
    }
    /// Where each field was written, by field path (`reach`, `reach.rural`, `depends_on.0`).
    public var fieldLocations: FieldLocations {
        get { storage.fieldLocations }
        set { unique.fieldLocations = newValue }
        _modify { yield &unique.fieldLocations }
    }

    /// An item with an id and its place; every other field empty.
    public init(id: String, path: String, location: SourceLocation) {
        storage = Storage(id: id, path: path, location: location)
    }

    /// Items are equal when every field is.
    /// Identifies this copy's shared fields: two items with the same identity are equal (the
    /// converse need not hold). Valid while the item is alive.
    var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    public static func == (a: Item, b: Item) -> Bool {
        a.storage === b.storage || a.storage.sameFields(as: b.storage)
    }

    /// Hashes the fields that identify an item's content.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.id)
        hasher.combine(storage.title)
        hasher.combine(storage.status)
        hasher.combine(storage.objectives)
        hasher.combine(storage.need)
        hasher.combine(storage.reach)
        hasher.combine(storage.confidence)
        hasher.combine(storage.cost)
        hasher.combine(storage.dependsOn)
        hasher.combine(storage.tags)
        hasher.combine(storage.owner)
        hasher.combine(storage.modelInputs)
        hasher.combine(storage.funding)
        hasher.combine(storage.path)
        hasher.combine(storage.location)
        hasher.combine(storage.fieldLocations)
    }

    /// Where field `field` was written, falling back to the item's start.
    public func location(of field: String) -> SourceLocation {
        fieldLocations[field] ?? location
    }

    /// `path:line` of the item, for outputs.
    public var sourceReference: String { "\(path):\(location.line)" }

    /// Total people reached per year across groups (point values).
    public var totalReach: Double {
        reach.reduce(0) { $0 + $1.value.point }
    }

    /// Whether any estimate of the item is a range.
    public var hasRanges: Bool {
        if confidence?.isRange == true || cost?.isRange == true || modelInputs.hasRanges { return true }
        if reach.values.contains(where: { $0.isRange }) { return true }
        switch need {
        case .uniform(let e): return e.isRange
        case .perGroup(let m): return m.values.contains(where: { $0.isRange })
        case nil: return false
        }
    }
}

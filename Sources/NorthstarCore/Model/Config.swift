/// One mission objective the organisation weighs work against.
public struct Objective: Sendable, Hashable {
    /// Identifier used in backlog items (`food-security`).
    public var id: String
    /// Relative importance (>= 0); alignment divides by the sum of all weights.
    public var weight: Double
    /// Display name (`Food security`).
    public var name: String
    /// How the organisation measures progress on it, if stated.
    public var metric: String?

    /// An objective.
    public init(id: String, weight: Double, name: String? = nil, metric: String? = nil) {
        self.id = id
        self.weight = weight
        self.name = name ?? id
        self.metric = metric
    }
}

/// Equity weights: how much one person reached in each beneficiary group counts.
/// Overlooked groups are given more than 1.
public struct EquityWeights: Sendable, Hashable {
    /// Weight by group id.
    public var groups: [String: Double]
    /// Weight for a group the config does not list.
    public var defaultWeight: Double

    /// Equity weights by group, with a default.
    public init(groups: [String: Double], defaultWeight: Double = 1.0) {
        self.groups = groups
        self.defaultWeight = defaultWeight
    }

    /// The weight that applies to `group`.
    public func weight(for group: String) -> Double { groups[group] ?? defaultWeight }

    /// Groups an item may name without a warning (the listed ones and `general`).
    public var knownGroups: Set<String> { Set(groups.keys).union(["general"]) }
}

/// Whether dependencies change the order of the ranking.
public enum DependencyOrder: String, Sendable, Hashable, CaseIterable {
    /// Items are ordered by score alone; dependencies are shown beside them.
    case ignore
    /// A blocker comes right before the highest-ranked item it unblocks (its score unchanged).
    case inherit
}

/// A floor of the plan: at least `share` of the funded value must go to a beneficiary group or
/// a mission objective.
public struct PlanFloor: Sendable, Hashable {
    /// What the floor is on.
    public enum Kind: String, Sendable, Hashable {
        /// A beneficiary group: its share of an item's value is its part of the weighted need-reach.
        case groups
        /// An objective: its share of an item's value is its part of the alignment.
        case objectives
    }
    /// Group or objective.
    public var kind: Kind
    /// The group's or objective's id.
    public var name: String
    /// The least share of the funded value, 0..1.
    public var share: Double
    /// Where the floor is written in the config.
    public var location: SourceLocation

    /// A floor of `share` on `kind` `name`, written at `location`.
    public init(kind: Kind, name: String, share: Double, location: SourceLocation) {
        self.kind = kind; self.name = name; self.share = share; self.location = location
    }

    /// `plan.floors.groups.refugees: 0.10`, as written.
    public var label: String { "\(kind.rawValue).\(name)" }
}

/// How weighted need-reach is turned into impact: raw, or with diminishing returns.
public enum ReachScale: String, Sendable, Hashable, CaseIterable {
    /// Impact grows with people reached.
    case linear
    /// Square root: 4x the people counts 2x.
    case sqrt
    /// Natural log of (1 + x): strongly diminishing returns.
    case log

    /// Applies the scale to a weighted need-reach figure.
    public func apply(_ x: Double) -> Double {
        switch self {
        case .linear: return x
        case .sqrt: return x.squareRoot()
        case .log: return Math.log1p(x)
        }
    }
}

/// An output the engine can write.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    /// `ranking.json`.
    case json
    /// `ranking.csv`.
    case csv
    /// `RANKING.md`.
    case markdown
    /// `report.html`.
    case html
}

/// How the daemon waits for a burst of file changes to settle.
public struct WatchSettings: Sendable, Hashable {
    /// Quiet time, in milliseconds, before recomputing.
    public var settleMs: Int
    /// Longest wait, in milliseconds, after the first change of a burst.
    public var maxDelayMs: Int

    /// Settling parameters.
    public init(settleMs: Int = 150, maxDelayMs: Int = 2000) {
        self.settleMs = settleMs
        self.maxDelayMs = maxDelayMs
    }
}

/// A team's configuration: its mission, objectives, equity weights, scoring and folders.
public struct Config: Sendable, Hashable {
    /// The config file this came from (absolute).
    public var sourcePath: String
    /// The mission statement, shown at the top of reports.
    public var mission: String?
    /// The backlog folder (absolute).
    public var backlogPath: String { didSet { backlogFromOutput = Self.link(from: outputPath, to: backlogPath) } }
    /// The output folder (absolute).
    public var outputPath: String { didSet { backlogFromOutput = Self.link(from: outputPath, to: backlogPath) } }
    /// The backlog folder as a link from a file in the output folder (`../backlog/`),
    /// percent-encoded: worked out once, not per row of `RANKING.md`.
    public private(set) var backlogFromOutput: [UInt8]
    /// What `cost` is measured in (`person-weeks`).
    public var costUnit: String
    /// Mission objectives in the order the config lists them.
    public var objectives: [Objective]
    /// Equity weights by beneficiary group.
    public var equity: EquityWeights
    /// The scoring formula.
    public var model: ScoringModelKind
    /// How weighted need-reach becomes impact.
    public var reachScale: ReachScale
    /// Confidence of an item that states none.
    public var defaultConfidence: Double
    /// Budget per planning period, in cost units, if the team plans against one.
    public var capacity: Double?
    /// The plan's floors: the least share of funded value that must go to a group or objective.
    public var floors: [PlanFloor]
    /// Whether a blocker is ordered before the items it unblocks (`scoring.dependencies`).
    public var dependencyOrder: DependencyOrder
    /// Which ranking files to write.
    public var formats: [OutputFormat]
    /// Daemon settling.
    public var watch: WatchSettings
    /// The largest backlog file read when `limits.max_file_bytes` is not set: 1 MiB.
    public static let defaultMaxFileBytes = 1 << 20
    /// Largest backlog file read, in bytes; bigger files get a diagnostic.
    public var maxFileBytes: Int
    /// Where to write the Prometheus metrics file (absolute), if not the output folder.
    public var metricsPath: String?
    /// The most table rows `RANKING.md` shows (`markdown.max_rows`); the rest are in the CSV.
    public var markdownMaxRows = 500
    /// The most table rows `report.html` shows (`report.max_rows`); the rest are in the CSV.
    public var reportMaxRows = 500
    /// The Monte Carlo over the estimates' ranges and the weights' sensitivity (`uncertainty:`).
    public var uncertainty = UncertaintySettings()

    /// A config with Northstar's defaults for everything but the folders and objectives.
    public init(sourcePath: String, backlogPath: String, outputPath: String, objectives: [Objective]) {
        self.sourcePath = sourcePath
        self.mission = nil
        self.backlogPath = backlogPath
        self.outputPath = outputPath
        self.backlogFromOutput = Self.link(from: outputPath, to: backlogPath)
        self.costUnit = "person-weeks"
        self.objectives = objectives
        self.equity = EquityWeights(groups: [:])
        self.model = .impact
        self.reachScale = .linear
        self.defaultConfidence = 0.5
        self.capacity = nil
        self.floors = []
        self.dependencyOrder = .ignore
        self.formats = OutputFormat.allCases
        self.watch = WatchSettings()
        self.maxFileBytes = Self.defaultMaxFileBytes
        self.metricsPath = nil
    }

    /// `to` relative to `from`, percent-encoded for a Markdown link, with a closing '/'.
    static func link(from: String, to: String) -> [UInt8] {
        let relative = Paths.relative(to, to: from)
        var out: [UInt8] = []
        if relative != "." { Paths.appendPercentEncoded(relative, to: &out); out.append(UInt8(ascii: "/")) }
        return out
    }

    /// What work remembered between passes (each item's checks, score, rows and change-log
    /// entry) depends on. A reload that changes anything else — watch timings, formats, limits,
    /// the metrics file, the mission, the capacity — keeps every remembered item.
    public var rankingPolicy: RankingPolicy {
        RankingPolicy(objectives: objectives, equity: equity, model: model, reachScale: reachScale,
                      defaultConfidence: defaultConfidence, backlogFromOutput: backlogFromOutput)
    }

    /// The objective with id `id`.
    public func objective(_ id: String) -> Objective? { objectives.first { $0.id == id } }

    /// Sum of all objective weights (alignment's denominator).
    public var totalObjectiveWeight: Double {
        objectives.map(\.weight).sorted().reduce(0, +)
    }

    /// A digest of everything in the config that affects scores and ranks (not folders), so an
    /// output says which weighting produced it.
    public var scoringDigest: String {
        var canonical = "model=\(model.rawValue)\nreach_scale=\(reachScale.rawValue)\n"
        canonical += "default_confidence=\(NumberFormat.json(defaultConfidence))\n"
        for o in objectives.sorted(by: { $0.id < $1.id }) {
            canonical += "objective \(o.id)=\(NumberFormat.json(o.weight))\n"
        }
        for g in equity.groups.keys.sorted() {
            canonical += "equity \(g)=\(NumberFormat.json(equity.groups[g] ?? 0))\n"
        }
        canonical += "equity_default=\(NumberFormat.json(equity.defaultWeight))\n"
        if let capacity { canonical += "capacity=\(NumberFormat.json(capacity))\n" }
        for f in floors { canonical += "floor \(f.kind.rawValue).\(f.name)=\(NumberFormat.json(f.share))\n" }
        if dependencyOrder != .ignore { canonical += "dependencies=\(dependencyOrder.rawValue)\n" }
        return "sha256:" + SHA256.hex(Array(canonical.utf8)).prefix(16)
    }
}

/// The part of a config that an item's checks, score and rows depend on: the scoring policy
/// (objectives with their names, equity weights, model, reach scale, default confidence) and
/// where the rows' links lead (the backlog seen from the output folder).
public struct RankingPolicy: Sendable, Hashable {
    /// Objectives, weights and names (a row shows the top objective's name).
    public var objectives: [Objective]
    /// Equity weights.
    public var equity: EquityWeights
    /// The scoring model.
    public var model: ScoringModelKind
    /// How weighted need-reach becomes impact.
    public var reachScale: ReachScale
    /// Confidence of an item that states none.
    public var defaultConfidence: Double
    /// The backlog folder as a link from the output folder (each `RANKING.md` row links its file).
    public var backlogFromOutput: [UInt8]
}

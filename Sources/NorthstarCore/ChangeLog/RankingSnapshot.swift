/// What the change log compares: one ranking as it was written to `ranking.json` — the order,
/// the scores, each item's inputs down to the field, and the weighting in force. Built from the
/// `ranking.json` document itself, so a ranking held in memory and one read back from disk after
/// a restart compare in exactly the same way.
public struct RankingSnapshot: Sendable, Equatable {
    /// One item as the ranking saw it.
    public struct Entry: Sendable, Equatable {
        /// Item id.
        public var id: String
        /// Title.
        public var title: String
        /// Status (`open`, `in-progress`, `done`, `dropped`).
        public var status: String
        /// Rank, for ranked items.
        public var rank: Int?
        /// Score, for ranked items.
        public var score: Double?
        /// Inputs by field path (`reach.rural`, `need`, `objectives.food-security`, `confidence`,
        /// `cost`, `depends_on`), as display text.
        public var inputs: [String: String]
    }

    /// Ranked items, best first.
    public var ranked: [Entry]
    /// Done and dropped items.
    public var closed: [Entry]
    /// The config digest.
    public var configDigest: String
    /// Weighting by name (`objective weight food-security`, `equity rural`, `scoring model`...).
    public var weights: [String: String]

    /// An empty ranking (before the first one).
    public static let empty = RankingSnapshot(ranked: [], closed: [], configDigest: "", weights: [:])

    /// The snapshot of a `ranking.json` document; `nil` if it is not schema 1.
    public init?(document d: JSONValue) {
        guard d["schema"]?.numberValue == 1 else { return nil }
        configDigest = d["config_digest"]?.stringValue ?? ""
        var weights: [String: String] = [:]
        weights["scoring model"] = d["model"]?.stringValue
        weights["reach scale"] = d["reach_scale"]?.stringValue
        weights["default confidence"] = d["default_confidence"]?.numberValue.map(NumberFormat.json)
        weights["capacity"] = d["capacity"]?.numberValue.map(NumberFormat.json)
        for o in d["objectives"]?.arrayValue ?? [] {
            if let id = o["id"]?.stringValue, let w = o["weight"]?.numberValue { weights["objective weight \(id)"] = NumberFormat.json(w) }
        }
        for (g, w) in d["equity"]?["groups"]?.objectValue ?? [] {
            if let w = w.numberValue { weights["equity \(g)"] = NumberFormat.json(w) }
        }
        weights["equity default"] = d["equity"]?["default"]?.numberValue.map(NumberFormat.json)
        self.weights = weights
        ranked = (d["items"]?.arrayValue ?? []).compactMap(Self.entry)
        closed = (d["closed"]?.arrayValue ?? []).compactMap(Self.entry)
    }

    /// The snapshot of an evaluation (what `ranking.json` would say).
    public init(_ evaluation: Evaluation) {
        // `RankingJSON.document` always has schema 1.
        self = RankingSnapshot(document: RankingJSON.document(evaluation)) ?? .empty
    }

    init(ranked: [Entry], closed: [Entry], configDigest: String, weights: [String: String]) {
        self.ranked = ranked
        self.closed = closed
        self.configDigest = configDigest
        self.weights = weights
    }

    static func entry(_ j: JSONValue) -> Entry? {
        guard let id = j["id"]?.stringValue else { return nil }
        var inputs: [String: String] = [:]
        let f = j["factors"]
        for (g, part) in f?["groups"]?.objectValue ?? [] {
            if let reach = part["reach"]?.numberValue { inputs["reach.\(g)"] = NumberFormat.json(reach) }
        }
        switch j["need"] {
        case .number(let n)?: inputs["need"] = NumberFormat.json(n)
        case .object(let m)?: for (g, n) in m { if let n = n.numberValue { inputs["need.\(g)"] = NumberFormat.json(n) } }
        default: break
        }
        for (o, part) in f?["objectives"]?.objectValue ?? [] {
            if let c = part["contribution"]?.numberValue { inputs["objectives.\(o)"] = NumberFormat.json(c) }
        }
        if f?["confidence_source"]?.stringValue != "default", let c = f?["confidence"]?.numberValue {
            inputs["confidence"] = NumberFormat.json(c)
        }
        // RICE and WSJF inputs are their factors.
        for key in ["reach", "impact", "effort", "business_value", "time_criticality", "risk_reduction", "job_size"] {
            if f?["groups"] == nil, let v = f?[key]?.numberValue { inputs[key] = NumberFormat.json(v) }
        }
        if f?["groups"] == nil, f?["impact"] != nil, let c = f?["confidence"]?.numberValue { inputs["confidence"] = NumberFormat.json(c) }
        if f?["groups"] != nil, let cost = j["cost"]?.numberValue { inputs["cost"] = NumberFormat.json(cost) }
        let dependencies = (j["depends_on"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !dependencies.isEmpty { inputs["depends_on"] = dependencies.sorted().joined(separator: " ") }
        return Entry(
            id: id, title: j["title"]?.stringValue ?? "", status: j["status"]?.stringValue ?? "open",
            rank: j["rank"]?.numberValue.map { Int($0) },
            score: j["score"]?.numberValue.map { NumberFormat.significant($0, digits: 12) }, inputs: inputs)
    }
}

/// What the change log compares: one ranking as it was written to `ranking.json` — the order,
/// the scores, each item's inputs down to the field, and the weighting in force. Built from the
/// `ranking.json` document itself, so a ranking held in memory and one read back from disk after
/// a restart compare in exactly the same way.
public struct RankingSnapshot: Sendable, Equatable {
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

    /// The snapshot of a `ranking.json` file's text. The layout this version writes (one item
    /// per line) is read line by line — each item parsed and reduced to its entry at once, so a
    /// 100,000-item file never becomes one big tree; any other layout goes through the full
    /// parser. `nil` if the text is not a schema 1 ranking.
    public static func read(_ text: String) -> RankingSnapshot? {
        readLines(text) ?? parsed(text)
    }

    /// The snapshot of a `ranking.json` file's text in any layout, through the full parser.
    public static func parsed(_ text: String) -> RankingSnapshot? {
        guard let document = try? JSONParser.parse(text, maxDepth: 16) else { return nil }
        return RankingSnapshot(document: document)
    }

    /// `read(_:)` for the layout this version writes, `nil` for any other.
    static func readLines(_ text: String) -> RankingSnapshot? {
        var reader = LineReader()
        let bytes = Array(text.utf8)
        reader.take(bytes.split(separator: 0x0A, omittingEmptySubsequences: true))
        return reader.finish()
    }

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

    /// The snapshot of an evaluation: exactly what `RankingSnapshot(document:)` reads from the
    /// `ranking.json` it renders (a property test holds the two together), built directly.
    public init(_ e: Evaluation) {
        self.init(e, entries: e.ranked.map(Self.entry))
    }

    /// The snapshot of an evaluation whose ranked items' entries were made earlier by
    /// `entry(_:)` (aligned with `e.ranked`; their ranks are set here). Handed over, a
    /// 100,000-entry array gets its ranks in place instead of being copied.
    public init(_ e: Evaluation, entries: consuming [Entry]) {
        precondition(entries.count == e.ranked.count, "one entry per ranked item")
        let c = e.config
        let json = NumberFormat.json
        configDigest = c.scoringDigest
        var weights: [String: String] = [
            "scoring model": c.model.rawValue, "reach scale": c.reachScale.rawValue,
            "default confidence": json(c.defaultConfidence), "equity default": json(c.equity.defaultWeight),
        ]
        if let capacity = c.capacity { weights["capacity"] = json(capacity) }
        for o in c.objectives { weights["objective weight \(o.id)"] = json(o.weight) }
        for (g, w) in c.equity.groups { weights["equity \(g)"] = json(w) }
        self.weights = weights
        var ranked = consume entries
        for index in ranked.indices {
            ranked[index].rank = e.ranked[index].rank
            // By place; only an evaluation without its plan stage has the entry's id looked up.
            ranked[index].funded = e.contextColumns.funded(index, id: ranked[index].id, e)
        }
        self.ranked = ranked
        closed = e.closed.map { Entry(id: $0.id, title: $0.title, status: $0.status.rawValue, rank: nil, score: nil, inputs: [:]) }
    }

    /// A ranked item as the change log compares it: its inputs down to the field and its score
    /// (its rank is left for the snapshot to set, since it depends on the other items).
    public static func entry(_ r: RankedItem) -> Entry { Entry(r.scored) }

    /// A scored item's inputs by field path, as the change log compares them.
    static func inputs(of s: ScoredItem) -> [String: String] {
        let json = NumberFormat.json
        let i = s.item
        var inputs: [String: String] = [:]
        s.factors.changeLogInputs(s, into: &inputs)
        switch i.need {
        case .uniform(let n): inputs["need"] = json(n.point)
        case .perGroup(let m): for (g, n) in m { inputs["need.\(g)"] = json(n.point) }
        case nil: break
        }
        if !i.dependsOn.isEmpty { inputs["depends_on"] = i.dependsOn.sorted().joined(separator: " ") }
        return inputs
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
        // A model scored by named figures (RICE, WSJF) has its figures as inputs.
        if f?["groups"] == nil {
            for (key, v) in f?.objectValue ?? [] { if let v = v.numberValue { inputs[key] = NumberFormat.json(v) } }
        }
        if f?["groups"] != nil, let cost = j["cost"]?.numberValue { inputs["cost"] = NumberFormat.json(cost) }
        let dependencies = (j["depends_on"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !dependencies.isEmpty { inputs["depends_on"] = dependencies.sorted().joined(separator: " ") }
        var entry = Entry(
            id: id, title: j["title"]?.stringValue ?? "", status: j["status"]?.stringValue ?? "open",
            rank: j["rank"]?.numberValue.map { Int($0) },
            score: j["score"]?.numberValue.map { NumberFormat.significant($0, digits: 12) }, packing: inputs,
            source: j["source"]?.stringValue)
        entry.funded = j["funded"]?.boolValue
        return entry
    }

    /// The file part of a `source` (`pantry/FA-3.yaml:4` -> `pantry/FA-3.yaml`).
    static func sourceFile(_ source: String) -> String {
        guard let colon = source.utf8.lastIndex(of: UInt8(ascii: ":")) else { return source }
        return String(source[..<colon])
    }
}

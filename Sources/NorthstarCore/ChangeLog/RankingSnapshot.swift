/// What the change log compares: one ranking as it was written to `ranking.json` — the order,
/// the scores, each item's inputs down to the field, and the weighting in force. Built from the
/// `ranking.json` document itself, so a ranking held in memory and one read back from disk after
/// a restart compare in exactly the same way.
public struct RankingSnapshot: Sendable, Equatable {
    /// One item as the ranking saw it. Its fields sit in a shared box, so the change log can
    /// pass a hundred thousand entries around at the cost of one reference count each. An entry
    /// made from a scored item keeps that item and derives its inputs only when the change log
    /// asks (for the few items that moved), instead of holding a dozen strings per item.
    public struct Entry: Sendable, Equatable {
        private final class Core: Sendable {
            let id: String, title: String, status: String, score: Double?
            let source: Source
            init(id: String, title: String, status: String, score: Double?, source: Source) {
                self.id = id; self.title = title; self.status = status; self.score = score; self.source = source
            }
            var inputs: [String: String] {
                switch source {
                case .written(let inputs): return inputs
                case .scored(let s): return RankingSnapshot.inputs(of: s)
                case .packed(let bytes): return Entry.unpack(bytes)
                }
            }
            var file: String? {
                switch source {
                case .written: return nil
                case .scored(let s): return s.item.path
                case .packed(let bytes): return Entry.unpackFile(bytes)
                }
            }
        }
        /// Where the inputs come from: given, the scored item itself, or packed into one byte
        /// buffer (an entry read back from a 100,000-line file holds one small array instead of
        /// a dictionary of a dozen strings; the inputs are unpacked only for items that moved).
        private enum Source: Sendable {
            case written([String: String])
            case scored(ScoredItem)
            case packed([UInt8])
        }

        /// An entry whose inputs (and `source`, `path:line`) are kept packed until asked for.
        init(id: String, title: String, status: String, rank: Int?, score: Double?, packing inputs: [String: String], source: String? = nil) {
            core = Core(id: id, title: title, status: status, score: score, source: .packed(Self.pack(inputs, source: source)))
            self.rank = rank
        }

        /// The source `path:line` (empty when unknown), then each field and value, each as a
        /// 4-byte little-endian length and its UTF-8 bytes.
        static func pack(_ inputs: [String: String], source: String? = nil) -> [UInt8] {
            var out: [UInt8] = []
            func add(_ text: String) {
                let n = UInt32(truncatingIfNeeded: text.utf8.count)
                out.append(UInt8(truncatingIfNeeded: n)); out.append(UInt8(truncatingIfNeeded: n >> 8))
                out.append(UInt8(truncatingIfNeeded: n >> 16)); out.append(UInt8(truncatingIfNeeded: n >> 24))
                out.append(contentsOf: text.utf8)
            }
            add(source ?? "")
            for (field, value) in inputs { add(field); add(value) }
            return out
        }

        /// The packed texts in order: the source file first, then field, value, field...
        private static func unpackTexts(_ bytes: [UInt8], limit: Int = .max, _ body: (String) -> Void) {
            var offset = 0, taken = 0
            while taken < limit, offset + 4 <= bytes.count {
                let n = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
                guard offset + 4 + n <= bytes.count else { return }
                body(String(decoding: bytes[(offset + 4)..<(offset + 4 + n)], as: UTF8.self))
                offset += 4 + n
                taken += 1
            }
        }

        /// The inputs `pack(_:source:)` packed.
        static func unpack(_ bytes: [UInt8]) -> [String: String] {
            var inputs: [String: String] = [:]
            var field: String?
            var isFile = true
            unpackTexts(bytes) { text in
                if isFile { isFile = false; return }
                if let f = field { inputs[f] = text; field = nil } else { field = text }
            }
            return inputs
        }

        /// The file of the source `pack(_:source:)` packed (`path:line` cut to the path: only the few
        /// removed items ask, so the 100,000 read back keep it as written), nil when unknown.
        static func unpackFile(_ bytes: [UInt8]) -> String? {
            var file: String?
            unpackTexts(bytes, limit: 1) { file = $0.isEmpty ? nil : RankingSnapshot.sourceFile($0) }
            return file
        }
        private var core: Core

        /// Rank, for ranked items.
        public var rank: Int?
        /// Item id.
        public var id: String {
            get { core.id }
            set { core = Core(id: newValue, title: title, status: status, score: score, source: .written(inputs)) }
        }
        /// Title.
        public var title: String {
            get { core.title }
            set { core = Core(id: id, title: newValue, status: status, score: score, source: .written(inputs)) }
        }
        /// Status (`open`, `in-progress`, `done`, `dropped`).
        public var status: String {
            get { core.status }
            set { core = Core(id: id, title: title, status: newValue, score: score, source: .written(inputs)) }
        }
        /// Score, for ranked items.
        public var score: Double? {
            get { core.score }
            set { core = Core(id: id, title: title, status: status, score: newValue, source: .written(inputs)) }
        }
        /// The backlog file the item was read from (relative to the backlog folder), when known:
        /// whether it still exists tells an item removed by an error from a deleted one.
        public var file: String? { core.file }

        /// Inputs by field path (`reach.rural`, `need`, `objectives.food-security`, `confidence`,
        /// `cost`, `depends_on`), as display text.
        public var inputs: [String: String] {
            get { core.inputs }
            set { core = Core(id: id, title: title, status: status, score: score, source: .written(newValue)) }
        }

        /// An entry.
        public init(id: String, title: String, status: String, rank: Int?, score: Double?, inputs: [String: String]) {
            core = Core(id: id, title: title, status: status, score: score, source: .written(inputs))
            self.rank = rank
        }

        /// The entry of a scored item (rank unset), its inputs derived from it when asked.
        init(_ s: ScoredItem) {
            let i = s.item
            core = Core(id: i.id, title: i.title, status: i.status.rawValue,
                        score: NumberFormat.significant(s.score, digits: 12), source: .scored(s))
            rank = nil
        }

        /// The entry's shared storage: two entries with the same identity are one remembered
        /// entry (so they have the same id), which lets a diff pair them without hashing ids.
        var identity: ObjectIdentifier { ObjectIdentifier(core) }

        /// Entries are equal when every field is.
        public static func == (a: Entry, b: Entry) -> Bool {
            a.rank == b.rank && (a.core === b.core || (a.id == b.id && a.title == b.title && a.status == b.status
                && a.score == b.score && a.inputs == b.inputs))
        }
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

    /// Reads a `ranking.json` in the layout this version writes (one item per line) a batch of
    /// lines at a time, so that a 73 MB file can be read in pieces and never held whole: each
    /// item line is parsed and reduced to its entry at once.
    public struct LineReader {
        private var header: [(String, JSONValue)] = []
        private var arrays: [String: [JSONValue]] = [:]
        private var ranked: [Entry] = []
        private var closed: [Entry] = []
        /// The top-level array being read (`items`, `closed`, `objectives`), if any.
        private var current: String?
        /// Whether a line did not fit the layout (the file must go through the full parser).
        public private(set) var failed = false

        /// A reader at the start of a file.
        public init() {}

        /// Takes the next complete lines of the file, without their line breaks (empty lines
        /// allowed). The item lines among them are parsed through `map`, which applies its
        /// function to `0..<count` in order (the shell spreads that over the cores).
        public mutating func take(_ lines: [ArraySlice<UInt8>], map: (Int, @Sendable (Int) -> Entry?) -> [Entry?] = { n, f in (0..<n).map(f) }) {
            guard !failed else { return }
            // Each item line's body, and whether it is a closed item.
            var itemLines: [(body: ArraySlice<UInt8>, closed: Bool)] = []
            for raw in lines where !raw.isEmpty {
                if raw.count == 1, raw.first == UInt8(ascii: "{") || raw.first == UInt8(ascii: "}") { continue }
                if let array = current {
                    if raw.starts(with: "  ]".utf8) { current = nil; continue }
                    guard raw.starts(with: "    ".utf8) else { failed = true; return }
                    var body = raw.dropFirst(4)
                    if body.last == UInt8(ascii: ",") { body = body.dropLast() }
                    switch array {
                    case "items": itemLines.append((body, false))
                    case "closed": itemLines.append((body, true))
                    default:
                        guard let value = try? JSONParser.parse(String(decoding: body, as: UTF8.self), maxDepth: 16) else { failed = true; return }
                        arrays[array, default: []].append(value)
                    }
                    continue
                }
                // `  "key": value` — our top-level keys hold no quotes.
                let line = String(decoding: raw, as: UTF8.self)[...]
                guard line.hasPrefix("  \""), let quote = line.dropFirst(3).firstIndex(of: "\""),
                      line[quote...].hasPrefix("\": ") else { failed = true; return }
                let key = String(line[line.index(line.startIndex, offsetBy: 3)..<quote])
                var value = line[line.index(quote, offsetBy: 3)...]
                if value.hasSuffix(",") { value = value.dropLast() }
                if value == "[" { current = key; continue }
                guard let parsed = try? JSONParser.parse(String(value), maxDepth: 16) else { failed = true; return }
                header.append((key, parsed))
            }
            let items = itemLines
            let parsed = map(items.count) { index in
                (try? JSONParser.parse(String(decoding: items[index].body, as: UTF8.self), maxDepth: 16)).flatMap(RankingSnapshot.entry)
            }
            for (index, e) in parsed.enumerated() {
                guard let e else { failed = true; return }
                if items[index].closed { closed.append(e) } else { ranked.append(e) }
            }
        }

        /// The snapshot read, once every line was taken; `nil` when the file does not have this
        /// layout or is not a schema 1 ranking.
        public func finish() -> RankingSnapshot? {
            guard !failed, current == nil else { return nil }
            var header = header
            for (key, values) in arrays.sorted(by: { $0.key < $1.key }) { header.append((key, .array(values))) }
            guard var snapshot = RankingSnapshot(document: .object(header)) else { return nil }
            snapshot.ranked = ranked
            snapshot.closed = closed
            return snapshot
        }
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
    /// `entry(_:)` (aligned with `e.ranked`; their ranks are set here).
    public init(_ e: Evaluation, entries: [Entry]) {
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
        var ranked = entries
        for index in ranked.indices { ranked[index].rank = e.ranked[index].rank }
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
        switch s.factors {
        case .impact(let f):
            for g in f.groupParts { inputs["reach.\(g.group)"] = json(g.reach) }
            for p in f.objectiveParts where p.contribution > 0 { inputs["objectives.\(p.objective)"] = json(p.contribution) }
            if !f.confidenceIsDefault { inputs["confidence"] = json(f.confidence) }
            inputs["cost"] = json(s.cost)
        case .rice(let f):
            inputs["reach"] = json(f.reach); inputs["impact"] = json(f.impact)
            inputs["effort"] = json(f.effort); inputs["confidence"] = json(f.confidence)
        case .wsjf(let f):
            inputs["business_value"] = json(f.businessValue); inputs["time_criticality"] = json(f.timeCriticality)
            inputs["risk_reduction"] = json(f.riskReduction); inputs["job_size"] = json(f.jobSize)
        }
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
            score: j["score"]?.numberValue.map { NumberFormat.significant($0, digits: 12) }, packing: inputs,
            source: j["source"]?.stringValue)
    }

    /// The file part of a `source` (`pantry/FA-3.yaml:4` -> `pantry/FA-3.yaml`).
    static func sourceFile(_ source: String) -> String {
        guard let colon = source.utf8.lastIndex(of: UInt8(ascii: ":")) else { return source }
        return String(source[..<colon])
    }
}

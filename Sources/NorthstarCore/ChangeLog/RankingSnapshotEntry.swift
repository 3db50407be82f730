extension RankingSnapshot {
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
        /// Whether the plan funded it (nil: there was no plan).
        public var funded: Bool?
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
}

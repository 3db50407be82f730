extension RankingSnapshot {
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
}

import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("The change log: diffing two rankings")
struct ChangeLogTests {
    static let base: [(String, String)] = [
        ("a.yaml", "id: A\nobjectives: {food: 1}\nneed: 4\nreach: {rural: 300}\nconfidence: 0.5\ncost: 2\n"),
        ("b.yaml", "id: B\nobjectives: {food: 1}\nneed: 4\nreach: {rural: 500}\nconfidence: 0.5\ncost: 2\n"),
        ("c.yaml", "id: C\nobjectives: {digital: 1}\nneed: 3\nreach: {low-income: 100}\nconfidence: 0.5\ncost: 1\ndepends_on: [A]\n"),
        ("d.yaml", "id: D\nobjectives: {food: 0.5}\nneed: 2\nreach: 50\nconfidence: 0.5\ncost: 1\n"),
    ]

    func snapshot(_ files: [(String, String)], config: Config = Fixtures.config()) -> RankingSnapshot {
        RankingSnapshot(Fixtures.evaluate(files, config: config))
    }

    func replacing(_ path: String, _ text: String, in files: [(String, String)] = base) -> [(String, String)] {
        files.map { $0.0 == path ? ($0.0, text) : $0 }
    }

    func diff(_ old: RankingSnapshot, _ new: RankingSnapshot) -> ChangeSet {
        RankingDiff.diff(from: old, to: new, trigger: ChangeTrigger(kind: .files, files: ["a.yaml"]), time: "2026-11-24T10:00:00Z")
    }

    @Test("a reach change names the field, the old and new values and the move")
    func reachChange() throws {
        let before = snapshot(Self.base)
        let after = snapshot(replacing("a.yaml", "id: A\nobjectives: {food: 1}\nneed: 4\nreach: {rural: 1200}\nconfidence: 0.5\ncost: 2\n"))
        let c = diff(before, after)
        let a = try #require(c.moves.first { $0.id == "A" })
        #expect((a.fromRank, a.toRank) == (2, 1))
        #expect(a.cause == .inputs)
        #expect(a.inputs == [FieldChange(field: "reach.rural", from: "300", to: "1200")])
        #expect(c.moves.map(\.id) == ["A"])   // B only shifted: it kept its order with the rest
        #expect(c.shifted == 1)
        #expect(c.configChanges.isEmpty)
        let text = ChangeLogMarkdown.entry(c, config: Fixtures.config())
        #expect(text.contains("- **A** rose from 2nd to 1st: reach among rural grew from 300 to 1,200.\n"))
        #expect(text.contains("- 1 other item shifted by the moves above, keeping their order.\n"))
    }

    @Test("every kind of input change is recorded down to the field")
    func fields() throws {
        let after = snapshot(replacing("c.yaml", "id: C\nobjectives: {digital: 0.5, food: 0.2}\nneed: {low-income: 5, rural: 2}\nreach: {low-income: 100, rural: 20}\nconfidence: 0.9\ncost: 3\ndepends_on: [B]\n"))
        let c = diff(snapshot(Self.base), after)
        let move = try #require(c.moves.first { $0.id == "C" })
        #expect(move.inputs.map(\.description) == [
            "confidence 0.5 -> 0.9", "cost 1 -> 3", "depends_on +B", "depends_on -A",
            "need 3 -> (none)", "need.low-income (none) -> 5", "need.rural (none) -> 2",
            "objectives.digital 1 -> 0.5", "objectives.food (none) -> 0.2", "reach.rural (none) -> 20",
        ])
    }

    @Test("an item that moved only because of the config says so")
    func configOnly() throws {
        var config = Fixtures.config()
        config.objectives = [Objective(id: "food", weight: 3), Objective(id: "digital", weight: 30)]
        let c = diff(snapshot(Self.base), snapshot(Self.base, config: config))
        #expect(c.configChanges == [FieldChange(field: "objective weight digital", from: "1", to: "30")])
        let move = try #require(c.moves.first { $0.id == "C" })
        #expect(move.cause == .config && move.inputs.isEmpty && move.toRank < move.fromRank)
        #expect(ChangeLogMarkdown.entry(c, config: config).contains("- The config changed: objective weight digital 1 → 30.\n"))
    }

    @Test("added, removed, done and reopened items")
    func presence() {
        var files = Self.base.filter { $0.0 != "d.yaml" }
        files.append(("e.yaml", "id: E\nobjectives: {food: 1}\nneed: 5\nreach: 10\ncost: 1\n"))
        files = replacing("b.yaml", "id: B\nstatus: done\n", in: files)
        let c = diff(snapshot(Self.base), snapshot(files))
        #expect(c.added.map(\.id) == ["E"])
        #expect(c.removed.map(\.id) == ["D"])
        #expect(c.closed.map { "\($0.id) \($0.status ?? "")" } == ["B done"])
        let back = diff(snapshot(files), snapshot(replacing("b.yaml", Self.base[1].1, in: files)))
        #expect(back.reopened.map { "\($0.id) was \($0.status ?? "")" } == ["B was done"])
    }

    @Test("no entry when nothing in the ranking changed (whitespace, comments, key order)")
    func nothing() {
        let reformatted = replacing("a.yaml", "# a comment\ncost: 2\nid: A\n\nobjectives:\n  food: 1\nneed: 4\nreach:   {rural: 300}\nconfidence: 0.50\n")
        #expect(diff(snapshot(Self.base), snapshot(reformatted)).isEmpty)
    }

    @Test("the first ranking is one entry with every item added")
    func first() {
        let c = RankingDiff.diff(from: .empty, to: snapshot(Self.base), trigger: ChangeTrigger(kind: .startup), time: "t")
        #expect(c.added.count == 4 && c.configDigest.from.isEmpty)
        #expect(ChangeLogMarkdown.entry(c, config: Fixtures.config()).contains("- First ranking: 4 items."))
    }

    @Test("a snapshot read back from ranking.json equals the one held in memory")
    func roundTrip() async throws {
        await propertyCheck(count: 60, input: RandomBacklog.generator) { backlog in
            let e = Fixtures.evaluate(backlog.files)
            let memory = RankingSnapshot(e)
            let text = RankingJSON.render(e)
            let disk = try RankingSnapshot(document: JSONParser.parse(text))
            #expect(disk == memory)
            // The line-by-line reader sees exactly what the full parser sees.
            #expect(RankingSnapshot.readLines(text) != nil)
            #expect(RankingSnapshot.read(text) == memory)
            #expect(RankingDiff.diff(from: try #require(disk), to: memory, trigger: ChangeTrigger(kind: .startup), time: "t").isEmpty)
            // Fed in batches of lines of any size, the reader gives the same snapshot.
            let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
            var reader = RankingSnapshot.LineReader()
            var start = 0
            var size = 1
            while start < lines.count {
                reader.take(Array(lines[start..<min(lines.count, start + size)]))
                start += size
                size = size * 3 % 17 + 1
            }
            #expect(reader.finish() == memory)
        }
    }

    @Test("inputs packed into bytes unpack to the same fields and values")
    func packedInputs() {
        let inputs = ["reach.rural": "300", "objectives.food-security": "0.75", "depends_on": "A B", "need.é\u{0}x": "", "": "5"]
        #expect(RankingSnapshot.Entry.unpack(RankingSnapshot.Entry.pack(inputs)) == inputs)
        let packed = RankingSnapshot.Entry(id: "A", title: "t", status: "open", rank: 1, score: 2, packing: inputs)
        #expect(packed == RankingSnapshot.Entry(id: "A", title: "t", status: "open", rank: 1, score: 2, inputs: inputs))
        #expect(packed.inputs == inputs)
        for (source, file) in [(nil, nil), ("pantry/FA-3.yaml:4", "pantry/FA-3.yaml"), ("a:b.yaml:12", "a:b.yaml")] as [(String?, String?)] {
            let bytes = RankingSnapshot.Entry.pack(inputs, source: source)
            #expect(RankingSnapshot.Entry.unpack(bytes) == inputs)
            #expect(RankingSnapshot.Entry.unpackFile(bytes) == file)
        }
    }

    @Test("an item that left the ranking is 'error' when its id or its old file has an error now, else 'deleted'")
    func removalReason() {
        let error = Diagnostic(.error, .range, "'need' must be between 1 and 5, found 9", path: "pantry/a.yaml", at: SourceLocation(line: 6, column: 7))
        let entry = RankingSnapshot.Entry(id: "A", title: "t", status: "open", rank: 1, score: 2, packing: [:], source: "pantry/a.yaml:4")
        let old = RankingSnapshot(ranked: [entry], closed: [], configDigest: "d", weights: [:])
        let new = RankingSnapshot(ranked: [], closed: [], configDigest: "d", weights: [:])
        var byID = UnrankedItems(), byFile = UnrankedItems(), elsewhere = UnrankedItems()
        byID.byID["A"] = error
        byFile.byFile["pantry/a.yaml"] = error
        elsewhere.byFile["pantry/b.yaml"] = error
        for (unranked, expected) in [(byID, RemovalReason.error(error)), (byFile, .error(error)), (elsewhere, .deleted), (UnrankedItems(), .deleted)] {
            let c = RankingDiff.diff(from: old, to: new, trigger: ChangeTrigger(kind: .rank), time: "t", unranked: unranked)
            #expect(c.removed.map(\.removal) == [expected])
        }
        #expect(RankingSnapshot.sourceFile("pantry/a:b.yaml:12") == "pantry/a:b.yaml")
    }

    @Test("applying the recorded moves to the old order gives the new order")
    func replay() async {
        await propertyCheck(count: 200, input: RandomBacklog.generator, RandomBacklog.generator) { before, after in
            let old = snapshot(before.files), new = snapshot(after.files)
            let c = diff(old, new)
            var slots = [String?](repeating: nil, count: c.rankedCount)
            let gone = Set(c.removed.map(\.id) + c.closed.map(\.id))
            let moved = Dictionary(c.moves.map { ($0.id, $0.toRank) }, uniquingKeysWith: { a, _ in a })
            // Moved, added and reopened items go to their recorded ranks; every other item keeps
            // its old relative order in the places left.
            for (id, rank) in moved {
                guard rank >= 1, rank <= slots.count, slots[rank - 1] == nil else { Issue.record("\(id) lands on \(rank)"); return }
                slots[rank - 1] = id
            }
            for p in c.added + c.reopened {
                guard let rank = p.rank, rank >= 1, rank <= slots.count, slots[rank - 1] == nil else { Issue.record("\(p.id) lands badly"); return }
                slots[rank - 1] = p.id
            }
            var rest = old.ranked.map(\.id).filter { !gone.contains($0) && moved[$0] == nil }.makeIterator()
            for i in slots.indices where slots[i] == nil { slots[i] = rest.next() }
            #expect(rest.next() == nil)
            #expect(slots.compactMap { $0 } == new.ranked.map(\.id))
            // Nothing is listed that did not move relative to the others or change score.
            #expect(c.moves.count + c.shifted <= old.ranked.count)
        }
    }

    @Test("pairing the entries carried over by identity gives the change set that pairing by id gives")
    func identityPairing() async {
        await propertyCheck(count: 200, input: RandomBacklog.generator, RandomBacklog.generator) { before, after in
            // Half of the files keep their old text, as in an edit of a few files.
            let kept = Dictionary(before.files.enumerated().filter { $0.offset % 2 == 0 }.map { $0.element }, uniquingKeysWith: { a, _ in a })
            let mixed = after.files.map { ($0.0, kept[$0.0] ?? $0.1) }
            let old = snapshot(before.files), new = snapshot(mixed)
            // The daemon's way: an unchanged item's entry is the very object of the old snapshot.
            let oldByID = Dictionary(old.ranked.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var shared = new
            shared.ranked = new.ranked.map { e in
                guard var o = oldByID[e.id] else { return e }
                o.rank = e.rank
                return o == e ? o : e
            }
            #expect(shared == new)
            // Fresh objects everywhere: entries can only be paired by id.
            func fresh(_ s: RankingSnapshot) -> RankingSnapshot {
                var copy = s
                copy.ranked = s.ranked.map { .init(id: $0.id, title: $0.title, status: $0.status, rank: $0.rank, score: $0.score, inputs: $0.inputs) }
                copy.closed = s.closed.map { .init(id: $0.id, title: $0.title, status: $0.status, rank: $0.rank, score: $0.score, inputs: $0.inputs) }
                return copy
            }
            #expect(diff(old, shared) == diff(fresh(old), fresh(new)))
            #expect(diff(old, new) == diff(fresh(old), fresh(new)))
        }
    }

    @Test("walking two long rankings side by side pairs every item the way its id does")
    func sideBySidePairing() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            func entry(_ id: String) -> RankingSnapshot.Entry {
                .init(id: id, title: id, status: "open", rank: nil, score: 1, inputs: [:])
            }
            let old = (0..<(40 + Int(rng.next() % 160))).map { entry("I\($0)") }
            // An edit of a few items: some leave, come back as fresh objects (changed), arrive
            // new, or move near or far; the rest are the very objects of `old`, in order.
            var new = old
            for step in 0..<Int(rng.next() % 12) {
                guard !new.isEmpty else { break }
                let at = Int(rng.next() % UInt64(new.count))
                switch rng.next() % 5 {
                case 0: new.remove(at: at)
                case 1: new[at] = entry(new[at].id)
                case 2: new.insert(entry("N\(step)"), at: at)
                case 3: new.insert(new.remove(at: at), at: Int(rng.next() % UInt64(new.count + 1)))
                default: new.insert(new.remove(at: at), at: min(new.count, at + 1 + Int(rng.next() % 40)))
                }
            }
            let (inOld, inNew) = RankingDiff.match(old, new)
            let oldIndex = Dictionary(uniqueKeysWithValues: old.enumerated().map { ($0.element.id, $0.offset) })
            #expect(inOld == new.map { oldIndex[$0.id] })
            #expect(inNew.enumerated().allSatisfy { i, j in j.map { new[$0].id == old[i].id } ?? !new.contains { $0.id == old[i].id } })
        }
    }

    @Test("a baseline that repeats an id pairs each entry at most once")
    func repeatedIDPairing() {
        let a = RankingSnapshot.Entry(id: "A", title: "A", status: "open", rank: 1, score: 1, inputs: [:])
        let b = RankingSnapshot.Entry(id: "B", title: "B", status: "open", rank: 2, score: 1, inputs: [:])
        let again = RankingSnapshot.Entry(id: "A", title: "A", status: "open", rank: 3, score: 1, inputs: [:])
        let (inOld, inNew) = RankingDiff.match([a, b, again], [b, again, a])
        #expect(inOld == [1, 2, 0])
        #expect(inNew == [2, 0, 1])
        let (once, _) = RankingDiff.match([a, again], [b, RankingSnapshot.Entry(id: "A", title: "A", status: "open", rank: 1, score: 1, inputs: [:])])
        #expect(once == [nil, 0])
    }

    @Test("ordinals", arguments: [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"), (102, "102nd"), (111, "111th")])
    func ordinals(n: Int, text: String) {
        #expect(ChangeLogMarkdown.ordinal(n) == text)
    }

    @Test("a change-log line written straight into bytes equals the same record rendered as a value tree")
    func jsonLineMatchesTree() async {
        await propertyCheck(count: 150, input: RandomBacklog.generator, RandomBacklog.generator) { before, after in
            var c = diff(snapshot(before.files), snapshot(after.files))
            c.trigger.files = ["team/a \"b\".yaml"]
            c.trigger.commit = GitCommitInfo(hash: "abc1234", author: "Amina", subject: "Raise \\ reach\tnow")
            #expect(ChangeLogJSON.line(c) == Self.treeLine(c))
        }
    }

    /// The change-log line as a tree of values (how it was rendered before it was streamed):
    /// the oracle for the streamed line.
    static func treeLine(_ c: ChangeSet) -> String {
        func field(_ f: FieldChange) -> JSONValue {
            .object([("field", .string(f.field)), ("from", .string(f.from)), ("to", .string(f.to))])
        }
        func presence(_ p: ItemPresence) -> JSONValue {
            var pairs: [(String, JSONValue)] = [("id", .string(p.id)), ("title", .string(p.title))]
            if let rank = p.rank { pairs.append(("rank", .number(Double(rank)))) }
            if let score = p.score { pairs.append(("score", .number(score))) }
            if let status = p.status { pairs.append(("status", .string(status))) }
            if let removal = p.removal {
                pairs.append(("reason", .string(removal.name)))
                if case .error(let d) = removal {
                    pairs.append(("error", .object([("at", .string("\(d.path):\(d.location.line):\(d.location.column)")), ("message", .string(d.message))])))
                }
            }
            return .object(pairs)
        }
        var trigger: [(String, JSONValue)] = [("kind", .string(c.trigger.kind.rawValue))]
        if !c.trigger.files.isEmpty { trigger.append(("files", .array(c.trigger.files.map { .string($0) }))) }
        var pairs: [(String, JSONValue)] = [("schema", .number(1)), ("time", .string(c.time)), ("trigger", .object(trigger))]
        if let commit = c.trigger.commit {
            pairs.append(("commit", .object([("hash", .string(commit.hash)), ("author", .string(commit.author)), ("subject", .string(commit.subject)), ("uncommitted", .bool(commit.uncommitted))])))
        }
        pairs += [
            ("config_digest", .object([("from", .string(c.configDigest.from.isEmpty ? nil : c.configDigest.from)), ("to", .string(c.configDigest.to))])),
            ("ranked", .number(Double(c.rankedCount))), ("shifted", .number(Double(c.shifted))),
            ("config_changes", .array(c.configChanges.map(field))),
            ("added", .array(c.added.map(presence))), ("reopened", .array(c.reopened.map(presence))),
            ("removed", .array(c.removed.map(presence))), ("closed", .array(c.closed.map(presence))),
            ("moves", .array(c.moves.map { m in
                var p: [(String, JSONValue)] = [
                    ("id", .string(m.id)), ("title", .string(m.title)),
                    ("rank", .object([("from", .number(Double(m.fromRank))), ("to", .number(Double(m.toRank)))])),
                    ("score", .object([("from", .number(m.fromScore)), ("to", .number(m.toScore))])),
                    ("cause", .string(m.cause.rawValue)), ("inputs", .array(m.inputs.map(field))),
                ]
                if !m.overtakenBy.isEmpty { p.append(("overtaken_by", .array(m.overtakenBy.map { .string($0) }))) }
                return .object(p)
            })),
        ]
        return JSONValue.object(pairs).rendered(compact: true)
    }

    @Test("a change-log line is one line of JSON that parses back")
    func jsonLine() throws {
        let c = diff(snapshot(Self.base), snapshot(replacing("a.yaml", "id: A\nobjectives: {food: 1}\nneed: 4\nreach: {rural: 1200}\nconfidence: 0.5\ncost: 2\n")))
        let line = ChangeLogJSON.line(c)
        #expect(!line.contains("\n"))
        let parsed = try JSONParser.parse(line)
        #expect(parsed["trigger"]?["kind"]?.stringValue == "files")
        #expect(parsed["moves"]?.arrayValue?.first?["inputs"]?.arrayValue?.first?["field"]?.stringValue == "reach.rural")
    }
}

/// Random small backlogs for the property tests: ids from a small pool (so before/after
/// share items), numbers from small ranges (so ties happen), some items closed.
struct RandomBacklog: Sendable, CustomStringConvertible {
    var files: [(String, String)]
    var description: String { files.map(\.1).joined(separator: "---\n") }

    static let generator = Gen.int(in: 0...Int.max).map { seed -> RandomBacklog in
        var rng = SplitMix64(seed: seed)
        var files: [(String, String)] = []
        for i in 0..<12 where rng.next() % 4 != 0 {
            let status = rng.next() % 7 == 0 ? "done" : "open"
            let text = "id: I\(i)\nstatus: \(status)\nobjectives: {food: \(Double(rng.next() % 5) / 4), digital: \(Double(rng.next() % 3) / 2)}\nneed: \(1 + rng.next() % 5)\nreach: {rural: \(rng.next() % 4 * 50), low-income: \(rng.next() % 3 * 20)}\nconfidence: \(Double(1 + rng.next() % 4) / 4)\ncost: \(1 + rng.next() % 3)\n"
            files.append(("f\(i).yaml", text))
        }
        return RandomBacklog(files: files)
    }
}

@Suite("Reading JSON back")
struct JSONParserTests {
    @Test("rendered documents parse back to the same value")
    func roundTrip() throws {
        let value = JSONValue.object([("a", .array([.number(1.5), .null, .bool(true), .string("x\"\\\n\u{1}é😀")])), ("b", .object([]))])
        #expect(try JSONParser.parse(value.rendered()) == value)
        #expect(try JSONParser.parse(value.rendered(compact: true)) == value)
        #expect(try JSONParser.parse("\"\\ud83d\\ude00\"") == .string("😀"))
    }

    @Test("malformed JSON is refused", arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"a", "tru", "[1] 2", "\"\u{1}\""])
    func malformed(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }
}

@Suite("Reading a previous ranking.json")
struct BaselineReadingTests {
    @Test("another layout (indented, reordered) falls back to the full parser with the same result")
    func otherLayout() throws {
        let e = Fixtures.evaluate(ChangeLogTests.base)
        let text = RankingJSON.render(e)
        let pretty = try JSONParser.parse(text).rendered()   // every value on its own lines
        #expect(RankingSnapshot.readLines(pretty) == nil)
        #expect(RankingSnapshot.read(pretty) == RankingSnapshot(e))
    }

    @Test("a torn or foreign file is no baseline", arguments: ["", "{\n  \"schema\": 1,\n  \"items\": [\n    {\"rank\": 1, \"id\": ", "{\"schema\": 2}", "not json"])
    func notARanking(text: String) {
        #expect(RankingSnapshot.read(text) == nil)
    }
}

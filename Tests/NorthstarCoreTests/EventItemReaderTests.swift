import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

/// The fast reading of clean files (straight from libyaml's events) against the general one
/// (through YAML nodes): for every file, `load` must give what the general reading gives, and
/// the fast reader must take the common case and leave everything else.
@Suite("Reading clean files straight from the parser's events")
struct EventItemReaderTests {
    /// Whether `load` (fast first) and the general reading agree on `text` in every respect;
    /// the differences, described.
    static func differences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let loader = BacklogFileLoader()
        let fast = loader.load(bytes, path: "t.yaml")
        let general = loader.loadThroughNodes(bytes, path: "t.yaml")
        var out: [String] = []
        if fast.items != general.items {
            out.append("items: \(fast.items.map(describe)) against \(general.items.map(describe))")
        }
        if fast.declaredIDs != general.declaredIDs { out.append("declared ids: \(fast.declaredIDs) against \(general.declaredIDs)") }
        if fast.diagnostics != general.diagnostics { out.append("diagnostics: \(fast.diagnostics) against \(general.diagnostics)") }
        if fast.isUnreadable != general.isUnreadable { out.append("unreadable: \(fast.isUnreadable) against \(general.isUnreadable)") }
        if fast.rejected.map(\.id) != general.rejected.map(\.id) || fast.rejected.map(\.error) != general.rejected.map(\.error) {
            out.append("rejected: \(fast.rejected) against \(general.rejected)")
        }
        if fast.unparsedText != general.unparsedText { out.append("unparsed text differs") }
        if out.isEmpty && fast != general { out.append("the readings differ in what == compares") }
        return out
    }

    static func describe(_ item: Item) -> String {
        "\(item.id) title=\(item.title) status=\(item.status) objectives=\(Array(item.objectives)) need=\(String(describing: item.need)) reach=\(Array(item.reach)) confidence=\(String(describing: item.confidence)) cost=\(String(describing: item.cost)) depends=\(item.dependsOn) tags=\(item.tags) owner=\(String(describing: item.owner)) funding=\(String(describing: item.funding)) inputs=\(item.modelInputs) at \(item.location) fields=\(item.fieldLocations.count)"
    }

    static func isFast(_ text: String) -> Bool { EventItemReader.read(Array(text.utf8), path: "t.yaml") != nil }

    @Test("the common case is read fast, and gives what the general reading gives", arguments: [
        "id: A\n",
        "id: A\ntitle: Food bank SMS\nstatus: in-progress\nobjectives: {food: 0.8, digital: 0.3}\nneed: 4\nreach: {low-income: 1200, rural: 300}\nconfidence: 0.7\ncost: 3\ndepends_on: [B]\ntags: [sms]\nowner: amina\nfunding: must\n",
        "items:\n  - id: A\n    cost: 2\n  - id: B\n    reach: 5\n    need: {low: 1, likely: 2, high: 3}\n",
        "items: []\n",
        "id: A\nreach: {low: 10, high: 20}\nneed: {rural: 3, general: {low: 1, high: 5}}\n",
        "id: A\nreach: {}\nneed: {}\n",
        "id: A\ntitle: |\n  two\n  lines\ndescription: >\n  folded\n",
        "\"\\x69d\": A\n'cost': 2\n",
        "id: A\njob_size: {low: 1, high: 1e9}\nbusiness_value: 0\nrisk_reduction: {low: 0, likely: 0, high: 0}\n",
        "items:\n- id: A\n  reach: {rural: {low: 1, high: 2}}\n  need: {rural: {low: 1, likely: 1, high: 5}}\n- {id: B, cost: 1}\n",
        "id: A\nreach: {rural: {low: 10, likely: 12, high: 20}, urban: 4}\nneed: {rural: 2, urban: 5}\n",
        "id: 12\ntitle: 3.5\nowner: ~\nstatus:\ntags: solo\ndepends_on: B\nobjectives: null\n",
        "id: A\ndepends_on: [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11]\n",
        "id: A\nstatus: \"open\"\nfunding: 'never'\nneed: 1.5\ncost: 0.125\nreach: {general: -0.0, rural: .5}\n",
        "id: A\ndescription: free text\nnotes: 'quoted'\nlinks: [a, [b, c]]\n",
        "id: A\njob_size: {low: 1, high: 3}\nbusiness_value: 5\nimpact: 0.5\neffort: 2\n",
        "---\nid: \"A\"\ntitle: \"quoted: text\"\n...\n",
        "id: A\nreach: 0x10\ncost: 1e3\nconfidence: .5\nneed: +3\n",
        "id: A\nobjectives: {dignified-access: 0.5, caf\u{E9}: 0.1, \"cafe\u{301}x\": 0.2}\n",
    ])
    func commonCase(text: String) {
        #expect(Self.isFast(text), "read by the general reader: \(text)")
        #expect(Self.differences(text) == [], "\(text)")
    }

    @Test("anything with something to report or resolve is left to the general reading, which reports it", arguments: [
        "", "# nothing\n", "~\n", "- id: A\n", "id: [A]\n", "id: ~\n", "id: true\n", "id: A B\n", "id: \"\"\n",
        "title: no id\n", "id: A\nid: B\n", "id: A\nunknown: 1\n", "id: A\nobjetives: {food: 1}\n",
        "id: A\nneed: 6\n", "id: A\nneed: '3'\n", "id: A\nneed: !!int 3\n", "id: A\ncost: 0\n", "id: A\ncost: .inf\n",
        "id: A\nconfidence: ~\n", "id: A\nreach: -1\n", "id: A\nreach: {rural: 1, rural: 2}\n",
        "id: A\nreach: {low: 5, high: 1}\n", "id: A\nreach: {low: 5}\n", "id: A\nreach: {low: 1, high: {low: 1, high: 2}}\n",
        "id: A\nneed: {rural: 3}\nreach: {urban: 4}\n", "id: A\nobjectives: {food: 2}\n", "id: A\nobjectives: {food: 1, food: 1}\n",
        "id: A\nobjectives: [food]\n", "id: A\nstatus: later\n", "id: A\nstatus: true\n", "id: A\nfunding: maybe\n",
        "id: A\ntags: [a, ~]\n", "id: A\ntags: [[a]]\n", "id: A\ntags: {a: 1}\n", "id: A\ndescription: {a: 1, a: 2}\n",
        "base: &b 3\nid: A\n", "id: A\nneed: &n 3\ncost: *n\n", "id: !custom A\n", "id: A\n---\nid: B\n",
        "id: A\nreach: [1, 2\n", "items:\n  - id: A\nextra: 1\n", "items: {id: A}\n", "items:\n  - 5\n",
        "id: A\nimpact: 4\n", "id: A\njob_size: 0\n", "id: A\njob_size: 1\njob_size: 2\n", "id: A\n? [k]\n: 1\n",
        "id: A\nreach: {caf\u{E9}: 1, \"cafe\u{301}\": 2}\n", "id: A\nreach: {low: 1, high: 2, likely: 1, low: 1}\n",
        "id: A\nobjectives: {caf\u{E9}: 0.1, \"cafe\u{301}\": 0.2}\n", "id: A\nobjectives: {K: 0.1, \"\u{212A}\": 0.2}\n",
        "id: A\nneed: {rural: 2, rural: 3}\nreach: {rural: 1}\n", "id: A\nneed: {caf\u{E9}: 2, \"cafe\u{301}\": 3}\n",
        "id: |\n  A\n", "id: A\nlinks: [[[[[[[[[a]]]]]]]]]\n", "id: A\ndescription: {a: 1}\n",
    ])
    func leftToTheGeneralReading(text: String) {
        #expect(!Self.isFast(text), "read fast: \(text)")
        #expect(Self.differences(text) == [], "\(text)")
    }

    @Test("a loader allowing less nesting than the fast reading may reach reads every file through its nodes")
    func shallowLoader() {
        let text = "items:\n  - id: A\n    reach: {rural: {low: 1, high: 2}}\n"
        let loader = BacklogFileLoader(reader: YAMLEventReader(maxDepth: 3))
        let file = loader.load(Array(text.utf8), path: "t.yaml")
        #expect(file == loader.loadThroughNodes(Array(text.utf8), path: "t.yaml"))
        #expect(file.isUnreadable && file.diagnostics.map(\.message) == ["values are nested more than 3 levels deep"], "\(file.diagnostics)")
    }

    @Test("random files, clean and broken, give the same items, ids and diagnostics either way")
    func randomFiles() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let text = RandomItemFile.text(&rng)
            #expect(Self.differences(text) == [], "seed \(seed):\n\(text)")
            // Only a file the general reading finds nothing wrong with may be read fast.
            if Self.isFast(text) {
                #expect(BacklogFileLoader().loadThroughNodes(Array(text.utf8), path: "t.yaml").diagnostics.isEmpty, "seed \(seed):\n\(text)")
            }
        }
    }

    @Test("the random files exercise both readings")
    func randomFilesTakeBothPaths() {
        var fast = 0, general = 0
        for seed in 0..<400 {
            var rng = SplitMix64(seed: seed)
            if Self.isFast(RandomItemFile.text(&rng)) { fast += 1 } else { general += 1 }
        }
        #expect(fast >= 80 && general >= 80, "fast \(fast), general \(general)")
    }
}

/// Random backlog files: mostly well-formed items in every style the format allows, with now
/// and then one thing a reader must report or resolve (a duplicate key, a quoted number, an
/// alias, an out-of-range figure, an unknown field).
enum RandomItemFile {
    static func text(_ rng: inout SplitMix64) -> String {
        let count = 1 + rng.below(4)
        let multi = count > 1 || rng.below(3) == 0
        var out = rng.below(10) == 0 ? "---\n" : ""
        if multi { out += "items:\n" }
        for i in 0..<count {
            let lines = item(i, &rng)
            if multi {
                out += lines.enumerated().map { ($0.offset == 0 ? "  - " : "    ") + $0.element + "\n" }.joined()
            } else {
                out += lines.map { $0 + "\n" }.joined()
            }
        }
        return out
    }

    static func pick<T>(_ options: [T], _ rng: inout SplitMix64) -> T { options[rng.below(options.count)] }

    static func item(_ i: Int, _ rng: inout SplitMix64) -> [String] {
        let broken = rng.below(4) == 0
        var lines: [String] = []
        let groups = ["rural", "low-income", "older-people", "dignified-access", "caf\u{E9}", "general"]
        let reachGroups = Array(groups.shuffled(using: &rng).prefix(1 + rng.below(3)))
        let figure = { (rng: inout SplitMix64) -> String in
            pick(["\(1 + rng.below(5))", "\(1 + rng.below(4)).5", "{low: 1, high: \(2 + rng.below(3))}",
                  "{low: 1, likely: 2, high: 4}", "0x3", "3.0e0"], &rng)
        }
        var fields: [String] = [
            pick(["id: I\(i)", "id: \"I\(i)\"", "id: 'I\(i)'", "id: \(100 + i)"], &rng),
            pick(["title: Pantry \(i)", "title: \"Pantry: \(i)\"", "title:", "title: 4.5"], &rng),
            pick(["status: open", "status: in-progress", "status: done", "status: ~"], &rng),
            "objectives: " + pick(["{food: 0.\(rng.below(10))}", "{food: 1, digital: 0.25}", "~", "{}"], &rng),
            "need: " + (rng.below(3) == 0
                ? "{" + groups.map { "\($0): \(figure(&rng))" }.joined(separator: ", ") + "}"
                : figure(&rng)),
            "reach: " + pick([
                "\(rng.below(1000))",
                "{low: 10, high: \(20 + rng.below(50))}",
                "{" + reachGroups.map { "\($0): \(rng.below(500))" }.joined(separator: ", ") + "}",
            ], &rng),
            "confidence: " + pick(["0.7", "1", "{low: 0.2, high: 0.9}", ".5"], &rng),
            "cost: " + pick(["3", "0.5", "{low: 1, likely: 2, high: 8}", "1e2"], &rng),
            "depends_on: " + pick(["[I0]", "I1", "[]", "~", "[I0, I2]"], &rng),
            "tags: " + pick(["[a, b]", "solo", "[]"], &rng),
            "owner: " + pick(["amina", "~", "'sam'"], &rng),
            "funding: " + pick(["must", "never", "~"], &rng),
            pick(["description: text", "notes: [one, two]", "links: [a, [b]]", "job_size: 3", "impact: 2", "effort: {low: 1, high: 2}"], &rng),
        ]
        fields.shuffle(using: &rng)
        // Keep the id first or anywhere; drop a few fields.
        fields = fields.filter { $0.hasPrefix("id:") || rng.below(4) != 0 }
        if broken {
            let problems = [
                "need: 7", "cost: 0", "cost: '3'", "confidence: 2", "reach: -5", "reach: {low: 9, high: 1}",
                "objectives: {food: 3}", "status: someday", "funding: maybe", "tags: [a, ~]", "owner: true",
                "unknown: 1", "objetives: {food: 1}", "id: dup", "title: &t x", "owner: *t", "cost: !!str 3",
                "need: {rural: 3}", "description: {a: 1, a: 2}", "impact: 4", "reach: {rural: 1, rural: 2}",
                "title: [a]", "cost:", "job_size: {low: 2}",
            ]
            fields.insert(pick(problems, &rng), at: rng.below(fields.count + 1))
            if rng.below(5) == 0 { fields.removeAll { $0.hasPrefix("id:") } }
        }
        lines = fields
        return lines
    }
}

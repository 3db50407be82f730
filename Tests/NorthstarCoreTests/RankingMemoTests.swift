import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("Remembered work between recomputations")
struct RankingMemoTests {
    /// One step of a daemon's life: the backlog's files (unchanged ones keep their parsed value,
    /// as the daemon's state does), which items are stale, and the config.
    static func step(_ backlog: RandomBacklog, previous: [String: (text: String, parsed: ParsedFile)], weight: Double)
        -> (files: [ParsedFile], parsed: [String: (text: String, parsed: ParsedFile)], config: Config) {
        var parsed: [String: (text: String, parsed: ParsedFile)] = [:]
        for (path, text) in backlog.files {
            if let old = previous[path], old.text == text { parsed[path] = old } else { parsed[path] = (text, Fixtures.parse(text, path: path)) }
        }
        var config = Fixtures.config()
        if let i = config.objectives.firstIndex(where: { $0.id == "food" }) { config.objectives[i].weight = weight }
        return (parsed.keys.sorted().compactMap { parsed[$0]?.parsed }, parsed, config)
    }

    /// One kind of config reload, and whether remembered work survives it.
    enum Reload: String, CaseIterable, Sendable {
        case watchTimings, formats, metricsFile, fileSizeLimit, missionAndCapacity, costUnit
        case objectiveWeight, objectiveName, equityWeight, outputFolder

        var keepsWork: Bool {
            switch self {
            case .watchTimings, .formats, .metricsFile, .fileSizeLimit, .missionAndCapacity, .costUnit: return true
            // The output folder moves the links each RANKING.md row holds back to the backlog.
            case .objectiveWeight, .objectiveName, .equityWeight, .outputFolder: return false
            }
        }

        func apply(to c: inout Config) {
            switch self {
            case .watchTimings: c.watch = WatchSettings(settleMs: 900, maxDelayMs: 5000)
            case .formats: c.formats = [.json]
            case .metricsFile: c.metricsPath = "/var/lib/x.prom"
            case .fileSizeLimit: c.maxFileBytes = 4096
            case .missionAndCapacity: c.mission = "m"; c.capacity = 40
            case .costUnit: c.costUnit = "days"
            case .objectiveWeight: c.objectives[0].weight = 5
            case .objectiveName: c.objectives[0].name = "Food"
            case .equityWeight: c.equity.groups["rural"] = 3
            case .outputFolder: c.outputPath = "/elsewhere"
            }
        }
    }

    @Test("a config that changes only what no item's work depends on keeps everything remembered", arguments: Reload.allCases)
    func keptAcrossReload(reload: Reload) {
        let config = Fixtures.config()
        let e = Fixtures.evaluate([("a.yaml", Fixtures.itemYAML(id: "A")), ("b.yaml", Fixtures.itemYAML(id: "B", need: 5))], config: config)
        var memo = RankingMemo()
        _ = memo.prepare(e)
        var reloaded = config
        reload.apply(to: &reloaded)
        #expect(memo.holds(reloaded) == reload.keepsWork)
        memo.use(reloaded)
        #expect((memo.count == 2) == reload.keepsWork, "remembered items after the reload")
    }

    @Test("outputs and change-log snapshots built with remembered work equal a fresh pass, step after step")
    func memoEqualsFresh() async {
        let walk = RandomBacklog.generator.array(of: 2...6)
        await propertyCheck(count: 120, input: walk, Gen.int(in: 0...Int.max)) { backlogs, seed in
            var rng = SplitMix64(seed: seed)
            var memo = RankingMemo()
            var previous: [String: (text: String, parsed: ParsedFile)] = [:]
            var texts: [String: String] = [:]
            for random in backlogs {
                // Most files stay as they were; a few change, appear or go (as edits do).
                let incoming = Dictionary(random.files, uniquingKeysWith: { a, _ in a })
                for path in Set(texts.keys).union(incoming.keys) where texts.isEmpty || rng.next() % 4 == 0 {
                    texts[path] = incoming[path]
                }
                let backlog = RandomBacklog(files: texts.keys.sorted().compactMap { path in texts[path].map { (path, $0) } })
                // The config changes now and then; some items are stale now and then.
                let weight = [3.0, 3.0, 3.0, 1.0][Int(rng.next() % 4)]
                let (files, parsed, config) = Self.step(backlog, previous: previous, weight: weight)
                previous = parsed
                let ids = files.flatMap(\.items).map(\.id)
                let stale = Set(ids.filter { _ in rng.next() % 5 == 0 })
                let fresh = Evaluation.evaluate(files, config: config, staleIDs: stale)
                let remembered = Evaluation.evaluate(files, config: config, staleIDs: stale, memo: memo)
                let prepared = memo.prepare(remembered)
                let outputs = OutputFiles.files(config)
                let expected = OutputFiles.render(fresh).map(\.contents)
                #expect(outputs.map { OutputFiles.render($0, remembered, rows: prepared.rows) } == expected)
                // The closed items' part is remembered while they stay the same (done items come
                // and go in these steps).
                #expect(prepared.closedJSON == RankingJSON.closedPart(fresh.closed))
                #expect(outputs.map { OutputFiles.assembly($0, remembered, lines: .remembered(prepared.rows, closed: prepared.closedJSON)).bytes }
                    == expected)
                // Lines rendered while the files are written (a one-off rank), in pieces of any
                // size, give the same bytes as lines remembered.
                let chunk = 1 + Int(rng.next() % 300)
                #expect(outputs.map { file -> [UInt8] in
                    var pieces: [UInt8] = []
                    OutputFiles.assembly(file, fresh, lines: .rendered).write(chunkSize: chunk) { pieces += $0 }
                    return pieces
                } == expected)
                #expect(prepared.snapshot == RankingSnapshot(fresh))
            }
        }
    }

    @Test("only changed items are rendered again")
    func onlyChangedItemsRendered() {
        var memo = RankingMemo()
        let files = (0..<20).map { Fixtures.parse(Fixtures.itemYAML(id: "I\($0)", reach: Double(10 * $0)), path: "f\($0).yaml") }
        let config = Fixtures.config()
        #expect(memo.prepare(Evaluation.evaluate(files, config: config, memo: memo)).rendered == 20)
        #expect(memo.prepare(Evaluation.evaluate(files, config: config, memo: memo)).rendered == 0)
        var edited = files
        edited[3] = Fixtures.parse(Fixtures.itemYAML(id: "I3", reach: 999), path: "f3.yaml")
        #expect(memo.prepare(Evaluation.evaluate(edited, config: config, memo: memo)).rendered == 1)
        #expect(memo.prepare(Evaluation.evaluate(edited, config: config, staleIDs: ["I5"], memo: memo)).rendered == 1)
        var other = config
        other.objectives[0].weight += 1
        #expect(memo.prepare(Evaluation.evaluate(edited, config: other, memo: memo)).rendered == 20)
    }
}

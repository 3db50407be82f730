import Testing
@testable import NorthstarCore

@Suite("What the change log last said about an item")
struct ItemHistoryTests {
    static let lines = [
        #"{"schema":1,"time":"2026-11-24T10:00:00Z","trigger":{"kind":"startup","files":[]},"config_digest":{"from":null,"to":"a"},"ranked":2,"added":[{"id":"A","title":"","rank":1,"score":2},{"id":"B","title":"","rank":2,"score":1}],"reopened":[],"removed":[],"closed":[],"moves":[]}"#,
        #"{"schema":1,"time":"2026-11-24T11:00:00Z","trigger":{"kind":"config","files":[]},"config_digest":{"from":"a","to":"b"},"ranked":2,"added":[],"reopened":[],"removed":[],"closed":[],"moves":[{"id":"B","title":"","rank":{"from":2,"to":1},"score":{"from":1,"to":3},"cause":"config","inputs":[]},{"id":"A","title":"","rank":{"from":1,"to":2},"score":{"from":2,"to":2},"cause":"others","inputs":[],"overtaken_by":["B"]}]}"#,
        #"{"schema":1,"time":"2026-11-24T12:00:00Z","trigger":{"kind":"files","files":["a.yaml"]},"config_digest":{"from":"b","to":"b"},"ranked":1,"added":[],"reopened":[],"removed":[{"id":"A","title":"","rank":2,"score":2,"reason":"error","error":{"at":"a.yaml:6:7","message":"m"}}],"closed":[],"moves":[]}"#,
        #"{"schema":1,"time":"2026-11-24T13:00:00Z","trigger":{"kind":"files","files":["c.yaml","d.yaml"]},"config_digest":{"from":"b","to":"b"},"ranked":2,"added":[{"id":"C","title":"","rank":2,"score":1}],"reopened":[],"removed":[],"closed":[],"moves":[{"id":"B","title":"","rank":{"from":1,"to":1},"score":{"from":3,"to":4},"cause":"inputs","inputs":[{"field":"reach.rural","from":"300","to":"1200"},{"field":"need","from":"3","to":"4"}]}]}"#,
    ]

    @Test("the newest entry that names the item, said as the change log says it", arguments: [
        ("A", "Newest change-log entry naming A (2026-11-24 12:00:00 UTC, a.yaml changed): A left the ranking (it ranked 2nd): its file has an error at a.yaml:6:7."),
        ("B", "Newest change-log entry naming B (2026-11-24 13:00:00 UTC, 2 files changed): B stayed 1st (score 3 -> 4): reach among rural grew from 300 to 1,200; need rose from 3 to 4."),
        ("C", "Newest change-log entry naming C (2026-11-24 13:00:00 UTC, 2 files changed): C entered the ranking at 2nd."),
    ])
    func latest(id: String, sentence: String) {
        let bytes = Array(Self.lines.joined(separator: "\n").utf8)
        #expect(ItemHistory.latest(id, in: bytes.split(separator: 0x0A), config: Fixtures.config()) == sentence)
    }

    @Test("moves by the weighting and by others, the first ranking, and an item never named")
    func older() {
        let two = Self.lines.prefix(2).map { Array($0.utf8)[...] }
        #expect(ItemHistory.latest("B", in: two, config: Fixtures.config())?.hasSuffix("B rose from 2nd to 1st because of a change in the config's weights.") == true)
        #expect(ItemHistory.latest("A", in: two, config: Fixtures.config())?.hasSuffix("A fell from 1st to 2nd, overtaken by B.") == true)
        #expect(ItemHistory.latest("A", in: [two[0]], config: Fixtures.config())?.hasSuffix("(2026-11-24 10:00:00 UTC, start-up): A was ranked 1st in the first ranking.") == true)
        #expect(ItemHistory.latest("Z", in: two, config: Fixtures.config()) == nil)
        // A hand-edited or corrupt line is read, not trusted.
        let odd = Array(#"{"time":"t","trigger":{"kind":"rank"},"moves":[{"id":"A","rank":{"from":1e400,"to":-3},"score":{"from":1,"to":2},"cause":"inputs","inputs":[]}]}"#.utf8)[...]
        #expect(ItemHistory.latest("A", in: [odd], config: Fixtures.config()) != nil)
    }
}

import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("Rendering outputs")
struct RenderingTests {
    @Test("JSON strings escape quotes, backslashes and control characters")
    func jsonEscaping() {
        #expect(JSONValue.string("a\"b\\c\n\u{1}\u{2028}").rendered() == #""a\"b\\c\n\u0001\u2028""#)
        #expect(JSONValue.object([("k", .array([.number(1), .number(0.5), .null]))]).rendered(compact: true) == #"{"k":[1,0.5,null]}"#)
    }

    @Test("a key fixed in the code is written as a key from the input would be; only a key from the input is escaped")
    func schemaAndInputKeys() {
        var fixed = JSONTextWriter(), named = JSONTextWriter()
        fixed.open(0x7B); fixed.field("rank", 1); fixed.key("factors"); fixed.open(0x7B); fixed.field("need", 2.5); fixed.close(0x7D)
        fixed.field("title", "a"); fixed.close(0x7D)
        named.open(0x7B); named.field(named: "rank", 1); named.key(named: "factors"); named.open(0x7B); named.field(named: "need", 2.5)
        named.close(0x7D); named.field(named: "title", "a"); named.close(0x7D)
        #expect(fixed.bytes == named.bytes)
        #expect(String(decoding: fixed.bytes, as: UTF8.self) == #"{"rank": 1, "factors": {"need": 2.5}, "title": "a"}"#)
        var input = JSONTextWriter(compact: true)
        input.open(0x7B); input.field(named: "say \"hi\"\n", 1); input.close(0x7D)
        #expect(String(decoding: input.bytes, as: UTF8.self) == #"{"say \"hi\"\n":1}"#)
    }

    @Test("numbers print as the shortest text that reads back exactly", arguments: [
        (5.0, "5"), (0.25, "0.25"), (-3.0, "-3"), (1234.5, "1234.5"), (0.1 + 0.2, "0.3"), (2.0 / 3.0, "0.666666666667"), (1.0e-7 / 3, "3.33333333333e-08"), (123456789012345.6, "123456789012000"), (Double.nan, "null"),
    ])
    func numbers(value: Double, text: String) {
        #expect(NumberFormat.json(value) == text)
    }

    @Test("figures for people are grouped and trimmed", arguments: [
        (1200.0, 0, "1,200"), (1234567.891, 2, "1,234,567.89"), (0.5, 2, "0.5"), (2.0, 2, "2"), (0.999, 2, "1"), (-1500.0, 0, "-1,500"),
    ])
    func human(value: Double, digits: Int, text: String) {
        #expect(NumberFormat.human(value, digits: digits) == text)
    }

    @Test("figures for people, written straight as bytes, equal the plainly written grouping and trimming")
    func humanBytes() async {
        await propertyCheck(count: 4000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            var magnitude = 1e-4
            for _ in 0..<Int(rng.next() % 19) { magnitude *= 10 }
            var x = (Double(rng.next() % 1_000_001) / 1_000_000 - 0.5) * 2 * magnitude
            if rng.next() % 5 == 0 { x = x.rounded() }
            let digits = Int(rng.next() % 13)
            #expect(NumberFormat.human(x, digits: digits) == Self.humanReference(x, digits: digits), "\(x) digits \(digits)")
        }
    }

    /// The grouping and trimming written with strings, as `NumberFormat.human` was first written.
    static func humanReference(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "-∞") }
        if x == x.rounded(.towardZero), abs(x) < 1000 { return String(Int(x)) }
        if abs(x) >= 1e15 { return "\(x)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(x) * scale).rounded() / scale
        let negative = x < 0 && rounded != 0
        let whole = Int64(rounded.rounded(.down))
        var fraction = Int64(((rounded - Double(whole)) * scale).rounded())
        var wholePart = whole
        if fraction >= Int64(scale) { wholePart += 1; fraction -= Int64(scale) }
        var digitsText = String(wholePart)
        var grouped = ""
        while digitsText.count > 3 {
            grouped = "," + digitsText.suffix(3) + grouped
            digitsText.removeLast(3)
        }
        grouped = digitsText + grouped
        if digits > 0, fraction > 0 {
            var f = String(fraction)
            while f.count < digits { f = "0" + f }
            while f.hasSuffix("0") { f.removeLast() }
            grouped += "." + f
        }
        return (negative ? "-" : "") + grouped
    }

    @Test("CSV figures are numbers that sort: a range is its point with _low and _high beside it; a need per group is reach-weighted",
          arguments: [
            ("need: {low: 2, likely: 3, high: 5}\nreach: 100\ncost: 1", ["need": "3", "need_low": "2", "need_high": "5", "reach": "100", "reach_low": "", "cost_low": ""]),
            ("need: {low-income: 2, rural: 5}\nreach: {low-income: 300, rural: 100}\ncost: {low: 1, high: 3}",
             ["need": "2.75", "need_low": "2", "need_high": "5", "reach": "400", "cost": "2", "cost_low": "1", "cost_high": "3"]),
            ("need: 4\nreach: {rural: {low: 10, high: 30}, general: 5}\nconfidence: {low: 0.5, high: 0.9}\ncost: 2",
             ["need": "4", "need_low": "", "reach": "25", "reach_low": "15", "reach_high": "35", "confidence": "0.7", "confidence_low": "0.5", "confidence_high": "0.9"]),
          ])
    func csvRanges(fields: String, expected: [String: String]) throws {
        let e = Fixtures.evaluate([("a.yaml", "id: A\nobjectives: {food: 1}\n" + fields + "\n")])
        #expect(e.diagnostics.isEmpty, "\(e.diagnostics)")
        let lines = RankingCSV.render(e).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let row = Dictionary(uniqueKeysWithValues: zip(RankingCSV.header, try #require(lines.dropFirst().first)))
        for (column, value) in expected { #expect(row[column] == value, "\(column)") }
    }

    @Test("RANKING.md links each id to its file and line, with any path made safe for a link")
    func markdownLinks() {
        var config = Fixtures.config()
        config.outputPath = "/t/rankings"
        let e = Fixtures.evaluate([("team a/odd\n(x)<y>.yaml", Fixtures.itemYAML(id: "A")), ("b.yaml", Fixtures.itemYAML(id: "B", need: 1))], config: config)
        let text = RankingMarkdown.render(e)
        #expect(text.contains("| 1 | [A](../backlog/team%20a/odd%0A%28x%29%3Cy%3E.yaml#L1) | A | open |"))
        #expect(text.contains("| 2 | [B](../backlog/b.yaml#L1) | B | open |"))
    }

    @Test("RANKING.md and report.html show their first max_rows rows and say where the rest are")
    func rowCaps() {
        var config = Fixtures.config()
        config.markdownMaxRows = 2
        config.reportMaxRows = 3
        let e = Fixtures.evaluate((0..<5).map { ("i\($0).yaml", Fixtures.itemYAML(id: "I\($0)", reach: Double(100 + $0))) }, config: config)
        let markdown = RankingMarkdown.render(e)
        #expect(markdown.split(separator: "\n").count(where: { $0.hasPrefix("| ") && $0.contains("](") }) == 2)
        #expect(markdown.contains("3 more items are in `ranking.csv` (this table shows the first 2; `markdown.max_rows` in the config)."))
        let report = ReportPage.render(e)
        #expect(report.components(separatedBy: "<tbody>")[1].components(separatedBy: "<tr").count - 1 == 3)
        #expect(report.contains("2 more items are in <code>ranking.csv</code> (this table shows the first 3"))
    }

    @Test("report.html shows the first 50 sentences of a large change-log entry, the paragraphs around them, and how many more there are")
    func reportChangeCap() {
        let moves = (1...120).map { "- **I\($0)** rose from \($0 + 1)th to \($0)th." }
        let entry = (["## 2026-12-01 10:00:00 UTC — 500 files changed"] + moves + ["", "And 3 items shifted with them."]).joined(separator: "\n")
        let report = ReportPage.render(Fixtures.evaluate([("a.yaml", Fixtures.itemYAML(id: "A"))]), latestChange: entry)
        let section = report.components(separatedBy: "<h2>What changed</h2>")[1].components(separatedBy: "</section>")[0]
        #expect(section.components(separatedBy: "<li>").count - 1 == 50)
        #expect(section.contains("<li><strong>I50</strong> rose from 51th to 50th.</li>") && !section.contains("<strong>I51</strong>"))
        #expect(section.contains("<p>And 3 items shifted with them.</p>"))
        #expect(section.contains("<p>70 more changes in this entry: see <code>CHANGELOG.md</code>.</p>"))
    }

    @Test("the need-and-reach chart drawn from remembered lines is the chart drawn from the items: need given whole, per group, or not at all")
    func chartFromRows() {
        var config = Fixtures.config()
        config.capacity = 2
        let items = [
            Fixtures.itemYAML(id: "A", need: 5, reach: 300, cost: 1),
            Fixtures.itemYAML(id: "B", need: 2, reach: 40, cost: 2),
            "id: C\nobjectives: {food: 1}\nneed: {low-income: 4, rural: 2}\nreach: {low-income: 30, rural: 10}\ncost: 1\n",
            Fixtures.itemYAML(id: "D", need: 1, reach: 0, cost: 3),
        ]
        let e = Fixtures.evaluate(items.enumerated().map { ("f\($0.offset).yaml", $0.element) }, config: config)
        let rows = ItemLines.render(e)
        let fromRows = NeedReachChart.points(e, rows: rows), fromItems = NeedReachChart.points(e)
        #expect(fromRows.map(\.id) == fromItems.map(\.id) && fromRows.count == 4)
        #expect(zip(fromRows, fromItems).allSatisfy { $0.need == $1.need && $0.reach == $1.reach && $0.cost == $1.cost && $0.score == $1.score && $0.funded == $1.funded })
        #expect(fromRows.contains { $0.funded } && fromRows.contains { !$0.funded })
        #expect(NeedReachChart.svg(e, rows: rows) == NeedReachChart.svg(e))
        // Without need figures (another model) no item is on the chart, whichever way it is read.
        let wsjf = Fixtures.evaluate([("w.yaml", "id: W\nbusiness_value: 3\ntime_criticality: 2\nrisk_reduction: 1\njob_size: 2\n")],
                                     config: Fixtures.config(model: .wsjf))
        #expect(wsjf.ranked.count == 1)
        #expect(NeedReachChart.points(wsjf, rows: ItemLines.render(wsjf)).isEmpty && NeedReachChart.points(wsjf).isEmpty)
    }

    @Test("report.html rendered in two parts around the newest change-log entry is the page rendered whole, the entry between the table and the diagnostics")
    func reportParts() {
        let e = Fixtures.evaluate([("a.yaml", Fixtures.itemYAML(id: "A")), ("b.yaml", Fixtures.itemYAML(id: "B", reach: 50))])
        let entry = "## 2026-12-01 10:00:00 UTC — 1 file changed\n\n- **A** rose from 2nd to 1st."
        let parts = ReportPage.Parts(e)
        for latest in [entry, nil] {
            let page = String(decoding: parts.page(latestChange: latest), as: UTF8.self)
            #expect(page == ReportPage.render(e, latestChange: latest))
            let headings = page.components(separatedBy: "<h2>").dropFirst().map { $0.components(separatedBy: "</h2>")[0] }
            #expect(headings.suffix(3) == ["Ranking", "What changed", "Diagnostics"])
        }
        #expect(String(decoding: parts.page(latestChange: entry), as: UTF8.self).contains("<li><strong>A</strong> rose from 2nd to 1st.</li>"))
    }

    @Test("an item's lines kept in one buffer read back as written, empty ones included", arguments: [
        ("{\"id\": \"A\"}", ",A,1\r\n", "| A |\n"), ("", ",A\r\n", ""), ("{}", "", "|\n"), ("", "", ""),
    ])
    func itemLinesParts(json: String, csv: String, markdown: String) {
        let lines = ItemLines(id: "A", json: Array(json.utf8), csv: Array(csv.utf8), markdown: Array(markdown.utf8))
        #expect(Array(lines.json) == Array(json.utf8))
        #expect(Array(lines.csv) == Array(csv.utf8))
        #expect(Array(lines.markdown) == Array(markdown.utf8))
        #expect(lines == ItemLines(id: "A", json: Array(json.utf8), csv: Array(csv.utf8), markdown: Array(markdown.utf8)))
        // The same bytes split elsewhere are other lines.
        if !json.isEmpty {
            #expect(lines != ItemLines(id: "A", json: Array(json.utf8.dropLast()), csv: Array(json.utf8.suffix(1)) + Array(csv.utf8), markdown: Array(markdown.utf8)))
        }
    }

    @Test("GitHub workflow commands escape %, CR and LF in messages, and : and , in values too")
    func githubEscaping() {
        let d = Diagnostic(.warning, .range, "50% of\r\nthe: reach, ok", path: "a:b,c%.yaml", at: SourceLocation(line: 3, column: 7))
        #expect(CIAnnotations.github([d]) == "::warning file=a%3Ab%2Cc%25.yaml,line=3,col=7,title=northstar range::50%25 of%0D%0Athe: reach, ok\n")
        #expect(CIAnnotations.gitlab([]) == "[]\n")
    }

    @Test("report.html's formula shows the cost unit as written, escaped once for HTML")
    func reportFormulaUnit() {
        var config = Fixtures.config()
        config.costUnit = "R&D_weeks <x> `y`"
        let report = ReportPage.render(Fixtures.evaluate([("a.yaml", Fixtures.itemYAML(id: "A"))], config: config))
        let formula = report.components(separatedBy: "<p class=\"formula\">")[1].components(separatedBy: "</p>")[0]
        #expect(formula.contains("R&amp;D_weeks &lt;x&gt; `y`"), "\(formula)")
        #expect(!formula.contains("&amp;amp;") && !formula.contains("\\"))
    }

    @Test("a CSV cell written straight from its bytes equals the quoted, neutralised text")
    func csvCellBytes() async {
        let pieces = ["a", "Zé", ",", "\"", "\n", "\r", "\r\n", "=", "+", "-", "@", "\t", " ", "\u{301}", "'", "5"]
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let cell = (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            for neutralised in [false, true] {
                var out: [UInt8] = []
                RankingCSV.appendCell(cell, neutralised: neutralised, to: &out)
                #expect(out == Array(("," + RankingCSV.quote(neutralised ? RankingCSV.text(cell) : cell)).utf8), "\(cell.debugDescription)")
            }
        }
    }

    @Test("a list cell written part by part equals the cell of the parts joined by spaces")
    func csvJoinedCellBytes() async {
        let pieces = ["a", "Zé", ",", "\"", "\n", "\r", "=", "+", "-", "@", "\t", " ", "'", "5", ""]
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let parts = (0..<Int(rng.next() % 4)).map { _ in
                (0..<Int(rng.next() % 3)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            }
            var out: [UInt8] = [], joined: [UInt8] = []
            RankingCSV.appendJoinedCell(parts, to: &out)
            RankingCSV.appendCell(parts.joined(separator: " "), neutralised: true, to: &joined)
            #expect(out == joined, "\(parts.debugDescription)")
        }
    }

    @Test("the how-sure cell written from its figures equals the cell of its text, with or without a capacity")
    func csvHowSureCellBytes() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let p10 = Int(rng.next() % 5000) + 1, width = rng.next() % 3 == 0 ? 0 : Int(rng.next() % 5000)
            let chances: [Double] = [0, 0.004, 0.005, 0.5, 0.994, 0.995, 1, Double(rng.next() % 1001) / 1000]
            let x = RankUncertainty.Item(medianRank: p10 + width / 2, rankP10: p10, rankP90: p10 + width,
                                         chance: chances[Int(rng.next() % UInt64(chances.count))])
            let u = RankUncertainty(draws: 10, seed: 1, top: Int(rng.next() % 50) + 1, rankDraws: 10,
                                    chanceIsFunded: rng.next() % 2 == 0, provenPlans: nil, items: [x])
            var out: [UInt8] = [], text: [UInt8] = []
            ItemContext.appendHowSureCell(x, u, to: &out)
            RankingCSV.appendCell(UncertaintyText.interval(x) + ", " + UncertaintyText.chance(x, u), neutralised: true, to: &text)
            #expect(out == text, "\(x) \(u.chanceIsFunded)")
        }
    }

    @Test("Markdown cells: text with nothing to escape is kept as it is, anything else is escaped")
    func markdownInert() async {
        let pieces = ["a", "Zé", "|", "*", "_", "`", "<", "&", "#", "\u{85}", "\n", "\t", " ", "1", "~", "!", "[", "]", "\\", "\u{7F}"]
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let text = (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let special = text.unicodeScalars.contains { "&<>|\\*_`[]#!~\u{7F}".unicodeScalars.contains($0) || $0.value < 0x20 || (0x80...0x9F).contains($0.value) }
            #expect((RankingMarkdown.escape(text) == text) == !special, "\(text.debugDescription)")
        }
    }

    @Test("CSV quotes separators and neutralises formulas")
    func csv() {
        #expect(RankingCSV.quote("a,b") == "\"a,b\"")
        #expect(RankingCSV.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(RankingCSV.text("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(RankingCSV.text("plain") == "plain")
    }

    @Test("Markdown cells cannot inject HTML, links or break the table")
    func markdown() {
        #expect(RankingMarkdown.escape("<script>alert(1)</script> | [x](y) *b*\nnext") ==
                "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\[x\\](y) \\*b\\* next")
    }

    @Test("ranking.json carries schema, digest, factors and sources in rank order")
    func rankingJSON() throws {
        let e = Fixtures.evaluate([
            ("b.yaml", Fixtures.itemYAML(id: "B", reach: 10)),
            ("a.yaml", Fixtures.itemYAML(id: "A", reach: 20, extra: "reach_note: x")),
            ("c.yaml", Fixtures.itemYAML(id: "C", extra: "status: done")),
        ])
        let json = RankingJSON.render(e)
        #expect(json.hasPrefix("{\n  \"schema\": 1,\n  \"generator\": \"northstar\",\n  \"model\": \"impact\","))
        #expect(json.contains("\"config_digest\": \"\(e.config.scoringDigest)\""))
        #expect(json.contains("\"source\": \"a.yaml:1\""))
        #expect(json.contains("\"weighted_need_reach\": 60"))     // 20 · 3 · 1
        let a = json.range(of: "\"id\": \"A\"")
        let b = json.range(of: "\"id\": \"B\"")
        #expect(a != nil && b != nil && a!.lowerBound < b!.lowerBound)
        #expect(json.contains("\"closed\": [\n    {\"id\": \"C\", \"title\": \"\", \"status\": \"done\", \"source\": \"c.yaml:1\"}\n  ]\n}\n"))
        #expect(json.hasSuffix("}\n"))
        // One line per item: a change to one item is a one-line diff.
        let lines = json.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("    {\"rank\": ") }.count == 2)
        #expect(try JSONParser.parse(json)["items"]?.arrayValue?.count == 2)
    }

    @Test("ranges appear in ranking.json for the uncertainty analysis")
    func ranges() {
        let e = Fixtures.evaluate([("a.yaml", "id: A\nobjectives: {food: 1}\nneed: 3\nreach: {rural: {low: 1, likely: 2, high: 4}}\ncost: 1\n")])
        #expect(RankingJSON.render(e).contains("\"ranges\": {\"reach.rural\": {\"low\": 1, \"likely\": 2, \"high\": 4}}"))
    }

    @Test("diagnostics.json lists every diagnostic in order")
    func diagnosticsJSON() {
        let e = Fixtures.evaluate([("a.yaml", "id: A\nneed: 9\n")])
        let text = DiagnosticsJSON.render(e.diagnostics)
        #expect(text.contains("\"errors\": 1"))
        #expect(text.contains("\"path\": \"a.yaml\",\n      \"line\": 2,\n      \"column\": 7,"))
    }

    @Test("outputs follow the config's formats; diagnostics.json always")
    func formats() {
        var config = Fixtures.config()
        config.formats = [.csv]
        let names = OutputFiles.render(Fixtures.evaluate([("a.yaml", Fixtures.itemYAML(id: "A"))], config: config)).map(\.name)
        #expect(names == ["ranking.csv", "diagnostics.json"])
    }
}

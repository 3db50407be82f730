import Foundation
import Testing

/// `report.html` read as a browser and an SVG renderer would: Python's html5lib (a real HTML5
/// parser, strict: any parse error fails) and the standard library's XML parser for each chart,
/// both installed by `make test`.
@Suite("report.html")
struct ReportTests {
    /// What the parsers found in a page.
    struct Reading: Decodable {
        var errors: [String]
        var svgErrors: [String]
        var headings: [String]
        var rows: Int
        var scripts: Int
        var images: Int
        var external: [String]
        var text: String
        var charts: [String]
    }

    static func read(_ html: String) throws -> Reading {
        let script = #"""
            import sys, json, re, html5lib, xml.etree.ElementTree as ET
            src = sys.stdin.read()
            parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
            doc = parser.parse(src)
            errors = [str(e) for e in parser.errors]
            svg_errors, charts = [], []
            for m in re.finditer(r"<svg.*?</svg>", src, re.S):
                try:
                    svg = ET.fromstring(m.group(0))
                    title = svg.find("{http://www.w3.org/2000/svg}title")
                    charts.append(title.text if title is not None else "")
                except ET.ParseError as e:
                    svg_errors.append(str(e))
            external = [v for el in doc.iter() for k, v in el.attrib.items()
                        if k in ("src", "href") and re.match(r"[a-z]+:", v or "")]
            body = doc.find("body")
            print(json.dumps({
                "errors": errors, "svgErrors": svg_errors,
                "headings": ["".join(h.itertext()) for h in doc.iter("h2")],
                "rows": len(doc.findall(".//table/tbody/tr")),
                "scripts": len(list(doc.iter("script"))), "images": len(list(doc.iter("img"))),
                "external": external, "text": "".join(body.itertext()) if body is not None else "",
                "charts": charts}))
            """#
        let python = try Python.run(script, input: html)
        guard python.status == 0 else { throw ReportCheckFailure(message: python.stderr) }
        return try JSONDecoder().decode(Reading.self, from: Data(python.stdout.utf8))
    }

    struct ReportCheckFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { "the report's parsers failed: \(message)" }
    }

    @Test("the bundled example's report is valid HTML5 with well-formed charts, its sections in order and a row per item")
    func example() throws {
        let folder = try TemporaryFolder(under: StagedExample.root)
        let r = try NorthstarBinary.run(["rank", "--output", folder.path], in: StagedExample.root)
        #expect(r.status == 0, "\(r.stderr)")
        let reading = try Self.read(try folder.read("report.html"))
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.svgErrors.isEmpty, "\(reading.svgErrors)")
        #expect(reading.headings == ["The plan", "Need against reach", "Value for money frontier", "Who the plan serves", "How sure", "Ranking", "What changed", "Diagnostics"])
        #expect(reading.charts == ["Need against reach", "Value for money frontier", "Who the plan serves"])
        #expect(reading.rows == 30)
        // Self-contained: nothing fetched, nothing run.
        #expect(reading.external.isEmpty && reading.scripts == 0 && reading.images == 0, "\(reading.external)")
        #expect(reading.text.contains("13 of 30 items funded, 40 of 40 person-weeks, worth 17,523 — 20.1% more than funding down the list by score"))
        #expect(reading.text.contains("First ranking: 30 items."))
    }

    @Test("What changed: the newest change-log entry in its own sentences, kept as it is by a pass that changes nothing")
    func latestChange() throws {
        let folder = try TemporaryFolder()
        try folder.writeConfig()
        try folder.copyExample(into: "backlog") { $0.sorted() }
        #expect(try NorthstarBinary.run(["rank"], in: folder.path).status == 0)
        let file = "backlog/pantry/FA-3-evening-opening.yaml"
        try folder.write(file, try folder.read(file).replacingOccurrences(of: "{low: 400, likely: 650, high: 900}", with: "1400"))
        #expect(try NorthstarBinary.run(["rank"], in: folder.path).status == 0)
        let reading = try Self.read(try folder.read("out/report.html"))
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.text.contains("FA-3 rose from 14th to 6th: reach among low-income grew from 650 to 1,400."))
        #expect(reading.text.contains("FA-3 is now funded (PT-3, FA-17 no longer fit)."))
        #expect(!reading.text.contains("First ranking"), "only the newest entry")
        // Nothing changed: no entry, and the report keeps showing the newest one, untouched.
        let before = folder.modificationTime("out/report.html")
        Thread.sleep(forTimeInterval: 0.02)
        #expect(try NorthstarBinary.run(["rank"], in: folder.path).status == 0)
        #expect(folder.modificationTime("out/report.html") == before)
    }

    @Test("headless Chromium opens the example's report offline without a console error, with its headings and 30 rows, and draws it")
    func browser() throws {
        let folder = try TemporaryFolder(under: StagedExample.root)
        guard let chromium = HeadlessChromium.required(profile: folder.path + "/profile") else { return }
        let r = try NorthstarBinary.run(["rank", "--output", folder.path], in: StagedExample.root)
        #expect(r.status == 0, "\(r.stderr)")
        let page = "file://" + folder.path + "/report.html"
        let dom = try chromium.run(["--enable-logging=stderr", "--v=0", "--dump-dom", page], in: folder.path)
        #expect(dom.status == 0, "\(dom.stderr)")
        let console = dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        for heading in ["The plan", "Need against reach", "Value for money frontier", "Who the plan serves", "How sure", "Ranking", "What changed", "Diagnostics"] {
            #expect(dom.stdout.contains("<h2>\(heading)</h2>"), "no heading \(heading)")
        }
        let body = dom.stdout.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first ?? ""
        #expect(body.components(separatedBy: "<tr").count - 1 == 30)
        let shot = try chromium.run(["--window-size=1100,1500", "--screenshot=" + folder.path + "/report.png", page], in: folder.path)
        #expect(shot.status == 0, "\(shot.stderr)")
        let png = try #require(FileManager.default.contents(atPath: folder.path + "/report.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "a real picture (\(png.count) bytes)")
    }

    /// What axe-core found: the rules a page breaks, the checks it could not decide (each node
    /// with the start of its markup), and how many rules it passes.
    struct AxeFindings: Decodable {
        struct Rule: Decodable { var id: String; var nodes: [String] }
        var violations: [Rule]
        var incomplete: [Rule]
        var passes: Int
    }

    @Test("axe-core in headless Chromium finds no WCAG 2.2 A or AA failure in the example's report; chart text it cannot decide has a halo")
    func accessibility() throws {
        let folder = try TemporaryFolder(under: StagedExample.root)
        guard let chromium = HeadlessChromium.required(profile: folder.path + "/profile") else { return }
        // axe-core's script as PyPI's axe-playwright-python ships it (installed by make test).
        let located = try Python.run("import importlib.util as u\ns = u.find_spec('axe_playwright_python')\nprint(s.submodule_search_locations[0] + '/axe.min.js' if s else '')", input: "")
        guard let axe = FileManager.default.contents(atPath: located.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            Issue.record("axe-core is not installed: run `make test-deps` (make test installs it)")
            return
        }
        #expect(try NorthstarBinary.run(["rank", "--output", folder.path], in: StagedExample.root).status == 0)
        let report = try String(contentsOfFile: folder.path + "/report.html", encoding: .utf8)
        let runner = """
            <script>\(String(decoding: axe, as: UTF8.self))</script>
            <script>
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}).then(function (r) {
              function rules(list) { return list.map(function (v) { return {id: v.id, nodes: v.nodes.map(function (n) { return n.html.slice(0, 120); })}; }); }
              var out = document.createElement('pre');
              out.id = 'axe-result';
              out.textContent = JSON.stringify({violations: rules(r.violations), incomplete: rules(r.incomplete), passes: r.passes.length});
              document.body.appendChild(out);
            });
            </script>
            """
        try report.replacingOccurrences(of: "</body>", with: runner + "</body>").write(toFile: folder.path + "/axe.html", atomically: true, encoding: .utf8)
        // A laptop's window: narrower, the table scrolls sideways, and axe cannot see the
        // colours of the columns scrolled out of view (it says so, rather than failing them).
        let dom = try chromium.run(["--window-size=1280,1000", "--virtual-time-budget=30000", "--dump-dom", "file://" + folder.path + "/axe.html"], in: folder.path)
        #expect(dom.status == 0, "\(dom.stderr)")
        let text = try #require(dom.stdout.components(separatedBy: "<pre id=\"axe-result\">").last?.components(separatedBy: "</pre>").first,
                                "axe did not finish")
        let json = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let found = try JSONDecoder().decode(AxeFindings.self, from: Data(json.utf8))
        #expect(found.violations.isEmpty, "\(found.violations)")
        #expect(found.passes >= 10, "axe ran \(found.passes) passing rules")
        // axe cannot tell the background behind SVG text; every chart text (and its tspans) has a white halo
        // (ReportPage.style), so its contrast is that of its fill on white.
        for rule in found.incomplete {
            #expect(rule.id == "color-contrast" && rule.nodes.allSatisfy { $0.hasPrefix("<text") || $0.hasPrefix("<tspan") }, "\(rule)")
        }
        #expect(report.contains(".chart text{fill:#1a1a1a;paint-order:stroke;stroke:#fff"))
    }

    @Test("hostile ids, titles, groups and paths are shown as text, never run, in the uncertainty's section and column too")
    func hostile() throws {
        let folder = try TemporaryFolder()
        try folder.writeConfig()
        let title = #"<script>alert(1)</script> & "quoted" 'single' ]]> <!-- <img src=x onerror=alert(2)>"#
        try folder.write("backlog/a&b <i>.yaml", """
            id: EVIL-1
            title: '\(title.replacingOccurrences(of: "'", with: "''"))'
            objectives: {food-security: 1}
            need: 4
            reach: {"<b>group</b>": 100, refugees: {low: 5, likely: 10, high: 40}}
            cost: {low: 1, high: 3}
            """)
        try folder.write("backlog/broken \"<x>\".yaml", "id: [unclosed\n")
        // Control characters (YAML escapes) are parse errors in HTML and not allowed in SVG.
        try folder.write("backlog/bell.yaml", "id: BELL-1\ntitle: \"bell\\x07 escape\\e end\"\nobjectives: {food-security: 1}\nneed: 2\nreach: {\"odd\\x01group\": 5}\ncost: 1\n")
        let r = try NorthstarBinary.run(["rank"], in: folder.path)
        #expect(r.status == 1, "\(r.stderr)")
        let reading = try Self.read(try folder.read("out/report.html"))
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        #expect(reading.svgErrors.isEmpty, "\(reading.svgErrors)")
        #expect(reading.scripts == 0 && reading.images == 0)
        #expect(reading.text.contains(title), "the title is shown as written")
        #expect(reading.text.contains("broken \"<x>\".yaml"), "the broken file's path is shown as written")
        #expect(reading.text.contains("bell\u{FFFD} escape\u{FFFD} end"), "control characters are shown as replacement characters")
        // The uncertainty analysis' section and column, with the hostile item ranged.
        #expect(reading.headings.contains("How sure"), "\(reading.headings)")
        #expect(reading.text.contains("No single weight, moved on its own, changes EVIL-1's rank."), "its sensitivity sentence")
        let json = try JSONSerialization.jsonObject(with: Data(try folder.read("out/ranking.json").utf8)) as? [String: Any]
        #expect((json?["uncertainty"] as? [String: Any])?["draws"] as? Int == 1000)
    }
}

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
        #expect(reading.headings == ["The plan", "Need against reach", "Value for money frontier", "Who the plan serves", "Ranking", "What changed", "Diagnostics"])
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
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Issue.record("chromium is not installed: run `make test-deps` (make test installs it)")
            return
        }
        let folder = try TemporaryFolder(under: StagedExample.root)
        let r = try NorthstarBinary.run(["rank", "--output", folder.path], in: StagedExample.root)
        #expect(r.status == 0, "\(r.stderr)")
        let page = "file://" + folder.path + "/report.html"
        // No network: every host name fails to resolve and any proxy is a closed port.
        let offline = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
                       "--proxy-server=127.0.0.1:9", "--user-data-dir=" + folder.path + "/profile"]
        let dom = try NorthstarBinary.runTool(chromium, offline + ["--enable-logging=stderr", "--v=0", "--dump-dom", page], in: folder.path)
        #expect(dom.status == 0, "\(dom.stderr)")
        let console = dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        for heading in ["The plan", "Need against reach", "Value for money frontier", "Who the plan serves", "Ranking", "What changed", "Diagnostics"] {
            #expect(dom.stdout.contains("<h2>\(heading)</h2>"), "no heading \(heading)")
        }
        let body = dom.stdout.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first ?? ""
        #expect(body.components(separatedBy: "<tr").count - 1 == 30)
        let shot = try NorthstarBinary.runTool(chromium, offline + ["--window-size=1100,1500", "--screenshot=" + folder.path + "/report.png", page], in: folder.path)
        #expect(shot.status == 0, "\(shot.stderr)")
        let png = try #require(FileManager.default.contents(atPath: folder.path + "/report.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "a real picture (\(png.count) bytes)")
    }

    @Test("hostile ids, titles, groups and paths are shown as text, never run")
    func hostile() throws {
        let folder = try TemporaryFolder()
        try folder.writeConfig()
        let title = #"<script>alert(1)</script> & "quoted" 'single' ]]> <!-- <img src=x onerror=alert(2)>"#
        try folder.write("backlog/a&b <i>.yaml", """
            id: EVIL-1
            title: '\(title.replacingOccurrences(of: "'", with: "''"))'
            objectives: {food-security: 1}
            need: 4
            reach: {"<b>group</b>": 100, refugees: 10}
            cost: 2
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
    }
}

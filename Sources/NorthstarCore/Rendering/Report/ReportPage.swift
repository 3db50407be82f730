/// Renders `report.html`: the page people open in the meeting. One self-contained file (no
/// network, no script needed): the summary, the plan, need against reach, the value-for-money
/// frontier, who the plan serves, the ranked table with each item's breakdown, and the
/// diagnostics. Pure and deterministic: the same evaluation gives the same bytes.
public enum ReportPage {
    /// The page's text. `latestChange` is the newest entry of `CHANGELOG.md` (as
    /// `ChangeLogMarkdown.newestEntry` gives it), shown in the change log's own sentences.
    public static func render(_ e: Evaluation, latestChange: String? = nil) -> String {
        String(decoding: bytes(e, latestChange: latestChange), as: UTF8.self)
    }

    /// The page as UTF-8 bytes, as it is written; `pair` may render the table's two halves on
    /// two cores, and `rows` are as for `Parts` (the bytes are the same either way).
    public static func bytes(_ e: Evaluation, latestChange: String? = nil, rows: [ItemLines]? = nil, pair: WorkPair = .serial) -> [UInt8] {
        Parts(e, rows: rows, pair: pair).page(latestChange: latestChange)
    }

    /// The whole page but the newest change-log entry: nearly all of it, and none of it waits
    /// for this pass's entry, so a writer renders it while the entry is still being appended.
    public struct Parts: Sendable {
        /// The summary, the plan, the charts and the ranked table.
        let before: [UInt8]
        /// The diagnostics and the page's end.
        let after: [UInt8]

        /// The parts of `e`'s page (`pair` as for `bytes`). `rows`, the ranked items' lines
        /// remembered by a long-running process, give the chart its figures without reading
        /// every item again (the page is the same either way).
        public init(_ e: Evaluation, rows: [ItemLines]? = nil, pair: WorkPair = .serial) {
            before = ReportPage.before(e, rows: rows, pair: pair)
            after = Array((diagnostics(e) + "</main>\n</body>\n</html>\n").utf8)
        }

        /// The page with `latestChange` (as for `bytes`) between the parts.
        public func page(latestChange: String?) -> [UInt8] {
            var out = before
            out.reserveCapacity(before.count + after.count + 4096)
            out.append(contentsOf: changes(latestChange).utf8)
            out += after
            return out
        }
    }

    /// The page up to the newest change-log entry.
    static func before(_ e: Evaluation, rows: [ItemLines]?, pair: WorkPair) -> [UInt8] {
        let c = e.config
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Backlog ranking report</title>
        <style>\(style)</style>
        </head>
        <body>
        <main>
        <h1>Backlog ranking report</h1>

        """
        if let mission = c.mission, !mission.isEmpty { out += "<p class=\"mission\"><strong>Mission:</strong> \(HTMLText.escape(mission))</p>\n" }
        let stale = e.ranked.count(where: \.isStale)
        out += "<p>\(NumberFormat.count(e.ranked.count, "item")) ranked by the <code>\(HTMLText.escape(c.model.rawValue))</code> model\(HTMLText.escape(c.model.model.settingsNote(c))) · \(NumberFormat.count(e.errorCount, "error")), \(NumberFormat.count(e.warningCount, "warning"))\(stale > 0 ? ", \(NumberFormat.human(Double(stale), digits: 0)) stale" : "") · config <code>\(HTMLText.escape(c.scoringDigest))</code></p>\n"
        out += "<p class=\"formula\">\(inlineMarkdown(c.model.formulaMarkdown(c)))</p>\n"
        if let plan = e.plan { out += planSection(plan, e) }
        out += chartSection("Need against reach", NeedReachChart.svg(e, rows: rows))
        if let plan = e.plan {
            out += chartSection("Value for money frontier", FrontierChart.svg(plan, config: c))
            if !plan.shares.isEmpty { out += chartSection("Who the plan serves", SharesChart.svg(plan)) }
        }
        if let u = e.uncertainty { out += howSure(u, e) }
        var bytes = Array(out.utf8)
        bytes += table(e, maxRows: c.reportMaxRows, pair: pair)
        return bytes
    }

    /// A chart under its heading; on a narrow screen it keeps a readable size and scrolls sideways.
    static func chartSection(_ heading: String, _ svg: String) -> String {
        "<section>\n<h2>\(heading)</h2>\n<div class=\"scroll\">\n" + svg + "</div>\n</section>\n"
    }

    static func planSection(_ plan: Plan, _ e: Evaluation) -> String {
        var out = "<section>\n<h2>The plan</h2>\n<p>For a capacity of \(HTMLText.escape(PlanText.amount(plan.capacity, e.config))): \(HTMLText.escape(PlanText.summary(plan, ranked: e.ranked.count, config: e.config))). Funded rows are marked in the table.</p>\n"
        if plan.floorCost > 0 {
            out += "<p>The floors cost \(NumberFormat.human(plan.floorCost, digits: 0)) of value against the best plan without them.</p>\n"
        }
        if !plan.floors.isEmpty {
            out += "<ul>\n" + plan.floors.map { "<li>Floor: \(HTMLText.escape(PlanText.floor($0)))</li>\n" }.joined() + "</ul>\n"
        }
        if !plan.excluded.isEmpty {
            out += "<p>\(NumberFormat.count(plan.excluded.count, "item")) can never be funded (listed with the reason in <code>RANKING.md</code> and <code>ranking.json</code>).</p>\n"
        }
        return out + "</section>\n"
    }

    /// The ranked table, its first `maxRows` rows, each with its score breakdown. The rows are
    /// most of the page, so they are written as bytes, in two halves that `pair` may render on
    /// two cores.
    static func table(_ e: Evaluation, maxRows: Int, pair: WorkPair = .serial) -> [UInt8] {
        let hasPlan = e.plan != nil
        var out = Array("<section>\n<h2>Ranking</h2>\n<div class=\"scroll\">\n<table>\n<thead><tr><th scope=\"col\">Rank</th><th scope=\"col\">ID</th><th scope=\"col\">Title</th><th scope=\"col\">Score</th><th scope=\"col\">Need</th><th scope=\"col\">Reach</th><th scope=\"col\">Cost</th>\(hasPlan ? "<th scope=\"col\">Funded</th>" : "")<th scope=\"col\">Blocked by</th><th scope=\"col\">Top objective</th>\(e.uncertainty == nil ? "" : "<th scope=\"col\">How sure</th>")</tr></thead>\n<tbody>\n".utf8)
        let shown = min(maxRows, e.ranked.count), half = shown / 2
        // The interval bars share one scale: rank 1 to the worst 90th percentile shown.
        let scale = max(1, e.uncertainty.map { u in u.items.prefix(shown).map(\.rankP90).max() ?? 1 } ?? 1)
        @Sendable func rows(_ range: Range<Int>) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(range.count * 1024)
            for index in range { appendRow(index, e, hasPlan: hasPlan, scale: scale, to: &bytes) }
            return bytes
        }
        let (first, second) = pair.both({ rows(0..<half) }, { rows(half..<shown) })
        out += first
        out += second
        out.append(contentsOf: "</tbody>\n</table>\n</div>\n".utf8)
        if e.ranked.count > maxRows {
            out.append(contentsOf: "<p>\(e.ranked.count - maxRows) more items are in <code>ranking.csv</code> (this table shows the first \(maxRows); <code>report.max_rows</code> in the config).</p>\n".utf8)
        }
        out.append(contentsOf: "</section>\n".utf8)
        return out
    }

    /// One row of the table: the item's figures, its breakdown as `explain` gives it, and with
    /// the uncertainty analysis its interval as text and as a bar on ranks 1 to `scale`.
    static func appendRow(_ index: Int, _ e: Evaluation, hasPlan: Bool, scale: Int, to out: inout [UInt8]) {
        let r = e.ranked[index]
        let item = r.item
        let funded = e.plan?.isFunded(item.id) ?? false
        out.append(contentsOf: (funded ? "<tr class=\"funded\"><td class=\"num\">" : "<tr><td class=\"num\">").utf8)
        NumberFormat.appendInteger(r.rank, to: &out)
        out.append(contentsOf: "</td><td class=\"id\">".utf8)
        HTMLText.append(item.id, to: &out)
        out.append(contentsOf: "</td><td><details><summary>".utf8)
        HTMLText.append(ItemSummary.title(item), to: &out)
        if r.isStale { out.append(contentsOf: " (stale)".utf8) }
        out.append(contentsOf: "</summary><pre>".utf8)
        HTMLText.append(Explanation.formula(r.scored, config: e.config), to: &out)
        out.append(contentsOf: "</pre></details></td><td class=\"num\">".utf8)
        out.append(contentsOf: NumberFormat.score(r.scored.score).utf8)
        out.append(contentsOf: "</td><td class=\"num\">".utf8)
        HTMLText.append(ItemSummary.need(item), to: &out)
        out.append(contentsOf: "</td><td class=\"num\">".utf8)
        NumberFormat.appendHuman(item.totalReach, digits: 0, to: &out)
        out.append(contentsOf: "</td><td class=\"num\">".utf8)
        NumberFormat.appendHuman(r.scored.cost, to: &out)
        out.append(contentsOf: "</td>".utf8)
        if hasPlan { out.append(contentsOf: (funded ? "<td>funded</td>" : "<td>–</td>").utf8) }
        out.append(contentsOf: "<td>".utf8)
        if let blockers = e.links.blockedBy[item.id] {
            for (k, id) in blockers.enumerated() {
                if k > 0 { out.append(contentsOf: ", ".utf8) }
                HTMLText.append(id, to: &out)
            }
        }
        out.append(contentsOf: "</td><td>".utf8)
        HTMLText.append(ItemSummary.topObjective(r.scored, config: e.config), to: &out)
        out.append(contentsOf: "</td>".utf8)
        if let u = e.uncertainty, index < u.items.count {
            let x = u.items[index]
            func percent(_ rank: Int) -> String { NumberFormat.json((Double(rank - 1) / Double(scale) * 1000).rounded() / 10) }
            out.append(contentsOf: "<td class=\"sure\">\(UncertaintyText.interval(x))<br>".utf8)
            HTMLText.append(UncertaintyText.chance(x, u), to: &out)
            out.append(contentsOf: "<span class=\"bar\" aria-hidden=\"true\"><span class=\"span\" style=\"left:\(percent(x.rankP10))%;width:\(NumberFormat.json(max(1, (Double(x.rankP90 - x.rankP10 + 1) / Double(scale) * 1000).rounded() / 10)))%\"></span><span class=\"mid\" style=\"left:\(percent(x.medianRank))%\"></span></span></td>".utf8)
        }
        out.append(contentsOf: "</tr>\n".utf8)
    }

    /// How sure the ranking is: what the draws are, the items whose funding (or place in the
    /// top) is a coin toss — the conversations worth having — and the weights that would move
    /// the top items soonest.
    static func howSure(_ u: RankUncertainty, _ e: Evaluation) -> String {
        var out = "<section>\n<h2>How sure</h2>\n<p>\(HTMLText.escape(UncertaintyText.method(u))). In the table, each item's median rank, the middle 80% of its ranks as a bar, and its chance.</p>\n"
        let tosses = e.ranked.indices.filter { $0 < u.items.count && u.items[$0].chance >= 0.2 && u.items[$0].chance <= 0.8 }
        let what = u.chanceIsFunded ? "funded" : "in the top \(u.top)"
        if tosses.isEmpty {
            out += "<p>No item is a coin toss: each is \(what) in fewer than 20% or more than 80% of draws.</p>\n"
        } else {
            out += "<p>\(NumberFormat.count(tosses.count, "item")) \(tosses.count == 1 ? "is" : "are") \(what) in between 20% and 80% of draws — a coin toss:</p>\n<ul>\n"
            for i in tosses.prefix(20) {
                let r = e.ranked[i], x = u.items[i]
                out += "<li><strong>\(HTMLText.escape(r.item.id))</strong> \(HTMLText.escape(ItemSummary.title(r.item))): \(HTMLText.escape(UncertaintyText.chance(x, u))), rank \(HTMLText.escape(UncertaintyText.interval(x)))</li>\n"
            }
            out += "</ul>\n"
            if tosses.count > 20 {
                out += "<p>\(NumberFormat.count(tosses.count - 20, "more item")) in <code>ranking.csv</code> (<code>\(u.chanceIsFunded ? "p_funded" : "p_top")</code>).</p>\n"
            }
        }
        // The first 20 top items: `top` may be large, and the page stays short.
        let sentences = u.sensitivity.indices.prefix(20).compactMap { SensitivityText.mostSensitive($0, u.sensitivity[$0], in: e) }
        if !sentences.isEmpty {
            out += "<p>What would move the top items soonest, one weight at a time:</p>\n<ul>\n" + sentences.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        return out + "</section>\n"
    }

    /// The most sentences of one change-log entry the page shows: a `git pull` can move
    /// thousands of items, and the page must stay small.
    static let changeLines = 50

    /// The newest change-log entry: its heading (when, what triggered it, the commit), then its
    /// sentences, the first `changeLines` of them.
    static func changes(_ entry: String?) -> String {
        var out = "<section>\n<h2>What changed</h2>\n"
        guard let entry else { return out + "<p>The change log has no entry yet (it is kept when the format json is written).</p>\n</section>\n" }
        var inList = false, shown = 0, left = 0
        for line in entry.split(separator: "\n") where !line.isEmpty {
            if line.hasPrefix("- ") {
                guard shown < changeLines else { left += 1; continue }
                if !inList { out += "<ul>\n"; inList = true }
                out += "<li>\(inlineMarkdown(String(line.dropFirst(2))))</li>\n"
                shown += 1
                continue
            }
            if inList { out += "</ul>\n"; inList = false }
            if line.hasPrefix("## ") {
                out += "<p><strong>\(inlineMarkdown(String(line.dropFirst(3))))</strong></p>\n"
            } else {
                out += "<p>\(inlineMarkdown(String(line)))</p>\n"
            }
        }
        if inList { out += "</ul>\n" }
        if left > 0 { out += "<p>\(NumberFormat.count(left, "more change")) in this entry: see <code>CHANGELOG.md</code>.</p>\n" }
        return out + "<p>Every entry is in <code>CHANGELOG.md</code> and <code>changes.jsonl</code>.</p>\n</section>\n"
    }

    static func diagnostics(_ e: Evaluation) -> String {
        guard !e.diagnostics.isEmpty else { return "<section>\n<h2>Diagnostics</h2>\n<p>None.</p>\n</section>\n" }
        return "<section>\n<h2>Diagnostics</h2>\n<ul class=\"diagnostics\">\n"
            + e.diagnostics.map { "<li><code>\(HTMLText.escape($0.description))</code></li>\n" }.joined() + "</ul>\n</section>\n"
    }

    /// Text written for Markdown by `RankingMarkdown.escape` and friends (`code`, **bold**,
    /// backslash escapes, `&amp;`-style entities) as HTML, everything else escaped.
    static func inlineMarkdown(_ s: String) -> String {
        // Scalars, not Characters: every marker is ASCII, and grapheme breaking is slow.
        let scalars = Array(s.unicodeScalars)
        guard scalars.contains(where: { $0 == "`" || $0 == "*" || $0 == "\\" || $0 == "&" }) else { return HTMLText.escape(s) }
        var out = "", code = false, bold = false
        var k = 0
        while k < scalars.count {
            let ch = scalars[k]
            if ch == "`" {
                out += code ? "</code>" : "<code>"; code.toggle()
            } else if ch == "*", k + 1 < scalars.count, scalars[k + 1] == "*" {
                out += bold ? "</strong>" : "<strong>"; bold.toggle()
                k += 1
            } else if ch == "\\", k + 1 < scalars.count {
                out += HTMLText.escape(String(scalars[k + 1]))
                k += 1
            } else if ch == "&", let entity = ["&amp;", "&lt;", "&gt;"].first(where: { scalars[k...].starts(with: $0.unicodeScalars) }) {
                out += entity
                k += entity.unicodeScalars.count - 1
            } else {
                out += HTMLText.escape(String(ch))
            }
            k += 1
        }
        if code { out += "</code>" }
        if bold { out += "</strong>" }
        return out
    }

    /// Readable on a phone (charts keep a legible size and scroll sideways), printable on A4
    /// (headings stay with what follows, charts and rows are not split), colours with at least
    /// 4.5:1 contrast for text. Chart text has a white halo, so a label over a dark bubble keeps
    /// its contrast.
    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.45}
    main{max-width:72rem;margin:0 auto;padding:1rem}
    h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #bbb}
    code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
    pre{white-space:pre-wrap;background:#f3f3f3;padding:.5rem}
    .chart{width:100%;height:auto;max-width:860px;font-size:11px}
    .chart text{fill:#1a1a1a;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.axis line{stroke:#333}.quadrant line{stroke:#999;stroke-dasharray:4 4}.quadrant text{fill:#555;font-style:italic}
    .s0{fill:#9ecae1}.s1{fill:#6baed6}.s2{fill:#4292c6}.s3{fill:#2171b5}.s4{fill:#08519c}
    circle{stroke:#333;stroke-width:.6;fill-opacity:.85}circle.funded{stroke:#000;stroke-width:2.2}
    .density rect{fill:#555}.labels text{font-weight:600}
    .best{stroke:#08519c;stroke-width:2.5;fill:none}.bound{stroke:#555;stroke-width:1.5;stroke-dasharray:2 3;fill:none}
    .greedy{stroke:#c2410c;stroke-width:2;stroke-dasharray:8 4;fill:none}.capacity{stroke:#1a1a1a;stroke-width:1}
    .funded-bar{fill:#08519c}.backlog-bar{fill:#fff;stroke:#08519c;stroke-width:1.5}.floor{stroke:#c2410c;stroke-width:3}
    .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
    th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
    td.num{text-align:right;font-variant-numeric:tabular-nums}td.id{white-space:nowrap}tr.funded td:first-child{border-left:4px solid #08519c}
    summary{cursor:pointer}td.sure{min-width:6.5rem;font-size:.85rem}
    .bar{display:block;position:relative;height:.5rem;background:#e5e5e5;margin-top:.2rem}.bar .span{position:absolute;top:0;bottom:0;background:#4292c6}.bar .mid{position:absolute;top:-.15rem;bottom:-.15rem;width:2px;background:#1a1a1a}
    h2{break-after:avoid}.chart{break-inside:avoid}tr{break-inside:avoid}
    @media (max-width:760px){.chart{min-width:720px}}
    @media print{@page{size:A4;margin:12mm}main{max-width:none;padding:0}.scroll{overflow:visible}.chart{min-width:0}table{font-size:8pt}}
    """
}

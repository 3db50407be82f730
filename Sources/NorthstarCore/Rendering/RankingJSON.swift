/// Renders `ranking.json`, schema 1 (README: "Outputs"): the ranking in order, with every
/// item's factors and source, and the config digest. No timestamps: identical inputs give
/// identical bytes. The top level is indented; each item, objective and closed item is one
/// line, so a change to one item is a one-line diff in git and the file stays compact.
public enum RankingJSON {
    /// The schema version written in the file.
    public static let schema = 1

    /// The file's text.
    public static func render(_ e: Evaluation) -> String {
        String(decoding: bytes(e), as: UTF8.self)
    }

    /// The file's bytes.
    public static func bytes(_ e: Evaluation) -> [UInt8] {
        bytes(e, rows: ItemLines.render(e))
    }

    /// The file's bytes, with each ranked item's line assembled from `rows` (aligned with
    /// `e.ranked`, as `ItemLines.render(e)` gives them).
    public static func bytes(_ e: Evaluation, rows: [ItemLines]) -> [UInt8] {
        assembly(e, lines: .remembered(rows)).bytes
    }

    /// The file in pieces: the header, one line per ranked item (from `lines`), the closed items.
    public static func assembly(_ e: Evaluation, lines source: ItemLineSource) -> OutputAssembly {
        OutputAssembly(head: header(e), count: e.ranked.count, tail: trailer(e, closed: source.closedJSON), line: itemLine(e, from: source))
    }

    /// Everything before the first item line: schema, model, config digest, weights, summary,
    /// and the opening of `items`.
    static func header(_ e: Evaluation) -> [UInt8] {
        let c = e.config
        var w = JSONTextWriter(capacity: 4096)
        w.raw("{\n")
        topField(&w, "schema") { $0.number(schema) }
        topField(&w, "generator") { $0.string("northstar") }
        topField(&w, "model") { $0.string(c.model.rawValue) }
        topField(&w, "reach_scale") { $0.string(c.reachScale.rawValue) }
        topField(&w, "config_digest") { $0.string(c.scoringDigest) }
        topField(&w, "mission") { $0.string(c.mission) }
        topField(&w, "cost_unit") { $0.string(c.costUnit) }
        topField(&w, "default_confidence") { $0.number(c.defaultConfidence) }
        topField(&w, "capacity") { w in if let cap = c.capacity { w.number(cap) } else { w.raw("null") } }
        topArray(&w, "objectives", c.objectives) { w, o in
            w.open(0x7B); w.field("id", o.id); w.field("name", o.name); w.field("weight", o.weight); w.close(0x7D)
        }
        topField(&w, "equity") { w in
            w.open(0x7B)
            w.key("groups"); w.open(0x7B)
            for g in c.equity.groups.keys.sorted() { w.field(named: g, c.equity.groups[g] ?? 0) }
            w.close(0x7D)
            w.field("default", c.equity.defaultWeight)
            w.close(0x7D)
        }
        if let plan = e.plan { topField(&w, "plan") { planObject(plan, into: &$0) } }
        if let u = e.uncertainty {
            topField(&w, "uncertainty") { w in
                w.open(0x7B)
                w.field("draws", u.draws); w.field("seed", Int(u.seed)); w.field("distribution", "pert"); w.field("top", u.top)
                if u.rankDraws < u.draws { w.field("rank_draws", u.rankDraws) }
                if let proven = u.provenPlans { w.field("plans_proven", proven) }
                w.close(0x7D)
            }
        }
        topField(&w, "summary") { w in
            w.open(0x7B)
            w.field("ranked", e.ranked.count); w.field("closed", e.closed.count); w.field("files", e.fileCount)
            w.field("errors", e.errorCount); w.field("warnings", e.warningCount); w.field("stale", e.ranked.count(where: \.isStale))
            w.close(0x7D)
        }
        w.raw(e.ranked.isEmpty ? "  \"items\": []" : "  \"items\": [\n")
        return w.bytes
    }

    /// The plan: what it funds, how sure that is the best, the greedy comparison, shares,
    /// floors and the value-for-money frontier.
    static func planObject(_ plan: Plan, into w: inout JSONTextWriter) {
        w.open(0x7B)
        w.field("capacity", plan.capacity); w.field("cost", plan.totals.cost); w.field("value", plan.totals.value)
        w.field("funded", plan.totals.count); w.field("method", plan.method.rawValue); w.field("bound", plan.bound)
        w.key("greedy"); w.open(0x7B)
        w.field("value", plan.greedy.value); w.field("cost", plan.greedy.cost); w.field("funded", plan.greedy.count)
        w.close(0x7D)
        w.field("floor_cost", plan.floorCost)
        w.key("shares"); w.open(0x7B)
        for kind in [PlanFloor.Kind.groups, .objectives] {
            w.key(named: kind.rawValue); w.open(0x7B)
            for share in plan.shares where share.kind == kind {
                w.key(named: share.name); w.open(0x7B); w.field("funded", share.funded); w.field("backlog", share.backlog); w.close(0x7D)
            }
            w.close(0x7D)
        }
        w.close(0x7D)
        w.key("floors"); w.open(0x5B)
        for f in plan.floors {
            w.open(0x7B)
            w.field("floor", f.floor.label); w.field("share", f.floor.share); w.field("achieved", f.achieved)
            w.key("met"); w.bool(f.met)
            w.close(0x7D)
        }
        w.close(0x5D)
        w.key("excluded"); w.open(0x7B)
        for id in plan.excluded.keys.sorted() { w.field(named: id, plan.excluded[id]) }
        w.close(0x7D)
        w.key("frontier"); w.open(0x5B)
        for p in plan.frontier {
            w.open(0x7B); w.field("budget", p.budget); w.field("best", p.best); w.field("bound", p.bound); w.field("greedy", p.greedy); w.close(0x7D)
        }
        w.close(0x5D)
        w.close(0x7D)
    }

    /// How each ranked item's line is written: `{"rank": N, ` then its object without its
    /// opening brace, from remembered lines or rendered on the spot.
    static func itemLine(_ e: Evaluation, from source: ItemLineSource) -> (Int, inout [UInt8]) -> Void {
        let ranked = e.ranked
        let last = ranked.count - 1
        switch source {
        case .remembered(let rows, _):
            precondition(rows.count == ranked.count, "one set of rows per ranked item")
            let open = Array("    {\"rank\": ".utf8)
            return { index, bytes in
                bytes.append(contentsOf: open)
                NumberFormat.appendInteger(ranked[index].rank, to: &bytes)
                bytes.append(0x2C); bytes.append(0x20)
                rows[index].json.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0.dropFirst())) }
                ItemContext.appendJSON(index, id: rows[index].id, e, to: &bytes)
                if index < last { bytes.append(0x2C) }
                bytes.append(0x0A)
            }
        case .rendered:
            return { index, bytes in
                bytes.append(contentsOf: "    ".utf8)
                var item = JSONTextWriter(capacity: 1024)
                itemBody(ranked[index], rank: ranked[index].rank, into: &item)
                item.append(to: &bytes)
                ItemContext.appendJSON(index, id: ranked[index].item.id, e, to: &bytes)
                if index < last { bytes.append(0x2C) }
                bytes.append(0x0A)
            }
        }
    }

    /// Everything after the last item line: the closed items and the end of the document.
    /// `closed`, when given, is `closedPart(e.closed)` remembered from an earlier pass.
    static func trailer(_ e: Evaluation, closed: [UInt8]? = nil) -> [UInt8] {
        let part = closed ?? closedPart(e.closed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.count + 5)
        if !e.ranked.isEmpty { bytes += "  ]".utf8 }
        bytes += ",\n".utf8
        bytes += part
        return bytes
    }

    /// The closed items (done and dropped, by id) and the end of the document: the same for as
    /// long as those items are, so a long-running process keeps it between passes (at 10,000
    /// closed items it takes longer to write than the rest of the trailer's work).
    public static func closedPart(_ closed: [Item]) -> [UInt8] {
        var w = JSONTextWriter(capacity: 4096)
        topArray(&w, "closed", closed, last: true) { w, i in
            w.open(0x7B)
            w.field("id", i.id); w.field("title", i.title); w.field("status", i.status.rawValue); w.field("source", i.sourceReference)
            w.close(0x7D)
        }
        w.raw("}\n")
        return w.bytes
    }

    /// A top-level `"key": value` line.
    private static func topField(_ w: inout JSONTextWriter, _ key: String, last: Bool = false, _ value: (inout JSONTextWriter) -> Void) {
        w.raw("  ")
        w.raw("\"\(key)\": ")
        value(&w)
        w.raw(last ? "\n" : ",\n")
    }

    /// A top-level array, one element per line.
    private static func topArray<T>(_ w: inout JSONTextWriter, _ key: String, _ values: [T], last: Bool = false,
                                    _ line: (inout JSONTextWriter, T) -> Void) {
        w.raw("  \"\(key)\": [")
        if values.isEmpty {
            w.raw("]")
        } else {
            w.raw("\n")
            for (i, v) in values.enumerated() {
                w.raw("    ")
                line(&w, v)
                w.raw(i == values.count - 1 ? "\n" : ",\n")
            }
            w.raw("  ]")
        }
        w.raw(last ? "\n" : ",\n")
    }

    /// The item's object without its rank: `{"id": ..., ..., "source": "..."}`.
    static func itemBody(_ r: RankedItem) -> [UInt8] {
        var w = JSONTextWriter(capacity: 768)
        itemBody(r, into: &w)
        return w.bytes
    }

    /// The item's object, with `"rank"` first when one is given.
    static func itemBody(_ r: RankedItem, rank: Int? = nil, into w: inout JSONTextWriter) {
        let i = r.item
        w.open(0x7B)
        if let rank { w.field("rank", rank) }
        w.field("id", i.id)
        w.field("title", i.title)
        w.field("status", i.status.rawValue)
        w.field("score", r.scored.score)
        w.field("value", r.scored.value)
        w.field("cost", r.scored.cost)
        if r.isStale { w.key("stale"); w.bool(true) }
        w.key("factors")
        factors(r.scored.factors, into: &w)
        switch i.need {
        case .uniform(let e): w.field("need", e.point)
        case .perGroup(let m):
            w.key("need"); w.open(0x7B)
            for g in m.keys.sorted() { w.field(named: g, m[g]?.point ?? 0) }
            w.close(0x7D)
        case nil: break
        }
        w.field("reach_total", i.totalReach)
        let ranges = ranges(of: i)
        if !ranges.isEmpty {
            w.key("ranges"); w.open(0x7B)
            for (name, e) in ranges {
                w.key(named: name); w.open(0x7B)
                w.field("low", e.low)
                if let likely = e.likely { w.field("likely", likely) }
                w.field("high", e.high)
                w.close(0x7D)
            }
            w.close(0x7D)
        }
        w.key("depends_on"); w.open(0x5B); for d in i.dependsOn { w.string(d) }; w.close(0x5D)
        w.key("tags"); w.open(0x5B); for t in i.tags { w.string(t) }; w.close(0x5D)
        w.field("owner", i.owner)
        w.field("source", i.sourceReference)
        w.close(0x7D)
    }

    static func factors(_ factors: Factors, into w: inout JSONTextWriter) {
        w.open(0x7B)
        factors.appendJSON(to: &w)
        w.close(0x7D)
    }

    /// Every estimate the author wrote as a range, by field path.
    static func ranges(of i: Item) -> [(String, Estimate)] {
        guard i.hasRanges else { return [] }
        var out: [(String, Estimate)] = []
        func add(_ name: String, _ e: Estimate?) { if let e, e.isRange { out.append((name, e)) } }
        switch i.need {
        case .uniform(let e): add("need", e)
        case .perGroup(let m): for g in m.keys.sorted() { add("need.\(g)", m[g]) }
        case nil: break
        }
        for (g, e) in i.reach { add("reach.\(g)", e) }
        add("confidence", i.confidence); add("cost", i.cost)
        for field in ScoringModelKind.modelFieldNames { add(field, i.modelInputs[field]) }
        return out
    }
}

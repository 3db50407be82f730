/// Renders `ranking.json`, schema 1 (SPEC section 7): the ranking in order, with every
/// item's factors and source, and the config digest. No timestamps: identical inputs give
/// identical bytes.
public enum RankingJSON {
    /// The schema version written in the file.
    public static let schema = 1

    /// The file's text.
    public static func render(_ evaluation: Evaluation) -> String {
        document(evaluation).rendered() + "\n"
    }

    /// The document as a JSON value.
    public static func document(_ e: Evaluation) -> JSONValue {
        let c = e.config
        let stale = e.ranked.filter(\.isStale).count
        return .object([
            ("schema", .number(Double(schema))),
            ("generator", .string("northstar")),
            ("model", .string(c.model.rawValue)),
            ("reach_scale", .string(c.reachScale.rawValue)),
            ("config_digest", .string(c.scoringDigest)),
            ("mission", .string(c.mission)),
            ("cost_unit", .string(c.costUnit)),
            ("default_confidence", .number(c.defaultConfidence)),
            ("capacity", c.capacity.map { .number($0) } ?? .null),
            ("objectives", .array(c.objectives.map { o in
                .object([("id", .string(o.id)), ("name", .string(o.name)), ("weight", .number(o.weight))])
            })),
            ("equity", .object([
                ("groups", .object(c.equity.groups.keys.sorted().map { ($0, .number(c.equity.groups[$0] ?? 0)) })),
                ("default", .number(c.equity.defaultWeight)),
            ])),
            ("summary", .object([
                ("ranked", .number(Double(e.ranked.count))),
                ("closed", .number(Double(e.closed.count))),
                ("files", .number(Double(e.fileCount))),
                ("errors", .number(Double(e.errorCount))),
                ("warnings", .number(Double(e.warningCount))),
                ("stale", .number(Double(stale))),
            ])),
            ("items", .array(e.ranked.map(item))),
            ("closed", .array(e.closed.map { i in
                .object([("id", .string(i.id)), ("title", .string(i.title)), ("status", .string(i.status.rawValue)), ("source", .string(i.sourceReference))])
            })),
        ])
    }

    static func item(_ r: RankedItem) -> JSONValue {
        let i = r.item
        var pairs: [(String, JSONValue)] = [
            ("rank", .number(Double(r.rank))),
            ("id", .string(i.id)),
            ("title", .string(i.title)),
            ("status", .string(i.status.rawValue)),
            ("score", .number(r.scored.score)),
            ("value", .number(r.scored.value)),
            ("cost", .number(r.scored.cost)),
        ]
        if r.isStale { pairs.append(("stale", .bool(true))) }
        pairs.append(("factors", factors(r.scored.factors)))
        switch i.need {
        case .uniform(let e): pairs.append(("need", .number(e.point)))
        case .perGroup(let m): pairs.append(("need", .object(m.keys.sorted().map { ($0, .number(m[$0]?.point ?? 0)) })))
        case nil: break
        }
        pairs.append(("reach_total", .number(i.totalReach)))
        let ranges = ranges(of: i)
        if !ranges.isEmpty { pairs.append(("ranges", .object(ranges))) }
        pairs.append(("depends_on", .array(i.dependsOn.map { .string($0) })))
        pairs.append(("tags", .array(i.tags.map { .string($0) })))
        pairs.append(("owner", .string(i.owner)))
        pairs.append(("source", .string(i.sourceReference)))
        return .object(pairs)
    }

    static func factors(_ factors: Factors) -> JSONValue {
        switch factors {
        case .impact(let f):
            return .object([
                ("alignment", .number(f.alignment)),
                ("objectives", .object(f.objectiveParts.filter { $0.contribution > 0 }.map { p in
                    (p.objective, .object([("weight", .number(p.weight)), ("contribution", .number(p.contribution)), ("part", .number(p.part))]))
                })),
                ("weighted_need_reach", .number(f.weightedNeedReach)),
                ("groups", .object(f.groupParts.map { g in
                    (g.group, .object([("reach", .number(g.reach)), ("need", .number(g.need)), ("equity", .number(g.equity)), ("part", .number(g.part))]))
                })),
                ("impact", .number(f.impact)),
                ("confidence", .number(f.confidence)),
                ("confidence_source", .string(f.confidenceIsDefault ? "default" : "item")),
            ])
        case .rice(let f):
            return .object([("reach", .number(f.reach)), ("impact", .number(f.impact)), ("confidence", .number(f.confidence)), ("effort", .number(f.effort))])
        case .wsjf(let f):
            return .object([("business_value", .number(f.businessValue)), ("time_criticality", .number(f.timeCriticality)), ("risk_reduction", .number(f.riskReduction)), ("job_size", .number(f.jobSize))])
        }
    }

    /// Every estimate the author wrote as a range, by field path.
    static func ranges(of i: Item) -> [(String, JSONValue)] {
        var out: [(String, Estimate)] = []
        func add(_ name: String, _ e: Estimate?) { if let e, e.isRange { out.append((name, e)) } }
        switch i.need {
        case .uniform(let e): add("need", e)
        case .perGroup(let m): for g in m.keys.sorted() { add("need.\(g)", m[g]) }
        case nil: break
        }
        for g in i.reach.keys.sorted() { add("reach.\(g)", i.reach[g]) }
        add("confidence", i.confidence); add("cost", i.cost); add("effort", i.effort)
        add("business_value", i.businessValue); add("time_criticality", i.timeCriticality)
        add("risk_reduction", i.riskReduction); add("job_size", i.jobSize)
        return out.map { name, e in
            var fields: [(String, JSONValue)] = [("low", .number(e.low))]
            if let likely = e.likely { fields.append(("likely", .number(likely))) }
            fields.append(("high", .number(e.high)))
            return (name, .object(fields))
        }
    }
}

/// The fields of the config file (README: "The config"): what `ConfigLoader` reads, with the
/// bounds it checks, and what `northstar schema` tells editors. The loader's known keys for the
/// file and each section are this table's names; its checks are these rules.
public enum ConfigFields {
    /// An objective's weight: 0 or more (at least one must be above 0).
    public static let objectiveWeight = NumberRule.nonNegative()
    /// A beneficiary group's equity weight, and the default one: more than 0.
    public static let equityWeight = NumberRule.positive()
    /// The confidence of items that give none, 0 to 1.
    public static let defaultConfidence = NumberRule.between(0, 1)
    /// The budget per planning period, in cost units.
    public static let capacity = NumberRule.positive(max: 1e15)
    /// A plan floor: a share of the funded value, more than 0, at most 1.
    public static let floor = NumberRule(minimum: 0, minimumExcluded: true, maximum: 1, wording: .limits, note: nil)
    /// Rows of a capped table.
    public static let maxRows = NumberRule.whole(1, 1_000_000)
    /// The quiet time that settles a burst of file events, in milliseconds.
    public static let settle = NumberRule.between(0, 60_000)
    /// The longest a burst may delay a recomputation, in milliseconds.
    public static let maxDelay = NumberRule.between(0, 600_000)
    /// The largest backlog file read, in bytes.
    public static let maxFileBytes = NumberRule.between(1024, Double(1 << 31))
    /// Draws of the uncertainty analysis (0: off).
    public static let draws = NumberRule.whole(0, 100_000)
    /// The draws' seed: up to 2^53, so every one is a YAML number read exactly.
    public static let seed = NumberRule.whole(0, 9_007_199_254_740_992)
    /// How many top items the weight sensitivity covers.
    public static let top = NumberRule.whole(1, 10_000)

    /// An objective written as a mapping.
    public static let objectiveTable = FieldTable([
        FieldSpec("weight", .number(objectiveWeight), "How much the objective counts against the others", required: true),
        FieldSpec("name", .text, "Its name for people"),
        FieldSpec("metric", .text, "How progress on it is measured"),
    ])

    /// An objective: its weight, or {weight, name, metric}.
    static let objective = FieldShape.either([.number(objectiveWeight), .object(objectiveTable)])

    /// The config's sections, in the README's order. An unknown top-level key is an error.
    public static let table = FieldTable([
        FieldSpec("mission", .nullable(.text), "The organisation's mission, in a sentence"),
        FieldSpec("backlog", .text, "The backlog folder, relative to this file (default backlog)"),
        FieldSpec("output", .text, "The output folder, relative to this file (default rankings)"),
        FieldSpec("cost_unit", .text, "The unit of every cost (person-weeks, pounds...)"),
        FieldSpec("objectives", .map(objective),
                  "Mission objective id -> {weight, name, metric}, or just its weight; at least one with a weight above 0", required: true),
        FieldSpec("equity", .object(FieldTable([
            FieldSpec("groups", .map(.number(equityWeight)), "Beneficiary group id -> how much one person reached counts"),
            FieldSpec("default", .number(equityWeight), "The weight of groups not listed (default 1)"),
        ])), "How much one person reached counts, by beneficiary group"),
        FieldSpec("scoring", .object(FieldTable([
            FieldSpec("model", .choice(ScoringModelKind.allCases.map(\.rawValue)), "The scoring formula (default impact)"),
            FieldSpec("reach_scale", .choice(ReachScale.allCases.map(\.rawValue)), "How weighted need-reach grows: linear, sqrt or log"),
            FieldSpec("default_confidence", .number(defaultConfidence), "The confidence of items that give none, 0..1"),
            FieldSpec("dependencies", .choice(DependencyOrder.allCases.map(\.rawValue)),
                      "ignore, or inherit: a blocker is ordered right before what it unblocks"),
        ])), "The scoring model and its settings"),
        FieldSpec("capacity", .nullable(.number(capacity)), "Budget per planning period, in cost units: turns on the plan"),
        FieldSpec("plan", .object(FieldTable([
            FieldSpec("floors", .object(FieldTable([
                FieldSpec("groups", .map(.number(floor)), "Beneficiary group -> least share of the funded value (0.10 for 10%)"),
                FieldSpec("objectives", .map(.number(floor)), "Objective -> least share of the funded value"),
            ])), "Least shares of the funded value per group or objective"),
        ])), "Rules for the budget plan"),
        FieldSpec("formats", .nullable(.list(.choice(OutputFormat.allCases.map(\.rawValue)))), "The outputs written (default all)"),
        FieldSpec("watch", .object(FieldTable([
            FieldSpec("settle_ms", .number(settle), "Quiet time that settles a burst of changes (default 150)"),
            FieldSpec("max_delay_ms", .number(maxDelay), "Longest a burst may delay a recomputation (default 2000)"),
        ])), "How the daemon settles bursts of file events"),
        FieldSpec("limits", .object(FieldTable([
            FieldSpec("max_file_bytes", .number(maxFileBytes), "Largest backlog file read, in bytes (default 1048576)"),
        ])), "Limits on what is read"),
        FieldSpec("metrics_path", .text, "Where to write Prometheus metrics (none without it)"),
        FieldSpec("markdown", .object(FieldTable([
            FieldSpec("max_rows", .number(maxRows), "Rows in RANKING.md's table (default 500)"),
        ])), "RANKING.md"),
        FieldSpec("report", .object(FieldTable([
            FieldSpec("max_rows", .number(maxRows), "Rows in report.html's table (default 500)"),
        ])), "report.html"),
        FieldSpec("uncertainty", .object(FieldTable([
            FieldSpec("draws", .number(draws), "Draws over the estimates' ranges (default 1000; 0 turns the analysis off)"),
            FieldSpec("seed", .number(seed), "The draws' seed: the same seed, the same figures (default 1)"),
            FieldSpec("top", .number(top), "How many top items the weight sensitivity covers (default 10)"),
        ])), "How sure the ranking is"),
    ], closed: true)
}

/// The plan in words, the same wherever it is shown: `RANKING.md`'s summary, `explain`, the
/// daemon's log line and `STATUS=`.
public enum PlanText {
    /// `40 person-weeks`.
    static func amount(_ x: Double, _ config: Config) -> String {
        NumberFormat.quantity(NumberFormat.human(x), x, config.costUnit)
    }

    /// How sure the plan is the best: "the best possible plan" or "within 0.02% of the best
    /// possible value".
    public static func certainty(_ plan: Plan) -> String {
        guard plan.method == .bounded else { return "the best possible plan (proven)" }
        let percent = plan.gap * 100
        // "within 0.001%" also covers anything closer: the bound is what is proven.
        let within = percent < 0.001 ? "0.001%" : "\(NumberFormat.human(percent, digits: percent < 0.01 ? 4 : 2))%"
        return "within \(within) of the best possible value (\(NumberFormat.human(plan.bound, digits: 0)) is the proven bound)"
    }

    /// What optimising gains over funding down the list by score.
    public static func gain(_ plan: Plan) -> String {
        let g = plan.greedy
        guard g.value > 0 else { return "funding down the list by score funds nothing" }
        let more = (plan.totals.value / g.value - 1) * 100
        let list = "funding down the list by score (\(NumberFormat.human(g.value, digits: 0)) for \(NumberFormat.count(g.count, "item")))"
        if more > 0.05 { return "\(NumberFormat.human(more, digits: 1))% more than \(list)" }
        if more < -0.05 { return "\(NumberFormat.human(-more, digits: 1))% less than \(list), which ignores the floors" }
        return "the same as \(list)"
    }

    /// One line: "13 of 30 items funded, 40 of 40 person-weeks".
    public static func headline(_ plan: Plan, ranked: Int, config: Config) -> String {
        "\(NumberFormat.human(Double(plan.totals.count), digits: 0)) of \(NumberFormat.count(ranked, "item")) funded, \(NumberFormat.human(plan.totals.cost)) of \(amount(plan.capacity, config))"
    }

    /// The headline with what the plan is worth, what that gains, and how sure it is: the line
    /// `rank` prints after "plan: ".
    public static func summary(_ plan: Plan, ranked: Int, config: Config) -> String {
        "\(headline(plan, ranked: ranked, config: config)), worth \(NumberFormat.human(plan.totals.value, digits: 0)) — \(gain(plan)); \(certainty(plan))"
    }

    /// A floor and how the plan does on it.
    public static func floor(_ f: Plan.FloorOutcome) -> String {
        let kind = f.floor.kind == .groups ? "group" : "objective"
        let asked = "at least \(NumberFormat.human(f.floor.share * 100, digits: 1))% of the funded value to \(kind) '\(f.floor.name)'"
        guard f.met else { return "\(asked): cannot be met within the capacity, so the plan leaves it out" }
        return "\(asked): \(NumberFormat.human(f.achieved * 100, digits: 1))%, met"
    }

    /// `RANKING.md`'s plan summary, a block quote under the title line.
    public static func markdownSummary(_ plan: Plan, ranked: Int, config: Config) -> String {
        let escape = RankingMarkdown.escape
        var out = "> **Plan** for a capacity of \(escape(amount(plan.capacity, config))): \(escape(headline(plan, ranked: ranked, config: config))) (✔ in the table), worth \(NumberFormat.human(plan.totals.value, digits: 0)) — \(escape(gain(plan))); \(escape(certainty(plan))).\n"
        if plan.floorCost > 0 {
            out += ">\n> The floors cost \(NumberFormat.human(plan.floorCost, digits: 0)) of value against the best plan without them.\n"
        }
        for f in plan.floors { out += ">\n> - Floor: \(escape(floor(f)))\n" }
        if !plan.excluded.isEmpty {
            // A forge must still render the file when thousands can never be funded.
            let ids = plan.excluded.keys.sorted()
            let listed = ids.prefix(20).map { "\(escape($0)) (\(escape(plan.excluded[$0] ?? "")))" }.joined(separator: "; ")
            out += ">\n> Never funded: \(listed)\(ids.count > 20 ? "; and \(ids.count - 20) more (all in `ranking.json`, `plan.excluded`)" : "").\n"
        }
        return out + "\n"
    }
}

import Foundation
import NorthstarProbe

/// Writes realistic, deterministic backlogs for the benchmarks: the same seed and shape give
/// the same bytes. Items have 1-3 objectives and 1-4 beneficiary groups, a fifth of the
/// estimates are ranges, about a third depend on earlier items, and statuses are mixed.
struct CorpusGenerator {
    /// The size of a corpus.
    struct Shape {
        var name: String
        var teams: Int
        var filesPerTeam: Int
        var itemsPerFile: Int
        var items: Int { teams * filesPerTeam * itemsPerFile }
        var files: Int { teams * filesPerTeam }

        static let tiny = Shape(name: "tiny", teams: 2, filesPerTeam: 10, itemsPerFile: 3)
        static let team = Shape(name: "team", teams: 1, filesPerTeam: 200, itemsPerFile: 5)
        static let org = Shape(name: "org", teams: 50, filesPerTeam: 200, itemsPerFile: 10)

        static func named(_ name: String) -> Shape? { [tiny, team, org].first { $0.name == name } }
    }

    static let objectives = ["food-security", "nutrition", "dignified-access", "resilience", "digital-inclusion"]
    static let groups = ["low-income", "disabled", "refugees", "rural", "older-people", "general"]
    static let areas = ["pantry", "delivery", "nutrition", "advice", "digital", "volunteers", "partnerships", "housing"]
    static let verbs = ["Pilot", "Expand", "Fix", "Launch", "Automate", "Translate", "Train staff for", "Partner on"]
    static let nouns = ["pickup reminders", "home delivery", "referral form", "cold storage", "benefits desk", "volunteer rota",
                        "allergen labels", "school lunches", "interpreting", "surplus collection", "outreach van", "booking system"]

    let shape: Shape
    let seed: Int

    /// The config the corpus is ranked with: a capacity of about a tenth of the open items'
    /// cost, so every pass plans.
    var config: String {
        """
        mission: Benchmark corpus \(shape.name) (seed \(seed)).
        backlog: backlog
        output: out
        cost_unit: person-weeks
        objectives:
          food-security: {weight: 3}
          nutrition: {weight: 2}
          dignified-access: {weight: 2}
          resilience: {weight: 1}
          digital-inclusion: {weight: 1}
        equity:
          groups: {low-income: 2.0, disabled: 2.0, refugees: 2.0, rural: 1.5, older-people: 1.5, general: 1.0}
          default: 1.0
        scoring: {model: impact, reach_scale: linear, default_confidence: 0.5}
        capacity: \(shape.items * 94 / 100)
        formats: [json, csv, markdown, html]

        """
    }

    /// The relative path of file `f` of team `t`.
    func path(team t: Int, file f: Int) -> String {
        let area = Self.areas[f % Self.areas.count]
        return shape.teams == 1 ? "backlog/\(area)/items-\(f).yaml" : "backlog/team-\(t)/\(area)/items-\(f).yaml"
    }

    /// The text of file `f` of team `t`; `revision` changes the reach figures (for edits).
    func file(team t: Int, file f: Int, revision: Int = 0) -> String {
        var rng = SplitMix64(seed: UInt64(bitPattern: Int64(seed)) &+ UInt64(t) &* 1_000_003 &+ UInt64(f) &* 7919)
        var out = "items:\n"
        for i in 0..<shape.itemsPerFile {
            let n = f * shape.itemsPerFile + i
            let id = shape.teams == 1 ? "T-\(n)" : "T\(t)-\(n)"
            out += "  - id: \(id)\n"
            out += "    title: \(Self.verbs[rng.below(Self.verbs.count)]) \(Self.nouns[rng.below(Self.nouns.count)]) \(n)\n"
            let roll = rng.below(100)
            if roll < 7 { out += "    status: done\n" } else if roll < 10 { out += "    status: dropped\n" } else if roll < 15 { out += "    status: in-progress\n" }
            out += "    objectives: {"
            var objectiveIndexes = Set<Int>()
            for _ in 0..<(1 + rng.below(3)) { objectiveIndexes.insert(rng.below(Self.objectives.count)) }
            out += objectiveIndexes.sorted().map { "\(Self.objectives[$0]): \(Double(1 + rng.below(10)) / 10)" }.joined(separator: ", ") + "}\n"
            out += "    need: \(estimate(&rng, 1, 5, integral: true))\n"
            out += "    reach:\n"
            var groupIndexes = Set<Int>()
            for _ in 0..<(1 + rng.below(4)) { groupIndexes.insert(rng.below(Self.groups.count)) }
            for g in groupIndexes.sorted() {
                let base = 20 + rng.below(2000) + revision * 37
                out += "      \(Self.groups[g]): \(rangeOr(&rng, Double(base)))\n"
            }
            out += "    confidence: \(estimate(&rng, 0.2, 0.95, integral: false))\n"
            out += "    cost: \(estimate(&rng, 1, 20, integral: true))\n"
            if n > 0, rng.below(3) == 0 {
                let dep = rng.below(n)
                out += "    depends_on: [\(shape.teams == 1 ? "T-\(dep)" : "T\(t)-\(dep)")]\n"
            }
            out += "    tags: [\(Self.areas[f % Self.areas.count]), bench]\n"
        }
        return out
    }

    private func estimate(_ rng: inout SplitMix64, _ low: Double, _ high: Double, integral: Bool) -> String {
        func value() -> Double {
            let x = low + Double(rng.below(1000)) / 1000 * (high - low)
            return integral ? x.rounded() : (x * 100).rounded() / 100
        }
        let a = value()
        guard rng.below(5) == 0 else { return format(a) }
        let b = value()
        let (lo, hi) = (min(a, b), max(a, b))
        return "{low: \(format(lo)), likely: \(format(integral ? ((lo + hi) / 2).rounded() : ((lo + hi) / 2 * 100).rounded() / 100)), high: \(format(hi))}"
    }

    private func rangeOr(_ rng: inout SplitMix64, _ x: Double) -> String {
        guard rng.below(5) == 0 else { return format(x) }
        return "{low: \(format((x * 0.6).rounded())), likely: \(format(x)), high: \(format((x * 1.5).rounded()))}"
    }

    private func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    /// Writes the whole corpus under `root` (replacing what was there).
    func write(to root: String) throws {
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try config.write(toFile: root + "/northstar.yaml", atomically: false, encoding: .utf8)
        for t in 0..<shape.teams {
            for f in 0..<shape.filesPerTeam {
                let p = root + "/" + path(team: t, file: f)
                try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try file(team: t, file: f).write(toFile: p, atomically: false, encoding: .utf8)
            }
        }
    }
}

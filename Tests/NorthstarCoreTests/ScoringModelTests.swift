import Testing
import Foundation
@testable import NorthstarCore

/// A fourth model, written here as a team would add one: one type conforming to
/// `ScoringModel`. Nothing else in Northstar names it, yet it ranks, explains and renders.
private struct PeoplePerCostModel: ScoringModel {
    var name: String { "people-per-cost" }
    var itemFields: [ModelField] { [] }

    func score(_ item: Item, context: ScoringContext) -> ScoredItem {
        let reach = item.totalReach, cost = item.cost?.point ?? 1
        return ScoredItem(item: item, value: reach, cost: cost, score: reach / cost,
                          factors: .figures(ModelFigures(model: name, ["reach": reach, "cost": cost])))
    }

    func missingInputs(_ item: Item) -> [String] { item.reach.isEmpty ? ["reach"] : [] }
    func formulaMarkdown(_ config: Config) -> String { "**Score** = people reached ÷ cost.\n" }
    func explainFormula(_ s: ScoredItem, config: Config) -> String { "score = reach ÷ cost = \(NumberFormat.human(s.score, digits: 2))\n" }

    func comparisons(_ top: ScoredItem, over bottom: ScoredItem, config: Config) -> (factors: [FactorComparison], extras: [String])? {
        guard case .figures(let a) = top.factors, case .figures(let b) = bottom.factors else { return nil }
        return ([FactorComparison(name: "reach", higher: a["reach"], lower: b["reach"], moreIsBetter: true)], [])
    }
}

@Suite("Scoring models")
struct ScoringModelTests {
    @Test("a model defined outside the core ranks, explains and renders through the protocol alone")
    func fourthModel() throws {
        var config = Fixtures.config()
        config.model = ScoringModelKind(PeoplePerCostModel())
        let e = Fixtures.evaluate([
            ("a.yaml", "id: A\nreach: 100\ncost: 4\n"),
            ("b.yaml", "id: B\nreach: 300\ncost: 2\n"),
            ("c.yaml", "id: C\ncost: 2\n"),
        ], config: config)
        #expect(e.ranked.map(\.item.id) == ["B", "A"])
        #expect(e.diagnostics.map(\.code) == [.missingField])
        let explained = try #require(Explanation.render("A", in: e))
        #expect(explained.contains("score = reach ÷ cost = 25\n"))
        #expect(explained.contains("higher reach: 300 vs 100 (×3)"))
        let markdown = RankingMarkdown.render(e)
        #expect(markdown.contains("ranked by the `people-per-cost` model ·"))
        #expect(markdown.contains("**Score** = people reached ÷ cost."))
        let json = String(decoding: RankingJSON.bytes(e), as: UTF8.self)
        #expect(json.contains("\"factors\": {\"reach\": 300, \"cost\": 2}"))
    }

    @Test("the impact model's explanation shows each figure: names in a column, no objective said so, each reach scale", arguments: [
        (ReachScale.linear, "A", """
        score = alignment × impact × confidence ÷ cost
              = 0.375 × 142 × 0.5 ÷ 1 person-week
              = 26.63

        alignment = Σ objective weight × contribution ÷ total weight (4)
          food  3 × 0.5 ÷ 4 = 0.375
          total  = 0.375

        weighted need-reach = Σ people reached × need × equity weight
          kids  36 × 4 × 1 = 142
          total  = 142

        impact = weighted need-reach = 142 (reach scale linear)
        confidence = 0.5 (the config's default: the item states none)
        cost = 1 person-week

        """),
        (.sqrt, "B", """
        score = alignment × impact × confidence ÷ cost
              = 0 × 60.25 × 0.8 ÷ 3 person-weeks
              = 0

        alignment = Σ objective weight × contribution ÷ total weight (4)
          (contributes to no configured objective)
          total       = 0

        weighted need-reach = Σ people reached × need × equity weight
          low-income  3 × 5 × 2 = 30
          rural       1,200 × 2 × 1.5 = 3,600
          total       = 3,630

        impact = √3,630 = 60.25 (reach scale sqrt)
        confidence = 0.8
        cost = 3 person-weeks

        """),
        (.log, "A", """
        score = alignment × impact × confidence ÷ cost
              = 0.375 × 4.96 × 0.5 ÷ 1 person-week
              = 0.93

        alignment = Σ objective weight × contribution ÷ total weight (4)
          food  3 × 0.5 ÷ 4 = 0.375
          total  = 0.375

        weighted need-reach = Σ people reached × need × equity weight
          kids  36 × 4 × 1 = 142
          total  = 142

        impact = ln(1 + 142) = 4.9628 (reach scale log)
        confidence = 0.5 (the config's default: the item states none)
        cost = 1 person-week

        """),
    ])
    func impactFormula(scale: ReachScale, id: String, expected: String) throws {
        var config = Fixtures.config(scale: scale)
        config.costUnit = "person-weeks"
        let e = Fixtures.evaluate([
            ("a.yaml", "id: A\nobjectives: {food: 0.5}\nneed: 4\nreach: {kids: 35.5}\ncost: 1\n"),
            ("b.yaml", "id: B\nneed: {rural: 2, low-income: 5}\nreach: {rural: 1200, low-income: 3}\nconfidence: 0.8\ncost: {low: 2, high: 4}\n"),
        ], config: config)
        let scored = try #require(e.ranked.first { $0.item.id == id }).scored
        #expect(Explanation.formula(scored, config: config) == expected)
    }

    @Test("every registered model is found by its name, and its fields are known item fields", arguments: ScoringModelKind.registered)
    func registered(_ kind: ScoringModelKind) {
        #expect(ScoringModelKind(rawValue: kind.rawValue) == kind)
        for field in kind.model.itemFields { #expect(BacklogFileLoader.knownFields.contains(field.name)) }
    }

    @Test("model inputs keep one estimate per field, and a range in any of them is a range of the item")
    func modelInputs() {
        var inputs = ModelInputs()
        inputs["effort"] = Estimate(2)
        inputs["effort"] = Estimate(3)
        inputs["impact"] = Estimate(1)
        #expect(inputs["effort"] == Estimate(3))
        #expect(!inputs.hasRanges)
        inputs["job_size"] = Estimate(low: 1, likely: nil, high: 5)
        #expect(inputs.hasRanges)
        inputs["job_size"] = nil
        #expect(inputs["job_size"] == nil && !inputs.hasRanges)
    }
}

@Suite("The README's formulas")
struct ReadmeFormulaTests {
    /// The repository's README, found from this file's place in `Tests/NorthstarCoreTests/`.
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    @Test("the README lists every registered model's formula as RANKING.md writes it", arguments: ScoringModelKind.registered)
    func formula(_ kind: ScoringModelKind) throws {
        var config = Fixtures.config()
        config.costUnit = "person-weeks"
        config.model = kind
        let line = "- `\(kind.rawValue)`\(kind == .impact ? " (the default)" : ""): " + kind.formulaMarkdown(config)
        #expect(Self.readme.contains(line), "README lacks: \(line)")
    }
}

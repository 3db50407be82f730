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

import Testing
@testable import NorthstarCore

func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

@Suite("Scoring models on hand-computed cases")
struct ScoringTests {
    /// alignment = (3·0.8 + 1·0.4) / 4 = 0.7; weighted need-reach = 100·4·2 + 200·4·1.5 = 2000.
    static let item = """
        id: H
        objectives: {food: 0.8, digital: 0.4}
        need: 4
        reach: {low-income: 100, rural: 200}
        confidence: 0.5
        cost: 2
        impact: 2
        effort: 4
        business_value: 8
        time_criticality: 5
        risk_reduction: 3
        job_size: 4
        """

    func scored(_ config: Config, _ yaml: String = item) throws -> ScoredItem {
        let file = Fixtures.parse(yaml)
        #expect(file.diagnostics.isEmpty)
        return Scoring.score(try #require(file.items.first), config: config)
    }

    @Test("impact, by reach scale", arguments: [
        // scale, impact, score
        (ReachScale.linear, 2000.0, 350.0),          // 0.7 · 2000 · 0.5 / 2
        (ReachScale.sqrt, 44.721359549995796, 7.826237921249264),   // 0.7 · √2000 · 0.5 / 2
        (ReachScale.log, 7.601402334583733, 1.3302454085521533),    // 0.7 · ln 2001 · 0.5 / 2
    ])
    func impact(scale: ReachScale, impact: Double, score: Double) throws {
        let s = try scored(Fixtures.config(scale: scale))
        guard case .impact(let f) = s.factors else { Issue.record("wrong factors"); return }
        #expect(close(f.alignment, 0.7))
        #expect(close(f.weightedNeedReach, 2000))
        #expect(close(f.impact, impact))
        #expect(f.confidence == 0.5)
        #expect(s.cost == 2)
        #expect(close(s.score, score))
        #expect(close(s.value, s.score * 2))
    }

    @Test("impact keeps the per-objective and per-group parts")
    func parts() throws {
        let s = try scored(Fixtures.config())
        guard case .impact(let f) = s.factors else { Issue.record("wrong factors"); return }
        #expect(f.objectiveParts == [
            ObjectivePart(objective: "digital", weight: 1, contribution: 0.4, part: 0.1),
            ObjectivePart(objective: "food", weight: 3, contribution: 0.8, part: 0.6000000000000001),
        ])
        #expect(f.groupParts == [
            GroupPart(group: "low-income", reach: 100, need: 4, equity: 2, part: 800),
            GroupPart(group: "rural", reach: 200, need: 4, equity: 1.5, part: 1200),
        ])
    }

    @Test("missing confidence takes the config default; unknown groups the default equity")
    func defaults() throws {
        var config = Fixtures.config()
        config.defaultConfidence = 0.25
        config.equity.defaultWeight = 3
        let s = try scored(config, "id: D\nobjectives: {food: 1}\nneed: 2\nreach: {elsewhere: 10}\ncost: 1\n")
        guard case .impact(let f) = s.factors else { Issue.record("wrong factors"); return }
        #expect(f.confidence == 0.25 && f.confidenceIsDefault)
        #expect(f.weightedNeedReach == 60)             // 10 · 2 · 3
        #expect(close(s.score, 0.75 * 60 * 0.25))      // alignment 3/4
    }

    @Test("ranges score at likely, else the midpoint")
    func rangePoints() throws {
        let s = try scored(Fixtures.config(), "id: R\nobjectives: {food: 1, digital: 1}\nneed: {low: 2, high: 4}\nreach: {low: 0, likely: 10, high: 100}\nconfidence: 1\ncost: {low: 1, high: 3}\n")
        #expect(close(s.score, 1 * (10 * 3 * 1) * 1 / 2))
    }

    @Test("rice: reach · impact · confidence / effort")
    func rice() throws {
        let s = try scored(Fixtures.config(model: .rice))
        #expect(s.factors == .figures(ModelFigures(model: "rice", ["reach": 300, "impact": 2, "confidence": 0.5, "effort": 4])))
        #expect(close(s.score, 75))                    // 300 · 2 · 0.5 / 4
    }

    @Test("wsjf: cost of delay / job size, falling back to cost")
    func wsjf() throws {
        #expect(close(try scored(Fixtures.config(model: .wsjf)).score, 4))   // (8+5+3)/4
        let noSize = try scored(Fixtures.config(model: .wsjf), "id: W\nbusiness_value: 8\ntime_criticality: 5\nrisk_reduction: 3\ncost: 8\n")
        #expect(close(noSize.score, 2))
    }

    @Test("an item aligned to no objective scores 0 and is warned about")
    func unaligned() {
        let e = Fixtures.evaluate([("a.yaml", Fixtures.itemYAML(id: "A", food: 0))])
        #expect(e.ranked.first?.scored.score == 0)
        #expect(Fixtures.codes(e.diagnostics) == ["no-objective"])
    }
}

import Testing
@testable import NorthstarCore

@Suite("Explaining a rank")
struct ExplanationTests {
    let evaluation = Fixtures.evaluate([
        ("a.yaml", "id: TOP\nobjectives: {food: 1}\nneed: 4\nreach: {rural: 100, low-income: 50}\nconfidence: 0.8\ncost: 2\n"),
        ("b.yaml", "id: MID\nobjectives: {food: 1}\nneed: 4\nreach: {rural: 100}\nconfidence: 0.8\ncost: 2\n"),
        ("c.yaml", "id: LOW\nobjectives: {food: 0.5}\nneed: 4\nreach: {rural: 100}\nconfidence: 0.8\ncost: 4\n"),
        ("d.yaml", "id: OLD\nstatus: done\n"),
    ])

    @Test("shows the formula with the item's own numbers")
    func formula() throws {
        let text = try #require(Explanation.render("MID", in: evaluation))
        #expect(text.contains("Rank 2 of 3 · score 180"))     // 0.75 · 600 · 0.8 / 2
        #expect(text.contains("= 0.75 × 600 × 0.8 ÷ 2 person-weeks"))
        #expect(text.contains("rural  100 × 4 × 1.5 = 600"))
    }

    @Test("says what the neighbours have that the item does not")
    func neighbours() throws {
        let text = try #require(Explanation.render("MID", in: evaluation))
        #expect(text.contains("↑ TOP (rank 1, score 300, 66.7% higher)"))
        #expect(text.contains("+ reaches 50 people in 'low-income' (equity weight 2, need 4)"))
        #expect(text.contains("+ higher weighted need-reach: 1,000 vs 600 (×1.67)"))
        #expect(text.contains("↓ LOW (rank 3, score 45"))
        #expect(text.contains("+ higher alignment: 0.75 vs 0.375 (×2)"))
        #expect(text.contains("+ lower cost: 2 person-weeks vs 4 person-weeks (×2)"))
    }

    @Test("closed items and unknown ids")
    func others() {
        #expect(Explanation.render("OLD", in: evaluation)?.contains("Status done: not ranked") == true)
        #expect(Explanation.render("NOPE", in: evaluation) == nil)
    }
}

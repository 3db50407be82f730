import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("Ranking order")
struct RankingTests {
    func scored(_ id: String, _ score: Double, title: String = "", path: String = "p.yaml") -> ScoredItem {
        var item = Item(id: id, path: path, location: .fileStart)
        item.title = title
        return ScoredItem(item: item, value: score, cost: 1, score: score, factors: .figures(ModelFigures(model: "wsjf", ["business_value": score, "time_criticality": 0, "risk_reduction": 0, "job_size": 1])))
    }

    @Test("highest score first; ties broken by id")
    func ties() {
        let ranked = Ranking.rank([scored("B", 5), scored("C", 9), scored("A", 5), scored("A-2", 5)])
        #expect(ranked.map(\.item.id) == ["C", "A", "A-2", "B"])
        #expect(ranked.map(\.rank) == [1, 2, 3, 4])
    }

    @Test("ranking order is a function of scores and ids alone")
    func orderDependsOnScoresAndIDs() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...4).array(of: 1...40), Gen.int(in: 0...Int.max)) { scores, seed in
            var rng = SplitMix64(seed: seed)
            let items = scores.enumerated().map { scored("id-\($0.offset * 7919 % 1000)", Double($0.element)) }
            let shuffled = items.shuffled(using: &rng).map { s -> ScoredItem in
                // Everything but score and id changes: order must not.
                var item = s.item
                item.title = String(rng.next() % 1000)
                item.path = "other/\(rng.next() % 1000).yaml"
                return ScoredItem(item: item, value: Double(rng.next() % 1000), cost: s.cost, score: s.score, factors: s.factors)
            }
            let a = Ranking.rank(items).map(\.item.id)
            let b = Ranking.rank(shuffled).map(\.item.id)
            #expect(a == b)
            let expected = items.sorted { ($0.score, $1.item.id) > ($1.score, $0.item.id) }.map(\.item.id)
            #expect(a == expected)
            for (x, y) in zip(Ranking.rank(items), Ranking.rank(items).dropFirst()) {
                #expect(x.scored.score >= y.scored.score)
            }
        }
    }

    @Test("the same files in any order give byte-identical outputs")
    func determinism() async {
        var files: [(String, String)] = []
        for i in 0..<25 {
            let need = Double(1 + i % 5)
            let reach = Double(10 * (i % 7))
            let cost = Double(1 + i % 3)
            files.append(("f\(i).yaml", Fixtures.itemYAML(id: "I\(i)", need: need, reach: reach, cost: cost, food: 0.5, confidence: 0.5)))
        }
        let config = Fixtures.config()
        let reference = OutputFiles.render(Fixtures.evaluate(files, config: config)).map(\.contents)
        await propertyCheck(count: 50, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let again = OutputFiles.render(Fixtures.evaluate(files.shuffled(using: &rng), config: config)).map(\.contents)
            #expect(again == reference)
        }
    }
}

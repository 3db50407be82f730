import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("Named values: an item's objectives and reach by name")
struct NamedValuesTests {
    /// Random sets and removals, names sharing prefixes and in other scripts, checked against a
    /// dictionary: the same values, read back in the names' sorted order, equal exactly when
    /// the dictionaries are.
    @Test("any edits read back as a dictionary's would, in sorted name order; equality and hashing follow the dictionary's")
    func matchesADictionary() async {
        // "é" twice: composed and decomposed, equal as Swift strings though their bytes differ.
        let names = ["rural", "rura", "Rural", "low-income", "general", "\u{E9}", "e\u{301}", "e", "", "z", "refugees"]
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            var map = NamedValues<Double>(), model: [String: Double] = [:]
            var other = NamedValues<Double>(minimumCapacity: 4), otherModel: [String: Double] = [:]
            for _ in 0..<Int(rng.next() % 25) {
                let name = names[Int(rng.next() % UInt64(names.count))]
                let value: Double? = rng.next() % 4 == 0 ? nil : Double(rng.next() % 5)
                map[name] = value
                model[name] = value
                if rng.next() % 2 == 0 {
                    other[name] = value
                    otherModel[name] = value
                }
            }
            #expect(map.count == model.count && map.isEmpty == model.isEmpty)
            #expect(Array(map.keys) == model.keys.sorted())
            #expect(Array(map.values) == model.keys.sorted().map { model[$0] ?? .nan })
            #expect(names.allSatisfy { map[$0] == model[$0] })
            #expect(map.map(\.key) == Array(map.keys) && map.map(\.value) == Array(map.values))
            #expect((map == other) == (model == otherModel))
            if map == other { #expect(map.hashValue == other.hashValue) }
        }
    }

    @Test("a literal reads as the dictionary it spells, whatever order it is written in")
    func literal() {
        let a: NamedValues<Int> = ["b": 2, "a": 1, "c": 3]
        let b: NamedValues<Int> = ["c": 3, "a": 1, "b": 2]
        #expect(a == b && Array(a.keys) == ["a", "b", "c"] && a["b"] == 2 && a["d"] == nil)
        #expect(NamedValues<Int>() == [:] && NamedValues<Int>().isEmpty)
    }
}

import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("Field locations: where each of an item's fields was written")
struct FieldLocationsTests {
    @Test("a nested field is found by its joined name and by its parts; setting nil forgets it")
    func namedByParts() {
        var f = FieldLocations()
        f["reach", "rural"] = SourceLocation(line: 4, column: 3)
        f["title"] = SourceLocation(line: 2, column: 1)
        #expect(f["reach.rural"] == SourceLocation(line: 4, column: 3))
        #expect(f["reach", "rural"] == SourceLocation(line: 4, column: 3))
        #expect(f["reach"] == nil && f["rural"] == nil && f["reach", "rura"] == nil && f["reach.ruralx"] == nil)
        f["reach.rural"] = nil
        #expect(f["reach", "rural"] == nil && f.count == 1)
    }

    @Test("shrinkToFit gives back the room reserved beyond the bytes recorded, and the fields read the same")
    func shrinkToFit() {
        var f = FieldLocations()
        f.reserveCapacity(256)
        // 57 bytes of entries: each name's length, name, line and column.
        for (n, name) in ["id", "title", "need", "cost", "reach.rural", "reach.general"].enumerated() {
            f[name] = SourceLocation(line: n + 2, column: 3)
        }
        let before = f
        #expect(f.capacity >= 256)
        f.shrinkToFit()
        #expect(f == before && f["reach", "general"] == SourceLocation(line: 7, column: 3))
        // malloc may hand back a block a little larger than asked for (it does not split off a
        // remainder too small to use), so the room left depends on the heap's state: bounded,
        // not exact.
        #expect(f.capacity >= 57 && f.capacity < 57 + 64, "\(f.capacity)")
    }

    /// Random edits, with names that share prefixes, lengths and dots, checked against an
    /// ordered list of (name, location): the fields, their order, equality and look-ups agree.
    @Test("any sequence of edits reads back as an ordered list of names and places, and equality follows it")
    func matchesAList() async {
        let groups = ["reach", "need", "objectives", "r", ""]
        let keys = ["rural", "rura", "general", "0", "12", "é", "a.b", "", ".0", "r.rural", "reach.rural"]
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            var f = FieldLocations(), model: [(String, NorthstarCore.SourceLocation)] = []
            var g = FieldLocations()
            for _ in 0..<Int(rng.next() % 30) {
                let group = rng.next() % 3 == 0 ? nil : groups[Int(rng.next() % UInt64(groups.count))]
                let key = keys[Int(rng.next() % UInt64(keys.count))]
                let name = group.map { "\($0).\(key)" } ?? key
                // Lines and columns past one varint byte, and now and then past four.
                let big = rng.next() % 10 == 0
                let location = rng.next() % 5 == 0 ? nil : SourceLocation(
                    line: Int(rng.next() % (big ? 1 << 40 : 300)), column: Int(rng.next() % (big ? 1 << 33 : 200)))
                // Each name set in either spelling, by parts or joined, on both values.
                if rng.next() % 2 == 0 { f[group, key] = location } else { f[name] = location }
                if rng.next() % 2 == 0 { g[name] = location } else { g[group, key] = location }
                if let i = model.firstIndex(where: { $0.0 == name }) {
                    if let location { model[i].1 = location } else { model.remove(at: i) }
                } else if let location {
                    model.append((name, location))
                }
            }
            if rng.next() % 2 == 0 { f.reserveCapacity(64) } else { f.shrinkToFit() }
            #expect(f.count == model.count)
            #expect(model.allSatisfy { f[$0.0] == $0.1 })
            #expect(f == g && f.hashValue == g.hashValue)
            var rebuilt = FieldLocations()
            for (name, location) in model { rebuilt[name] = location }
            #expect(f == rebuilt)
            if let (name, location) = model.first {
                var moved = rebuilt
                moved[name] = SourceLocation(line: location.line + 1, column: location.column)
                #expect(moved != rebuilt)
            }
        }
    }
}

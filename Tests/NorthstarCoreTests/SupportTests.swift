import Foundation
import NorthstarProbe
import PropertyBased
import Testing
@testable import NorthstarCore

@Suite("Support: digests, suggestions, paths")
struct SupportTests {
    @Test("SHA-256 matches the FIPS test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(input: String, hex: String) {
        #expect(SHA256.hex(Array(input.utf8)) == hex)
    }

    @Test("the radix sort orders as a stable comparison sort does: largest first, ties in the given order, 0 and -0 equal; NaN has no order")
    func radixSort() async {
        let pool: [Double] = [0, -0.0, 1, 1, -1, 2.5, 1e300, -1e-300, .infinity, -.infinity, .leastNonzeroMagnitude, 3]
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let n = Int(rng.next() % 3_000)
            let key = (0..<n).map { _ in rng.next() % 4 == 0 ? Double(Int(rng.next() % 2_000) - 1_000) / 7 : pool[Int(rng.next() % UInt64(pool.count))] }
            let items = (0..<n).map { _ in Int(rng.next() % UInt64(max(1, n))) }
            var expected = Array(items.indices)
            expected.sort { key[items[$0]] != key[items[$1]] ? key[items[$0]] > key[items[$1]] : $0 < $1 }
            #expect(RadixSort.descending(items, key: { key[$0] }) == expected.map { items[$0] })
        }
        #expect(RadixSort.descending([0, 1], key: { $0 == 1 ? .nan : 1 }) == nil)
        #expect(RadixSort.descending([], key: { _ in 0 }) == [])
        // Past the comparison sort's sizes: one pass, three passes (each leaves the result in
        // the other buffer), every pass skipped, and zeros of both signs.
        let n = 600
        let shapes: [(Int) -> Double] = [
            { $0 % 2 == 0 ? 1 : 1.0.nextUp },
            { [1.0, .leastNonzeroMagnitude, 1.0][$0 % 3] },
            { _ in 5 },
            { $0 % 3 == 0 ? -0.0 : ($0 % 3 == 1 ? 0 : -1) },
        ]
        for key in shapes {
            let items = Array((0..<n).reversed())
            var expected = Array(items.indices)
            expected.sort { key(items[$0]) != key(items[$1]) ? key(items[$0]) > key(items[$1]) : $0 < $1 }
            #expect(RadixSort.descending(items, key: key) == expected.map { items[$0] })
        }
        #expect(RadixSort.ascending([3, -0.0, 0, 1, -2]).map(\.bitPattern) == [-2, -0.0, 0, 1, 3].map(\.bitPattern))
    }

    @Test("did-you-mean finds typos and ignores strangers", arguments: [
        ("confidance", "confidence"), ("depends-on", "depends_on"), ("titel", "title"), ("xyzzy", nil), ("rual", "rural"),
    ] as [(String, String?)])
    func suggestion(word: String, expected: String?) {
        #expect(Suggestion.closest(to: word, in: BacklogFileLoader.knownFields + ["rural"]) == expected)
    }

    @Test("path arithmetic", arguments: [
        ("../b", "/a/c", "/a/b"), ("x/./y/../z", "/r", "/r/x/z"), ("/abs", "/r", "/abs"), ("../../..", "/a", "/"),
    ])
    func resolve(relative: String, base: String, expected: String) {
        #expect(Paths.resolve(relative, against: base) == expected)
    }

    @Test("relative paths between folders")
    func relative() {
        #expect(Paths.relative("/r/config/n.yaml", to: "/r/examples/backlog") == "../../config/n.yaml")
        #expect(Paths.relative("/r/a/b.yaml", to: "/r") == "a/b.yaml")
        #expect(Paths.isInside("/r/out/x", "/r/out"))
        #expect(!Paths.isInside("/r/output", "/r/out"))
    }

    /// Figures as every output printed them before they were written straight from their digits:
    /// integral ones as integers, others as Swift prints the double rounded to 12 significant digits.
    static func referenceJSON(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(.towardZero), abs(x) < 1e12 { return String(Int64(x)) }
        let r = NumberFormat.significant(x, digits: 12)
        if r == r.rounded(), abs(r) < 1e15 { return String(Int64(r)) }
        return "\(r)"
    }

    @Test("integers written from their digits read as Swift prints them, signs and extremes included")
    func integerFigures() async {
        for n in [0, 1, 9, 10, 99, 100, -1, -9, -10, 1_000_000, Int.max, Int.min, Int.min + 1] {
            var bytes: [UInt8] = [0x41]
            NumberFormat.appendInteger(n, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "A\(n)")
            #expect(NumberFormat.json(Double(n)) == Self.referenceJSON(Double(n)), "\(n)")
        }
        await propertyCheck(count: 5000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let n = Int(truncatingIfNeeded: rng.next()) >> Int(rng.next() % 64)
            var bytes: [UInt8] = []
            NumberFormat.appendInteger(n, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(n))
        }
    }

    @Test("figures too small to round to 12 digits are written as they are, as numbers JSON reads, not nan")
    func tinyFigures() throws {
        #expect(NumberFormat.json(1e-300) == "1e-300")
        #expect(NumberFormat.json(-Double.leastNormalMagnitude) == "-2.2250738585072014e-308")
        #expect(NumberFormat.json(.leastNonzeroMagnitude) == "5e-324")
        #expect(NumberFormat.significant(1e-300, digits: 12) == 1e-300)
        // Just inside the range where the rounding runs: 12 digits, give or take the last bit
        // that an inexact power of ten leaves.
        let near = try #require(Double(NumberFormat.json(1.23456789012345e-290)))
        #expect(abs(near / 1.23456789012e-290 - 1) < 1e-15)
    }

    @Test("figures written from their digits read exactly as before, at every magnitude")
    func jsonFigures() async {
        let fixed: [Double] = [0.1, 0.2 + 0.1, 1.0 / 3, 2.0 / 3, -0.5, 0.0001, 0.00011, 0.00009999, 9.999999999999, 99999999999.95,
                               999999999999.9, 1e12 + 0.5, 123456.789, 0.07, 1e-7, -1e-5, .leastNonzeroMagnitude, 1.7976931348623157e308, 0.30000000000000004,
                               1234.5000000001, 0.09999999999999999, 0.0009999999999999999, 12.000000000049, 12.00000000005]
        for x in fixed { #expect(NumberFormat.json(x) == Self.referenceJSON(x), "\(x)") }
        await propertyCheck(count: 20000, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: seed)
            let unit = Double(rng.next() >> 11) / Double(1 << 53)
            let magnitude = Double(Int(rng.next() % 40)) - 20
            var x = unit * pow(10, magnitude)
            if rng.next() % 4 == 0 { x = (x * 1000).rounded() / 1000 }   // a few decimals, as authors write
            if rng.next() % 2 == 0 { x = -x }
            #expect(NumberFormat.json(x) == Self.referenceJSON(x), "\(x)")
        }
    }
}

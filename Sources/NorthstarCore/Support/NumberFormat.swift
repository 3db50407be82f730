/// How numbers are printed in every output, so the same figure reads the same everywhere.
public enum NumberFormat {
    /// A figure for JSON and CSV: rounded to 12 significant digits (so binary floating-point
    /// artefacts like `0.30000000000000004` read `0.3`), then the shortest text that reads back
    /// as that value. Integral values print without a decimal point; non-finite ones as `null`.
    public static func json(_ x: Double) -> String {
        var bytes: [UInt8] = []
        appendJSON(x, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `json(x)` to `bytes` (no intermediate string: a 100,000-item `ranking.json`
    /// prints some two million figures).
    public static func appendJSON(_ x: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumJSONLength) { buffer in
            guard let start = buffer.baseAddress else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: writeJSON(x, to: start)))
        }
    }

    /// The most bytes `writeJSON` writes: the longest, Swift's own text of a double such as
    /// `-1.7976931348623157e+308`, is 24.
    static let maximumJSONLength = 32
    /// The most bytes `writeInteger` writes (`Int.min` is 20).
    static let maximumIntegerLength = 20

    /// Writes `json(x)` at `out` (room for `maximumJSONLength` bytes) and returns its length:
    /// the figure goes straight into whatever buffer the caller writes.
    static func writeJSON(_ x: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard x.isFinite else { return copy("null", to: out) }
        if x == x.rounded(.towardZero), abs(x) < 1e12 { return writeInteger(Int(x), to: out) }
        let m = abs(x)
        let exponent = decimalExponent(m)
        let r = significant(x, digits: 12, exponent: exponent)
        if r == r.rounded(), abs(r) < 1e15 { return writeInteger(Int(r), to: out) }
        // From 0.0001 to 10^12 the shortest text that reads back as `r` is its 12 significant
        // digits without trailing zeros, in fixed notation (a shorter decimal would lie ~10^-12
        // away, far outside `r`'s rounding interval): written here straight from the digits.
        if m >= 1e-4, m < 1e12, let n = writeFixed(x, exponent: exponent, to: out) { return n }
        return copy("\(r)", to: out)
    }

    /// Copies the UTF-8 of `text` (at most `maximumJSONLength` bytes) to `out`.
    private static func copy(_ text: String, to out: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(text.utf8.count <= maximumJSONLength, "a figure longer than its room")
        var n = 0
        for byte in text.utf8 { out[n] = byte; n += 1 }
        return n
    }

    /// Writes `x` (0.0001 <= |x| < 10^12, not integral at 12 significant digits, of decimal
    /// `exponent`) with its 12 significant digits, trailing zeros dropped, and returns its
    /// length; nil, with nothing written, when the rounding carries into a 13th digit (the
    /// caller then takes the general path).
    private static func writeFixed(_ x: Double, exponent: Int, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        // The same digits `significant(_:digits:)` rounds to.
        let shift = 11 - exponent
        let scaledDigits = abs(x) * exactPowers[shift]
        guard scaledDigits.rounded() < 1e12 else { return nil }
        let v = UInt64(scaledDigits.rounded())
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { buffer -> Int? in
            guard let digits = buffer.baseAddress else { return nil }
            // The 12 digits (leading zeros included), then the trailing zeros dropped.
            writeDigits(v, count: 12, to: digits)
            var count = 12
            while count > 1, digits[count - 1] == 0x30 { count -= 1 }
            var at = 0
            if x < 0 { out[at] = 0x2D; at += 1 }
            // Below 1, the point and its zeros come first; from 1 up, the point goes after the
            // digits of the integral part (none when the digits end there).
            let whole = exponent + 1
            if exponent < 0 {
                out[at] = 0x30; out[at + 1] = 0x2E; at += 2
                for _ in 0..<(-exponent - 1) { out[at] = 0x30; at += 1 }
                (out + at).initialize(from: digits, count: count)
                at += count
            } else if count > whole {
                (out + at).initialize(from: digits, count: whole)
                out[at + whole] = 0x2E
                (out + at + whole + 1).initialize(from: digits + whole, count: count - whole)
                at += count + 1
            } else {
                (out + at).initialize(from: digits, count: count)
                at += count
                for _ in count..<whole { out[at] = 0x30; at += 1 }
            }
            return at
        }
    }

    /// Writes the last `count` decimal digits of `v` at `out`, zeros first where `v` has fewer:
    /// two at a time from the right, from a table of digit pairs.
    @inline(__always)
    private static func writeDigits(_ v: UInt64, count: Int, to out: UnsafeMutablePointer<UInt8>) {
        let pairs = digitPairs.utf8Start
        var v = v, i = count
        while i >= 2 {
            let pair = Int(v % 100) &* 2
            v /= 100
            i -= 2
            out[i] = pairs[pair]
            out[i + 1] = pairs[pair + 1]
        }
        if i == 1 { out[0] = 0x30 + UInt8(v % 10) }
    }

    /// `00` to `99`, two bytes each: the digits of a number below 100 at twice its value.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Powers of ten that a Double holds exactly (10^0 ... 10^22).
    private static let exactPowers: [Double] = {
        var p: [Double] = [1]
        for _ in 1...22 { p.append(p[p.count - 1] * 10) }
        return p
    }()

    /// `x` rounded to `digits` significant decimal digits.
    public static func significant(_ x: Double, digits: Int) -> Double {
        guard x != 0, x.isFinite else { return x }
        return significant(x, digits: digits, exponent: decimalExponent(abs(x)))
    }

    /// The decimal exponent of a finite `m` > 0 (`m` is about `d.ddd × 10^exponent`), found by
    /// comparison with exact powers (no repeated division).
    private static func decimalExponent(_ m: Double) -> Int {
        var exponent = 0
        if m >= 1 {
            while exponent < 22, m >= exactPowers[exponent + 1] { exponent += 1 }
            if exponent == 22 { var r = m / exactPowers[22]; while r >= 10 { r /= 10; exponent += 1 } }
        } else {
            var scaled = m
            while scaled < 1 { scaled *= 10; exponent -= 1 }
        }
        return exponent
    }

    /// `significant(_:digits:)` for a finite, non-zero `x` whose decimal exponent is known.
    private static func significant(_ x: Double, digits: Int, exponent: Int) -> Double {
        let shift = digits - 1 - exponent
        let power: Double
        if abs(shift) <= 22 {
            power = exactPowers[abs(shift)]
        } else {
            var p = 1.0
            for _ in 0..<abs(shift) { p *= 10 }
            power = p
        }
        // Below about 1e-296, 10^shift overflows and the rounding would make NaN, which prints
        // as text no JSON reader takes: such a figure is kept as it is.
        guard power.isFinite else { return x }
        return shift >= 0 ? (x * power).rounded() / power : (x / power).rounded() * power
    }

    /// A figure with its unit, the unit in the singular for exactly 1 (`1 person-week`,
    /// `2 person-weeks`); a unit that does not end in a plain `s` is left as written.
    public static func quantity(_ text: String, _ value: Double, _ unit: String) -> String {
        guard !unit.isEmpty else { return text }
        let singular = value == 1 && unit.hasSuffix("s") && !unit.hasSuffix("ss") ? String(unit.dropLast()) : unit
        return "\(text) \(singular)"
    }

    /// A count with its noun, grouped for people: `1 error`, `2 warnings`, `89,808 items`.
    public static func count(_ n: Int, _ noun: String) -> String { "\(human(Double(n), digits: 0)) \(noun)\(n == 1 ? "" : "s")" }

    /// A figure as an author would write it (`4`, `0.7`, `1200`), no grouping.
    public static func plain(_ x: Double) -> String { json(x) }

    /// A figure for people: thousands grouped with commas, at most `digits` decimals, trailing
    /// zeros trimmed (`1,200`, `0.68`, `142.7`).
    public static func human(_ x: Double, digits: Int = 2) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendHuman(x, digits: digits, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `human(x, digits:)` appended to `bytes`: reports and explanations print tens of figures
    /// per item, so no intermediate strings.
    public static func appendHuman(_ x: Double, digits: Int = 2, to bytes: inout [UInt8]) {
        guard x.isFinite else { bytes.append(contentsOf: (x.isNaN ? "n/a" : (x > 0 ? "∞" : "-∞")).utf8); return }
        if x == x.rounded(.towardZero), abs(x) < 1000 { appendInteger(Int(x), to: &bytes); return }
        // Beyond what Int64 holds (or what a person reads as digits): scientific notation.
        if abs(x) >= 1e15 { bytes.append(contentsOf: "\(x)".utf8); return }
        let digits = min(max(digits, 0), 15)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(x) * scale).rounded() / scale
        var whole = Int64(rounded.rounded(.down))
        var fraction = Int64(((rounded - Double(whole)) * scale).rounded())
        if fraction >= Int64(scale) { whole += 1; fraction -= Int64(scale) }
        if x < 0 && rounded != 0 { bytes.append(0x2D) }
        appendGrouped(whole, to: &bytes)
        guard digits > 0, fraction > 0 else { return }
        var width = digits
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        bytes.append(0x2E)
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(0x30 + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    /// A non-negative whole number with its thousands separated by commas (`1,234,567`).
    private static func appendGrouped(_ n: Int64, to bytes: inout [UInt8]) {
        var divisor: Int64 = 1
        var count = 1
        while n / divisor >= 10 { divisor *= 10; count += 1 }
        while divisor > 0 {
            bytes.append(0x30 + UInt8(n / divisor % 10))
            count -= 1
            if count > 0, count % 3 == 0 { bytes.append(0x2C) }
            divisor /= 10
        }
    }

    /// A score for tables: three significant figures at least, grouped (`1,234`, `12.3`, `0.0456`).
    public static func score(_ x: Double) -> String {
        let magnitude = abs(x)
        if magnitude >= 100 || magnitude == 0 { return human(x, digits: 0) }
        if magnitude >= 10 { return human(x, digits: 1) }
        if magnitude >= 1 { return human(x, digits: 2) }
        var digits = 3
        var m = magnitude
        while m < 0.1, digits < 12 { m *= 10; digits += 1 }
        return human(x, digits: digits)
    }

    /// Appends the decimal digits of `n` to `bytes` (no intermediate string: assembling a
    /// 100,000-line ranking writes one rank per line).
    @inline(__always)
    public static func appendInteger(_ n: Int, to bytes: inout [UInt8]) {
        if n >= 0, n < 10 { bytes.append(0x30 + UInt8(n)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumIntegerLength) { buffer in
            guard let start = buffer.baseAddress else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: writeInteger(n, to: start)))
        }
    }

    /// Writes the decimal digits of `n` at `out` (room for `maximumIntegerLength` bytes) and
    /// returns their length.
    @inline(__always)
    static func writeInteger(_ n: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let v = UInt64(n.magnitude), sign = n < 0 ? 1 : 0
        var digits = 1, rest = v / 10
        while rest > 0 { digits += 1; rest /= 10 }
        if sign == 1 { out[0] = 0x2D }
        writeDigits(v, count: digits, to: out + sign)
        return sign + digits
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Times the phases of a ranking pass (scan, parse, validate, score, rank, render, write) for
/// `northstar rank --timings` and the benchmarks.
public final class PhaseTimer {
    private var last: UInt64
    /// Milliseconds spent per phase, in the order phases ended.
    public private(set) var phases: [(name: String, ms: Double)] = []

    /// A timer starting now.
    public init() { last = PhaseTimer.now() }

    /// Ends the current phase under `name` (repeated names add up).
    public func mark(_ name: String) {
        let now = PhaseTimer.now()
        let ms = Double(now - last) / 1_000_000
        last = now
        if let i = phases.firstIndex(where: { $0.name == name }) { phases[i].ms += ms } else { phases.append((name, ms)) }
    }

    /// `timings: scan 1.2 ms, parse 40.1 ms, ...` (one line, machine-readable).
    public var line: String {
        "timings: " + phases.map { "\($0.name) \(String(format1: $0.ms)) ms" }.joined(separator: ", ")
    }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

extension String {
    /// A number with one decimal.
    init(format1 x: Double) {
        let tenths = Int((x * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}

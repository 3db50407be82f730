#if canImport(Glibc)
import Glibc
#endif

/// Times the phases of a ranking pass (scan, parse, validate, score, rank, render, write) for
/// `northstar rank --timings` and the benchmarks.
public final class PhaseTimer {
    private var last: UInt64
    private var lastCPU: Double
    /// Milliseconds spent per phase, in the order phases ended.
    public private(set) var phases: [(name: String, ms: Double)] = []
    /// Milliseconds of CPU time (user and system, every thread) per phase: beside the wall
    /// time, how much of both cores a phase kept busy.
    public private(set) var cpu: [(name: String, ms: Double)] = []

    /// A timer starting now.
    public init() {
        last = PhaseTimer.now()
        lastCPU = PhaseTimer.cpuMilliseconds()
    }

    /// Ends the current phase under `name` (repeated names add up).
    public func mark(_ name: String) {
        let now = PhaseTimer.now()
        let ms = Double(now - last) / 1_000_000
        last = now
        Self.add(ms, to: name, in: &phases)
        let cpuNow = PhaseTimer.cpuMilliseconds()
        Self.add(cpuNow - lastCPU, to: name, in: &cpu)
        lastCPU = cpuNow
        if let kb = PhaseTimer.peakResidentKB() {
            if let i = peaks.firstIndex(where: { $0.name == name }) { peaks[i].kb = kb } else { peaks.append((name, kb)) }
        }
    }

    /// The process's peak resident memory at the end of each phase, in kB: where the peak of a
    /// run is reached.
    public private(set) var peaks: [(name: String, kb: Int)] = []

    /// `memory: peak RSS after scan 24 MB, parse 209 MB, ...` (one line).
    public var memoryLine: String {
        "memory: peak RSS after " + peaks.map { "\($0.name) \($0.kb / 1024) MB" }.joined(separator: ", ")
    }

    /// Records `ms` under `name` for work that ran alongside the current phase (it does not end
    /// the current phase; the line marks it `name (alongside)`).
    public func record(_ name: String, ms: Double) {
        phases.append((name + " (alongside)", ms))
    }

    /// `timings: scan 1.2 ms, parse 40.1 ms, ...` (one line, machine-readable).
    public var line: String {
        Self.line("timings", phases)
    }

    /// `cpu: scan 1.0 ms, parse 80.2 ms, ...` (one line, machine-readable): CPU time per phase.
    public var cpuLine: String {
        Self.line("cpu", cpu)
    }

    /// CPU time the process has used so far (user and system, all threads), in milliseconds.
    static func cpuMilliseconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    /// The process's peak resident memory so far, in kB (VmHWM), or nil where /proc has none.
    static func peakResidentKB() -> Int? {
        guard let f = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), f) != nil {
            let end = line.firstIndex(of: 0) ?? line.count
            let text = String(decoding: line[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("VmHWM:") else { continue }
            return Int(text.dropFirst(6).filter(\.isNumber))
        }
        return nil
    }

    /// Nanoseconds on the monotonic clock.
    public static func now() -> UInt64 { MonotonicClock.now() }

    /// Milliseconds from `begin` (a `now()`) to now.
    public static func milliseconds(since begin: UInt64) -> Double { Double(now() - begin) / 1_000_000 }

    /// Each output's own cost (rendering and flushing it, whichever core it ran on).
    public private(set) var outputs: [(name: String, ms: Double)] = []

    /// Records what output `name` cost.
    public func recordOutput(_ name: String, ms: Double) { outputs.append((name, ms)) }

    /// `outputs: ranking.json 6.1 ms, ranking.csv 2.0 ms, ...` (one line, machine-readable).
    public var outputsLine: String {
        Self.line("outputs", outputs)
    }

    /// Adds `ms` to the phase `name` of `list` (a repeated name adds up), or appends it.
    static func add(_ ms: Double, to name: String, in list: inout [(name: String, ms: Double)]) {
        if let i = list.firstIndex(where: { $0.name == name }) { list[i].ms += ms } else { list.append((name, ms)) }
    }

    /// `label: name 1.2 ms, name 40.1 ms, ...`: one machine-readable line.
    static func line(_ label: String, _ list: [(name: String, ms: Double)]) -> String {
        "\(label): " + list.map { "\($0.name) \(oneDecimal($0.ms)) ms" }.joined(separator: ", ")
    }

    /// `x` with one decimal (`12.3`), as the timings line shows milliseconds.
    static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

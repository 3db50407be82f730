import Foundation
import NorthstarProbe

/// Measures one corpus with the real `northstar` binary, from outside the process.
struct Harness {
    let binary: String
    let root: String
    let generator: CorpusGenerator
    let coldRuns: Int
    let readyRuns: Int
    let edits: Int
    let bursts: Int
    let settleMs: Int

    struct Result {
        var shape: CorpusGenerator.Shape
        var cold: [Double] = []
        var rss: [Double] = []
        var ready: [Double] = []
        var edit: [Double] = []
        var editCompute: [Double] = []
        var burst: [Double] = []
        var burstCompute: [Double] = []
        var phases: [String: [Double]] = [:]
        var phaseOrder: [String] = []
        /// Each output's size after the last cold rank, by file name.
        var outputSizes: [(name: String, bytes: Int)] = []
        /// What each output cost to render and flush in each cold rank, by file name.
        var outputCosts: [String: [Double]] = [:]
        var outputOrder: [String] = []
        /// CPU time per phase in each cold rank (`--timings`' cpu line), by phase.
        var cpu: [String: [Double]] = [:]
        var cpuOrder: [String] = []
        /// The floors, measured once around each cold rank (files before it, outputs after it).
        var floors = Floors()
    }

    var config: String { root + "/northstar.yaml" }
    var output: String { root + "/out" }
    var log: String { root + "/daemon.log" }

    func run(progress: (String) -> Void) throws -> Result {
        var result = Result(shape: generator.shape)
        progress("\(generator.shape.name): generating \(generator.shape.items) items in \(generator.shape.files) files")
        try generator.write(to: root)
        progress("\(generator.shape.name): cold rank x\(coldRuns), each beside its floors (read, libyaml in C, cp and sync of the outputs)")
        try measureColdRanks(into: &result)
        progress("\(generator.shape.name): daemon start-up to READY x\(readyRuns), then \(edits) edits and \(bursts) bursts")
        let daemon = try startDaemon(into: &result)
        defer { _ = daemon.terminate() }
        try measureEdits(into: &result)
        return result
    }

    /// Cold `rank` runs: wall time, peak RSS and the phases `--timings` reports; each run's
    /// floors just before (the files) and after it (its outputs).
    private func measureColdRanks(into result: inout Result) throws {
        let floors = try Floors.prepare(backlog: root + "/backlog", scratch: root + "/floors")
        for _ in 0..<coldRuns {
            try result.floors.measureFiles(with: floors)
            try? FileManager.default.removeItem(atPath: output)
            let logPath = root + "/rank.log"
            try? FileManager.default.removeItem(atPath: logPath)
            let exit = try SpawnedProcess(binary, ["rank", "--config", config, "--quiet", "--timings"], logPath: logPath).wait()
            guard exit.status == 0 else { throw BenchError("rank exited \(exit.status): \((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")") }
            result.cold.append(exit.seconds * 1000)
            result.rss.append(Double(exit.peakRSS) / 1_048_576)
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            result.outputSizes = names.map { name in
                (name, ((try? FileManager.default.attributesOfItem(atPath: output + "/" + name))?[.size] as? Int) ?? 0)
            }
            let run = result.cold.count - 1
            Self.readTimings(text, prefix: "timings: ", run: run, into: &result.phases, order: &result.phaseOrder)
            Self.readTimings(text, prefix: "outputs: ", run: run, into: &result.outputCosts, order: &result.outputOrder)
            Self.readTimings(text, prefix: "cpu: ", run: run, into: &result.cpu, order: &result.cpuOrder)
            try result.floors.measureCopy(of: output, with: floors)
        }
    }

    /// The `name 12.3 ms, ...` figures of `--timings`' line starting with `prefix`, as run
    /// `run`'s entry per name: a name a run does not report is NaN there, so the runs stay
    /// aligned with the floors measured beside them.
    private static func readTimings(_ text: String, prefix: String, run: Int, into figures: inout [String: [Double]], order: inout [String]) {
        var found: [String: Double] = [:]
        if let line = text.split(separator: "\n").last(where: { $0.hasPrefix(prefix) }) {
            for part in line.dropFirst(prefix.count).components(separatedBy: ", ") {
                let fields = part.split(separator: " ")
                guard fields.count >= 3, let ms = Double(fields[fields.count - 2]) else { continue }
                let name = fields.dropLast(2).joined(separator: " ")
                found[name] = ms
                if figures[name] == nil {
                    order.append(name)
                    figures[name] = []
                }
            }
        }
        for name in figures.keys {
            var runs = figures[name] ?? []
            while runs.count < run { runs.append(.nan) }
            runs.append(found[name] ?? .nan)
            figures[name] = runs
        }
    }

    /// Starts the daemon `readyRuns` times, timing each start-up to READY=1; the last one is
    /// left running and returned.
    private func startDaemon(into result: inout Result) throws -> SpawnedProcess {
        var daemon: SpawnedProcess?
        let socket = NotifySocket(abstract: true, folder: root)
        for r in 0..<readyRuns {
            try? FileManager.default.removeItem(atPath: log)
            let start = Date()
            let process = try SpawnedProcess(binary, ["watch", "--config", config], environment: ["NOTIFY_SOCKET": socket.name], logPath: log)
            let before = socket.messages.filter { $0.contains("READY=1") }.count
            guard socket.receive(seconds: 120, until: { $0.filter { $0.contains("READY=1") }.count > before }) else {
                process.signal(SIGKILL)
                throw BenchError("no READY=1 within 120 s")
            }
            result.ready.append(Date().timeIntervalSince(start) * 1000)
            if r < readyRuns - 1 {
                let exit = process.terminate()
                guard exit.status == 0 else { throw BenchError("daemon exited \(exit.status) on SIGTERM") }
            } else {
                daemon = process
            }
        }
        guard let daemon else { throw BenchError("no daemon") }
        return daemon
    }

    /// One-file edits and 500-file bursts under the running daemon, each timed from its last
    /// write to the new `ranking.json`.
    private func measureEdits(into result: inout Result) throws {
        let events = FileEvents(folders: [output, root])
        func rankedLines() -> [String] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init).filter { $0.contains(" ranked ") }
        }
        func computeMs(_ line: String?) -> Double? {
            guard let line, let r = line.range(of: #" in ([0-9.,]+) ms"#, options: .regularExpression) else { return nil }
            return Double(line[r].dropFirst(4).dropLast(3).replacingOccurrences(of: ",", with: ""))
        }
        func rewrite(team t: Int, file f: Int, revision: Int) throws {
            let path = root + "/" + generator.path(team: t, file: f)
            try generator.file(team: t, file: f, revision: revision).write(toFile: path + ".bench~", atomically: false, encoding: .utf8)
            guard rename(path + ".bench~", path) == 0 else { throw BenchError("rename failed") }
        }
        /// Makes `change`, then times it from its last write to the new ranking.json (and reads
        /// the daemon's own compute figure from its log line).
        func measure(_ what: String, timeout: Double, _ change: () throws -> Void) throws -> (ms: Double, compute: Double?) {
            events.drain()
            let landed = events.landed["ranking.json", default: 0]
            let lines = rankedLines().count
            try change()
            let start = Date()
            guard events.wait(seconds: timeout, until: { events.landed["ranking.json", default: 0] > landed }) else {
                throw BenchError("\(what): no new ranking.json within \(Int(timeout)) s")
            }
            let ms = Date().timeIntervalSince(start) * 1000
            events.wait(seconds: 60) { rankedLines().count > lines }
            return (ms, computeMs(rankedLines().last))
        }
        var revision = 1
        for k in 0..<edits {
            let m = try measure("edit \(k)", timeout: 60) {
                try rewrite(team: k % generator.shape.teams, file: k % generator.shape.filesPerTeam, revision: revision)
            }
            revision += 1
            result.edit.append(m.ms)
            if let c = m.compute { result.editCompute.append(c) }
        }
        for _ in 0..<bursts {
            let m = try measure("burst", timeout: 120) {
                for i in 0..<min(500, generator.shape.files) {
                    try rewrite(team: i % generator.shape.teams, file: (i / generator.shape.teams) % generator.shape.filesPerTeam, revision: revision)
                }
            }
            revision += 1
            result.burst.append(m.ms)
            if let c = m.compute { result.burstCompute.append(c) }
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Order statistics.
enum Stats {
    /// The `p`th percentile of the figures that were measured (NaN: not measured in that run).
    static func percentile(_ xs: [Double], _ p: Double) -> Double? {
        let s = xs.filter { !$0.isNaN }.sorted()
        guard !s.isEmpty else { return nil }
        let rank = p / 100 * Double(s.count - 1)
        let lo = Int(rank.rounded(.down)), hi = Int(rank.rounded(.up))
        return s[lo] + (s[hi] - s[lo]) * (rank - Double(lo))
    }
    static func median(_ xs: [Double]) -> Double? { percentile(xs, 50) }
}

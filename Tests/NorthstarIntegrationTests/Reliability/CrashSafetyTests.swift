import Foundation
import NorthstarProbe
import Testing

/// `kill -9` at random moments while the daemon recomputes a 1,000-item backlog: every output
/// must always parse and be complete, the change log must never hold a torn line, and a restart
/// must record what changed while it was down. `make test` kills it a few times;
/// `make reliability` 200 times (`NORTHSTAR_CRASH_KILLS`).
@Suite("Reliability: crash safety", .serialized)
struct CrashSafetyTests {
    static var kills: Int { Int(ProcessInfo.processInfo.environment["NORTHSTAR_CRASH_KILLS"] ?? "") ?? 6 }

    /// Checks every output in `folder` is whole. Returns the problems found.
    static func damage(in output: String) -> [String] {
        var problems: [String] = []
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: output)) ?? [] {
            let path = output + "/" + name
            guard let data = fm.contents(atPath: path) else { problems.append("\(name): unreadable"); continue }
            if name.hasPrefix(".") { continue }  // a temporary left by the kill: never a target name
            switch name {
            case "ranking.json", "diagnostics.json":
                if (try? JSONSerialization.jsonObject(with: data)) == nil { problems.append("\(name): does not parse (\(data.count) bytes)") }
            case "changes.jsonl":
                let text = String(decoding: data, as: UTF8.self)
                if !text.isEmpty && !text.hasSuffix("\n") { problems.append("changes.jsonl: torn last line") }
                for line in text.split(separator: "\n") where (try? JSONSerialization.jsonObject(with: Data(line.utf8))) == nil {
                    problems.append("changes.jsonl: a line does not parse")
                }
            case "ranking.csv":
                if !String(decoding: data, as: UTF8.self).hasSuffix("\r\n") { problems.append("ranking.csv: incomplete") }
            case "RANKING.md", "CHANGELOG.md", "northstar.prom":
                if !String(decoding: data, as: UTF8.self).hasSuffix("\n") { problems.append("\(name): incomplete") }
            default:
                break
            }
        }
        return problems
    }

    @Test("kill -9 during heavy recomputation never leaves a broken output")
    func killNine() throws {
        let folder = try TemporaryFolder()
        let bench = URL(fileURLWithPath: NorthstarBinary.path).deletingLastPathComponent().appendingPathComponent("northstar-bench").path
        #expect(try NorthstarBinary.runTool(bench, ["generate", "--corpus", "team", "--seed", "3", "--out", folder.path + "/c"]).status == 0)
        let root = folder.path + "/c"
        let output = root + "/out"
        var rng = SplitMix64(seed: 99)
        var damaged: [String] = []
        var missed = 0
        for kill in 0..<Self.kills {
            let log = root + "/daemon-\(kill).log"
            let daemon = try SpawnedProcess(NorthstarBinary.path, ["watch", "--config", root + "/northstar.yaml"], logPath: log)
            let events = FileEvents(folders: [root])
            let started = events.wait(seconds: 30) { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("watching ") }
            #expect(started, "daemon \(kill) did not start")
            // A burst that makes the daemon re-rank and rewrite everything, then a kill at a
            // random moment inside the recomputation.
            for f in 0..<40 {
                let path = root + "/backlog/\(["pantry", "delivery", "nutrition", "advice", "digital", "volunteers", "partnerships", "housing"][f % 8])/items-\(f).yaml"
                if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                    let edited = text.replacingOccurrences(of: #"    need: \d+\n"#, with: "    need: \(1 + rng.below(5))\n", options: .regularExpression)
                    try edited.write(toFile: path, atomically: true, encoding: .utf8)
                }
            }
            usleep(UInt32(120_000 + rng.below(150_000)))  // settle is 150 ms: land inside the write
            daemon.signal(SIGKILL)
            _ = daemon.wait()
            damaged += Self.damage(in: output).map { "after kill \(kill): \($0)" }
        }
        #expect(damaged.isEmpty, "\(damaged)")
        // A restart records, as one start-up entry, what changed while the daemon was down.
        let before = (try? String(contentsOfFile: output + "/changes.jsonl", encoding: .utf8))?.split(separator: "\n").count ?? 0
        let path = root + "/backlog/pantry/items-0.yaml"
        try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: #"    cost: \d+\n"#, with: "    cost: 37\n", options: .regularExpression).write(toFile: path, atomically: true, encoding: .utf8)
        let log = root + "/daemon-final.log"
        let daemon = try SpawnedProcess(NorthstarBinary.path, ["watch", "--config", root + "/northstar.yaml"], logPath: log)
        let events = FileEvents(folders: [root])
        events.wait(seconds: 30) { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("watching ") }
        let exit = daemon.terminate()
        #expect(exit.status == 0)
        let lines = (try? String(contentsOfFile: output + "/changes.jsonl", encoding: .utf8))?.split(separator: "\n") ?? []
        if lines.count > before { missed += 1 }
        #expect(lines.count == before + 1, "before \(before), after \(lines.count); log: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        #expect(lines.last?.contains("\"kind\":\"startup\"") == true, "no start-up entry: \(lines.last?.prefix(200) ?? "")")
        #expect(Self.damage(in: output).isEmpty)
        // Temporaries the kills left between flush and rename are cleared by the next writer.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix(".northstar-tmp-") }
        #expect(leftovers.isEmpty, "abandoned temporaries: \(leftovers)")
        print("crash: \(Self.kills) kills -9, \(damaged.count) damaged outputs, restart recorded missed changes: \(missed == 1)")
    }
}

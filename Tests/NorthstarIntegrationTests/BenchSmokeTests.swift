import Foundation
import Testing

/// The benchmark tools, run on a tiny corpus so `make test` proves they work (the real
/// measurements are `make bench`, never part of the tests: no timing is asserted here).
@Suite("Benchmark harness smoke run")
struct BenchSmokeTests {
    static var bench: String { URL(fileURLWithPath: NorthstarBinary.path).deletingLastPathComponent().appendingPathComponent("northstar-bench").path }

    @Test("the generator is deterministic: the same seed gives the same bytes")
    func deterministicCorpus() throws {
        let a = try TemporaryFolder(), b = try TemporaryFolder()
        for folder in [a, b] {
            let p = try NorthstarBinary.runTool(Self.bench, ["generate", "--corpus", "tiny", "--seed", "7", "--out", folder.path + "/c"])
            #expect(p.status == 0, "\(p.stderr)")
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path + "/c").filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count == 21)   // 20 backlog files and the config
        for f in files { expectSameLines(try a.read("c/" + f), try b.read("c/" + f), f) }
        let check = try NorthstarBinary.run(["check", "--config", a.path + "/c/northstar.yaml"])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test("the harness measures a tiny corpus and prints the table")
    func harness() throws {
        let work = try TemporaryFolder()
        let r = try NorthstarBinary.runTool(Self.bench, ["run", "--corpus", "tiny", "--work", work.path, "--cold-runs", "2", "--ready-runs", "1", "--edits", "3", "--bursts", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("| corpus | items | files | cold rank | peak RSS | start-up to READY |"))
        let row = r.stdout.split(separator: "\n").first { $0.hasPrefix("| tiny | 60 | 20 |") }
        #expect(row != nil, "\(r.stdout)")
        #expect(row.map { !$0.contains("–") } == true, "every figure measured: \(row ?? "")")
        #expect(r.stdout.contains("- tiny: config"))
        // The floors: files read and parsed by libyaml in C, the outputs copied (and made durable), each ratio given.
        let floors = r.stdout.split(separator: "\n").first { $0.hasPrefix("| tiny | ") && $0.contains(" events, ") }
        #expect(floors != nil, "\(r.stdout)")
        if let floors {
            let cells = floors.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.count == 11 && cells.dropFirst(5).allSatisfy { $0.hasSuffix("×") }, "\(floors)")
            #expect(!floors.contains("(0 events"), "libyaml produced events")
            #expect(!floors.contains("–"), "every floor measured: \(floors)")
        }
    }
}

import Foundation
import Testing
@testable import NorthstarCore

/// Every input the fuzzer (`make fuzz`, Fuzz/BacklogFuzzer.swift) ever crashed on, replayed
/// through the same path: load, evaluate, render every output, explain every item, read as a
/// config. Each must come back with located diagnostics, never a trap.
@Suite("Fuzzer regressions")
struct FuzzRegressionTests {
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Fuzz/regressions"
    }()

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("crash inputs found by the fuzzer load and render cleanly", arguments: inputs)
    func replay(name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.folder + "/" + name)).map { $0 }
        let file = BacklogFileLoader().load(bytes, path: "fuzz.yaml")
        #expect(file == BacklogFileLoader().loadThroughNodes(bytes, path: "fuzz.yaml"), "the fast reading and the node reading differ")
        for d in file.diagnostics { #expect(d.location.line >= 1 && d.location.column >= 1) }
        for capacity in [nil, 10.0] {
            var config = Fixtures.config()
            config.capacity = capacity
            config.uncertainty = UncertaintySettings(draws: 16, seed: 1, top: 3)
            var evaluation = Evaluation.evaluate([file], config: config)
            evaluation.uncertainty = MonteCarlo.run(evaluation)
            #expect(evaluation.uncertainty?.items.count == evaluation.ranked.count)
            #expect(!OutputFiles.render(evaluation).isEmpty)
            for r in evaluation.ranked { #expect(Explanation.render(r.item.id, in: evaluation) != nil) }
        }
        _ = ConfigLoader().load(bytes, absolutePath: "/fuzz/c.yaml", displayPath: "c.yaml")
    }

    @Test("absurd figures are located errors, never infinite scores", arguments: [
        ("reach: 1e300", "'reach' must be at most 10,000,000,000"), ("cost: 1e300", "'cost' must be at most 1,000,000,000"),
        ("reach: {rural: 2e10}", "'reach.rural' must be at most 10,000,000,000"),
    ])
    func absurd(line: String, message: String) throws {
        let file = Fixtures.parse("id: X\nobjectives: {food: 1}\nneed: 5\nreach: 5\ncost: 1\n".replacingOccurrences(of: line.hasPrefix("reach") ? "reach: 5" : "cost: 1", with: line))
        #expect(file.items.isEmpty)
        #expect(file.diagnostics.contains { $0.message.hasPrefix(message) }, "\(file.diagnostics)")
    }
}

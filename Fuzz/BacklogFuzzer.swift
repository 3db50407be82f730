// libFuzzer target over backlog-file loading (both readings, which must agree), validation, scoring, the uncertainty analysis
// and rendering: any input
// bytes must give items and located diagnostics, never a crash, a hang or an unbounded
// allocation. Built and run by `make fuzz` (part of `make reliability`); inputs that ever
// crashed it are kept in Fuzz/regressions/ and replayed by the unit tests.

@_cdecl("LLVMFuzzerTestOneInput")
public func northstarFuzzBacklog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzHarness.exercise(bytes)
    return 0
}

enum FuzzHarness {
    static let config: Config = {
        var c = Config(sourcePath: "/fuzz/northstar.yaml", backlogPath: "/fuzz/backlog", outputPath: "/fuzz/out",
                       objectives: [Objective(id: "food-security", weight: 3), Objective(id: "nutrition", weight: 2)])
        c.equity = EquityWeights(groups: ["low-income": 2, "rural": 1.5, "general": 1], defaultWeight: 1)
        return c
    }()

    static func exercise(_ bytes: [UInt8]) {
        let file = BacklogFileLoader().load(bytes, path: "fuzz.yaml")
        // The fast reading of clean files must find exactly what the general reading finds.
        precondition(file == BacklogFileLoader().loadThroughNodes(bytes, path: "fuzz.yaml"), "the event reading and the node reading differ")
        for d in file.diagnostics {
            precondition(d.location.line >= 1 && d.location.column >= 1, "diagnostic without a location: \(d)")
        }
        // Without and with a capacity: the draws plan again when there is one.
        for capacity in [nil, 10.0] {
            var c = config
            c.capacity = capacity
            c.uncertainty = UncertaintySettings(draws: 16, seed: 1, top: 3)
            var evaluation = Evaluation.evaluate([file], config: c)
            evaluation.uncertainty = MonteCarlo.run(evaluation)
            if let u = evaluation.uncertainty {
                precondition(u.items.count == evaluation.ranked.count, "one interval per ranked item")
                for x in u.items { precondition(x.rankP10 <= x.medianRank && x.medianRank <= x.rankP90 && x.chance >= 0 && x.chance <= 1, "\(x)") }
            }
            _ = RankingJSON.bytes(evaluation)
            _ = RankingCSV.render(evaluation)
            _ = RankingMarkdown.render(evaluation)
            _ = ReportPage.render(evaluation)
            _ = DiagnosticsJSON.render(evaluation.diagnostics)
            for r in evaluation.ranked { _ = Explanation.render(r.item.id, in: evaluation) }
        }
        _ = ConfigLoader().load(bytes, absolutePath: "/fuzz/c.yaml", displayPath: "c.yaml")
    }
}

import NorthstarCore

/// Small builders shared by the core tests.
enum Fixtures {
    /// The objectives and equity weights most tests use (weights 3 and 1, total 4).
    static func config(model: ScoringModelKind = .impact, scale: ReachScale = .linear) -> Config {
        var c = Config(sourcePath: "/t/northstar.yaml", backlogPath: "/t/backlog", outputPath: "/t/out",
                       objectives: [Objective(id: "food", weight: 3), Objective(id: "digital", weight: 1)])
        c.equity = EquityWeights(groups: ["low-income": 2, "rural": 1.5, "general": 1], defaultWeight: 1)
        c.model = model
        c.reachScale = scale
        return c
    }

    /// Parses `yaml` as the backlog file `path`.
    static func parse(_ yaml: String, path: String = "t.yaml") -> ParsedFile {
        BacklogFileLoader().load(Array(yaml.utf8), path: path)
    }

    /// A minimal valid open item as YAML.
    static func itemYAML(id: String, need: Double = 3, reach: Double = 100, cost: Double = 1,
                         food: Double = 1, confidence: Double = 1, extra: String = "") -> String {
        """
        id: \(id)
        objectives: {food: \(food)}
        need: \(need)
        reach: \(reach)
        confidence: \(confidence)
        cost: \(cost)
        \(extra)
        """
    }

    /// Evaluates YAML files (name -> text) under `config`.
    static func evaluate(_ files: [(String, String)], config: Config = config()) -> Evaluation {
        Evaluation.evaluate(files.map { parse($0.1, path: $0.0) }, config: config)
    }

    /// The codes of `diagnostics`, in order.
    static func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.code.rawValue) }
}

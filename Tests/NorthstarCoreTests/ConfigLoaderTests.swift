import Testing
@testable import NorthstarCore

@Suite("Loading the config")
struct ConfigLoaderTests {
    func load(_ yaml: String) -> ConfigLoadResult {
        ConfigLoader().load(Array(yaml.utf8), absolutePath: "/srv/team/config/northstar.yaml", displayPath: "northstar.yaml")
    }

    @Test("a config with every setting reads in full, folders relative to the config file")
    func full() throws {
        let result = load("""
            mission: Everyone in the county can get enough nutritious food.
            backlog: ../examples/food-bank/backlog
            output: /var/lib/northstar/out
            cost_unit: person-weeks
            objectives:
              food-security:     {weight: 3, name: Food security, metric: households with reliable access}
              digital-inclusion: {weight: 1, name: Digital inclusion}
            equity:
              groups: {low-income: 2.0, rural: 1.5, disabled: 2.0, general: 1.0}
              default: 1.0
            scoring:
              model: rice
              dependencies: inherit
              reach_scale: sqrt
              default_confidence: 0.4
            capacity: 20
            formats: [json, csv]
            watch: {settle_ms: 100, max_delay_ms: 1000}
            limits: {max_file_bytes: 2048}
            """)
        #expect(result.diagnostics.map(\.description) == [])
        let c = try #require(result.config)
        #expect(c.backlogPath == "/srv/team/examples/food-bank/backlog")
        #expect(c.outputPath == "/var/lib/northstar/out")
        #expect(c.objectives.map(\.id) == ["food-security", "digital-inclusion"])
        #expect(c.objectives[0].metric == "households with reliable access")
        #expect(c.equity.weight(for: "rural") == 1.5)
        #expect(c.equity.weight(for: "unlisted") == 1.0)
        #expect(c.model == .rice)
        #expect(c.reachScale == .sqrt)
        #expect(c.defaultConfidence == 0.4)
        #expect(c.capacity == 20)
        #expect(c.formats == [.json, .csv])
        #expect(c.watch == WatchSettings(settleMs: 100, maxDelayMs: 1000))
        #expect(c.maxFileBytes == 2048)
        #expect(c.dependencyOrder == .inherit)
    }

    @Test("plan floors: shares of the funded value per group or objective, checked and located")
    func floors() throws {
        let base = "objectives: {nutrition: 1, access: 1}\nequity: {groups: {refugees: 2}}\ncapacity: 10\n"
        let ok = load(base + "plan: {floors: {groups: {refugees: 0.1}, objectives: {nutrition: 0.15}}}\n")
        #expect(ok.diagnostics.isEmpty)
        let floors = try #require(ok.config).floors
        #expect(floors.map(\.label) == ["groups.refugees", "objectives.nutrition"])
        #expect(floors.map(\.share) == [0.1, 0.15])
        let cases: [(String, String)] = [
            ("plan: {floors: {groups: {refugee: 0.1}}}\n", "4:26: warning: floor on unknown beneficiary group 'refugee' (did you mean 'refugees'?)"),
            ("plan: {floors: {groups: {refugees: 10}}}\n", "4:36: error: floor 'groups.refugees' is a share of the funded value: more than 0, at most 1 (0.10 for 10%)"),
            ("plan: {floors: {objectives: {nutrition: 0.7, access: 0.6}}}\n", "4:16: error: the objectives floors ask for 130% of the funded value together; they cannot add up to more than 100%"),
            ("plan: {floor: {}}\n", "4:8: error: unknown field 'floor' in 'plan'"),
        ]
        for (yaml, expected) in cases {
            let descriptions = load(base + yaml).diagnostics.map(\.description)
            #expect(descriptions.contains { $0.hasPrefix("northstar.yaml:" + expected) }, "\(yaml): \(descriptions)")
        }
        let noCapacity = load("objectives: {a: 1}\nplan: {floors: {objectives: {a: 0.5}}}\n")
        #expect(noCapacity.diagnostics.map(\.message) == ["'plan.floors' apply to a budget plan, and there is none without 'capacity'"])
    }

    @Test("defaults: backlog and rankings beside the config, every format that writes something")
    func defaults() throws {
        let c = try #require(load("objectives: {a: 1}\n").config)
        #expect(c.backlogPath == "/srv/team/config/backlog")
        #expect(c.outputPath == "/srv/team/config/rankings")
        #expect(c.model == .impact)
        #expect(c.defaultConfidence == 0.5)
        #expect(c.formats == [.json, .csv, .markdown, .html])
    }

    static let problems: [(String, String, Int, Int)] = [
        ("mission: x\n", "missing-objectives", 1, 1),
        ("objectives: {a: -1}\n", "range", 1, 17),
        ("objectives: {a: 0}\n", "range", 1, 13),
        ("objectives: {a: {name: A}}\n", "missing-weight", 1, 17),
        ("objectives: {a: 1}\nscoring: {model: rise}\n", "model", 2, 18),
        ("objectives: {a: 1}\nscoring: {reach_scale: cubic}\n", "reach-scale", 2, 24),
        ("objectives: {a: 1}\nequity: {groups: {rural: 0}}\n", "range", 2, 26),
        ("objectives: {a: 1}\nformats: [pdf]\n", "format", 2, 11),
        ("objectives: {a: 1}\nbacklog: out/backlog\noutput: out\n", "folders", 3, 9),
        ("objectives: {a: 1\n", "yaml-syntax", 2, 1),
        ("objectives: {a: 1}\nreport: {max_rows: 0}\n", "range", 2, 20),
        ("objectives: {a: 1}\nmarkdown: {max_rows: 2.5}\n", "range", 2, 22),
        ("objectives: {a: 1}\nreport: 500\n", "type", 2, 9),
        ("objectives: {a: 1}\nuncertainty: {draws: -1}\n", "range", 2, 22),
        ("objectives: {a: 1}\nuncertainty: {seed: 1.5}\n", "range", 2, 21),
        ("objectives: {a: 1}\nuncertainty: {top: 0}\n", "range", 2, 20),
        ("objectives: {a: 1}\nuncertainty: {draws: 100001}\n", "range", 2, 22),
        ("objectives: {a: 1}\nuncertainty: 1000\n", "type", 2, 14),
    ]

    @Test("config problems are located like backlog ones", arguments: problems)
    func errors(yaml: String, code: String, line: Int, column: Int) throws {
        let result = load(yaml)
        #expect(result.config == nil)
        let d = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(d.code.rawValue == code)
        #expect(d.location == SourceLocation(line: line, column: column))
        #expect(d.path == "northstar.yaml")
    }

    @Test("unknown config keys: misspelt anywhere or unknown at the top level are errors; other unknown nested keys are warnings",
          arguments: [
            ("objectives: {a: 1}\nequty: {default: 2}\n", "unknown field 'equty' in the config (did you mean 'equity'?); a misspelt field would be ignored, so it is an error", false),
            ("objectives: {a: 1}\nteam_name: x\n", "unknown field 'team_name' in the config; use one of mission, backlog, output, cost_unit, objectives, equity, scoring, capacity, plan, formats, watch, limits, metrics_path, markdown, report, uncertainty", false),
            ("objectives: {a: 1}\nscoring: {modle: impact}\n", "unknown field 'modle' in 'scoring' (did you mean 'model'?); a misspelt field would be ignored, so it is an error", false),
            ("objectives: {a: 1}\nequity: {defualt: 2}\n", "unknown field 'defualt' in 'equity' (did you mean 'default'?); a misspelt field would be ignored, so it is an error", false),
            ("objectives: {a: 1}\nwatch: {poll_ms: 5}\n", "unknown field 'poll_ms' in 'watch'; it is ignored", true),
          ])
    func unknownKeys(yaml: String, message: String, loads: Bool) {
        let result = load(yaml)
        #expect((result.config != nil) == loads)
        #expect(result.diagnostics.map(\.message) == [message])
    }

    @Test("markdown.max_rows and report.max_rows cap the tables; 500 each by default")
    func maxRows() throws {
        let defaults = try #require(load("objectives: {a: 1}\n").config)
        #expect(defaults.markdownMaxRows == 500 && defaults.reportMaxRows == 500)
        let set = try #require(load("objectives: {a: 1}\nmarkdown: {max_rows: 20}\nreport: {max_rows: 7}\n").config)
        #expect(set.markdownMaxRows == 20 && set.reportMaxRows == 7)
    }

    @Test("uncertainty: 1,000 draws from seed 1 and a top of 10 by default; each can be set, and draws: 0 turns it off")
    func uncertainty() throws {
        let defaults = try #require(load("objectives: {a: 1}\n").config)
        #expect(defaults.uncertainty == UncertaintySettings(draws: 1000, seed: 1, top: 10) && defaults.uncertainty.isEnabled)
        let set = try #require(load("objectives: {a: 1}\nuncertainty: {draws: 250, seed: 42, top: 3}\n").config)
        #expect(set.uncertainty == UncertaintySettings(draws: 250, seed: 42, top: 3))
        let off = try #require(load("objectives: {a: 1}\nuncertainty: {draws: 0}\n").config)
        #expect(!off.uncertainty.isEnabled)
    }

    @Test("format 'html' is accepted without a warning: it writes report.html")
    func html() throws {
        let result = load("objectives: {a: 1}\nformats: [json, html]\n")
        #expect(result.config?.formats == [.json, .html])
        #expect(result.diagnostics.isEmpty)
    }

    @Test("the scoring digest changes with weights, not with folders")
    func digest() throws {
        let a = try #require(load("objectives: {a: 1}\nbacklog: x\n").config)
        let b = try #require(load("objectives: {a: 1}\nbacklog: y\n").config)
        let c = try #require(load("objectives: {a: 2}\nbacklog: x\n").config)
        #expect(a.scoringDigest == b.scoringDigest)
        #expect(a.scoringDigest != c.scoringDigest)
    }
}

import Foundation
import Testing

/// `northstar schema`'s JSON Schemas, checked with a real validator (Python's jsonschema, with
/// ruamel.yaml reading YAML 1.2 as Northstar does; both installed by `make test`): every example
/// validates, and the schema rejects a file exactly when `check` finds a problem the schema can
/// state (a wrong type, a figure out of range, a field Northstar does not read).
@Suite("JSON Schemas for editors, checked by a real validator")
struct SchemaTests {
    /// Validates each file against the schema at `schema`: "valid", "invalid: <first error>", or
    /// "unparseable: <why>" by path.
    static func validate(_ files: [String], against schema: String) throws -> [String: String] {
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            from ruamel.yaml import YAML
            request = json.load(sys.stdin)
            schema = json.load(open(request["schema"]))
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema)
            yaml = YAML(typ="safe", pure=True)
            verdicts = {}
            for path in request["files"]:
                try:
                    with open(path, "rb") as f:
                        document = yaml.load(f)
                except Exception as e:
                    verdicts[path] = "unparseable: " + type(e).__name__
                    continue
                errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path).__repr__())
                verdicts[path] = "valid" if not errors else "invalid: " + "/".join(map(str, errors[0].absolute_path)) + ": " + errors[0].message[:160]
            print(json.dumps(verdicts))
            """
        let request = try JSONSerialization.data(withJSONObject: ["schema": schema, "files": files])
        let r = try Python.run(script, input: String(decoding: request, as: UTF8.self))
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: String], "\(r.stdout)\(r.stderr)")
    }

    /// The schemas written by `northstar schema --output`.
    static func written() throws -> (folder: TemporaryFolder, backlog: String, config: String) {
        let folder = try TemporaryFolder()
        let r = try NorthstarBinary.run(["schema", "--output", folder.path + "/schemas"], in: folder.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "wrote     schemas/backlog.schema.json\nwrote     schemas/config.schema.json\n", "\(r.stdout)")
        return (folder, folder.path + "/schemas/backlog.schema.json", folder.path + "/schemas/config.schema.json")
    }

    /// The YAML files under `folder`, recursively.
    static func yamlFiles(under folder: String) -> [String] {
        ((FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    /// `check --format json`'s diagnostics for the backlog at `backlog`, by absolute path.
    static func diagnostics(backlog: String, config: String, in folder: String) throws -> [String: [[String: Any]]] {
        let r = try NorthstarBinary.run(["check", "--config", config, "--backlog", backlog, "--format", "json"], in: folder)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        var byPath: [String: [[String: Any]]] = [:]
        for d in (document["diagnostics"] as? [[String: Any]]) ?? [] {
            guard let path = d["path"] as? String else { continue }
            byPath[URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder + "/")).standardizedFileURL.path, default: []].append(d)
        }
        return byPath
    }

    /// Codes of problems a schema can state: wrong types, figures out of range, fields
    /// Northstar does not read (an unknown field is a warning for `check`, flagged by the schema).
    static let schemaCodes: Set<String> = ["type", "range", "status", "funding", "missing-id", "id", "misspelt-field", "unknown-field",
                                           "missing-objectives", "missing-weight", "model", "reach-scale", "format"]
    /// Range errors that compare two values (no schema states them).
    static let crossValue = ["must satisfy low <= likely <= high", "cannot add up to more than 100%", "at least one objective needs a weight above 0"]

    /// Whether `check`'s diagnostics hold a problem the schema states.
    static func schemaLevel(_ diagnostics: [[String: Any]]) -> Bool {
        diagnostics.contains { d in
            guard let code = d["code"] as? String, schemaCodes.contains(code) else { return false }
            let message = d["message"] as? String ?? ""
            return !crossValue.contains { message.contains($0) }
        }
    }

    @Test("both schemas are valid draft 2020-12 schemas, and the bundled example, its config, a generated corpus and init's files validate")
    func examplesValidate() throws {
        let (folder, backlog, config) = try Self.written()
        let again = try NorthstarBinary.run(["schema", "--output", "schemas"], in: folder.path)
        #expect(again.stdout == "unchanged schemas/backlog.schema.json\nunchanged schemas/config.schema.json\n", "the same bytes every run")
        let printed = try NorthstarBinary.run(["schema", "config"], in: folder.path)
        #expect(printed.stdout == (try folder.read("schemas/config.schema.json")))
        let corpus = folder.path + "/corpus"
        #expect(try NorthstarBinary.runTool(URL(fileURLWithPath: NorthstarBinary.path).deletingLastPathComponent().path + "/northstar-bench",
                                            ["generate", "--corpus", "tiny", "--out", corpus]).status == 0)
        #expect(try NorthstarBinary.run(["init", folder.path + "/starter"]).status == 0)
        let items = Self.yamlFiles(under: StagedExample.backlog) + Self.yamlFiles(under: corpus + "/backlog") + Self.yamlFiles(under: folder.path + "/starter/backlog")
        #expect(items.count > 40)
        let verdicts = try Self.validate(items, against: backlog)
        for path in items { #expect(verdicts[path] == "valid", "\(path): \(verdicts[path] ?? "not checked")") }
        let configs = [StagedExample.config, corpus + "/northstar.yaml", folder.path + "/starter/northstar.yaml"]
        let configVerdicts = try Self.validate(configs, against: config)
        for path in configs { #expect(configVerdicts[path] == "valid", "\(path): \(configVerdicts[path] ?? "not checked")") }
    }

    @Test("the broken examples: the schema rejects exactly those with a type, range or field-name problem")
    func brokenExamples() throws {
        let (schemas, backlog, _) = try Self.written()
        defer { withExtendedLifetime(schemas) {} }
        let root = StagedExample.root
        let byPath = try Self.diagnostics(backlog: "examples/broken", config: "config/northstar.yaml", in: root)
        let files = Self.yamlFiles(under: root + "/examples/broken").filter { !$0.hasSuffix("alias-bomb.yaml") }
        let verdicts = try Self.validate(files, against: backlog)
        var rejected = 0
        for path in files {
            let found = byPath[path] ?? []
            let verdict = verdicts[path] ?? "not checked"
            if found.contains(where: { ($0["code"] as? String)?.hasPrefix("yaml-") == true }) {
                #expect(verdict.hasPrefix("unparseable"), "\(path): Northstar cannot read it, the validator says \(verdict)")
                continue
            }
            let expected = Self.schemaLevel(found)
            #expect(verdict.hasPrefix("invalid") == expected, "\(path): check says \(found.map { $0["message"] ?? "" }), the schema: \(verdict)")
            if expected { rejected += 1 }
        }
        #expect(rejected >= 8, "the broken examples plant at least eight schema-level problems")
    }

    /// A value for `field`: usually one Northstar accepts, sometimes any value of any field
    /// (a wrong type, a figure out of range, a malformed range, nothing).
    static func value(for field: String, _ rng: inout SplitMix64) -> String {
        let good: [String: [String]] = [
            "title": ["Evening opening", "12", "null"], "status": ["open", "in-progress", "done", "null"],
            "objectives": ["{food-security: 0.5}", "{nutrition: 1, resilience: 0}", "null", "{}"],
            "need": ["3", "{low: 2, high: 4}", "{low-income: 4, general: 2}", "{rural: {low: 1, likely: 2, high: 5}}"],
            "reach": ["100", "{low: 10, likely: 20, high: 40}", "{rural: 300}", "{}"], "confidence": ["0.7", "{low: 0.2, high: 0.9}", "1"],
            "cost": ["2", "0.5", "{low: 1, high: 3}"], "depends_on": ["[A-1]", "A-2", "null", "[]"], "tags": ["[a, b]", "x"],
            "owner": ["sam", "null"], "funding": ["must", "never", "null"], "notes": ["anything: [at, all]", "text"],
            "impact": ["3", "0.5", "0.25"], "effort": ["4", "{low: 1, high: 2}"], "job_size": ["8"], "business_value": ["0", "5"],
        ]
        let any = ["0", "-2", "7", "1e11", "2e9", "three", "\"4\"", "true", "", "[1, 2]", "{low: 1}", "{low: 3, likely: 2, high: 4}",
                   "{low: 0, high: 9}", "{rural: -1}", "{odd: x}", "in progress", "sometimes", "1.5", "{food-security: 2}", "{a: {b: c}}",
                   "{low: 1, rural: 2}", "[[1]]", ".inf", "-.inf", "{low: 1, high: .inf}"]
        if let choices = good[field], rng.below(4) != 0 { return choices[rng.below(choices.count)] }
        return any[rng.below(any.count)]
    }

    @Test("property: on random items, the schema rejects a file exactly when check finds a schema-level problem in it")
    func randomItems() throws {
        let (folder, backlog, _) = try Self.written()
        try folder.writeConfig()
        var rng = SplitMix64(seed: 20261201)
        let fields = ["title", "status", "objectives", "need", "reach", "confidence", "cost", "depends_on", "tags", "owner", "funding",
                      "notes", "impact", "effort", "job_size", "business_value"]
        var paths: [String] = []
        for n in 0..<300 {
            var text = rng.below(25) == 0 ? "" : "id: R-\(n)\n"
            if rng.below(20) == 0 { text = "id: \"  \"\n" }
            for field in fields where rng.below(3) == 0 { text += "\(field): \(Self.value(for: field, &rng))\n" }
            // Now and then a field of one's own, or a misspelt one.
            if rng.below(15) == 0 { text += ["reviewer: sam\n", "titel: x\n", "costs: 3\n"][rng.below(3)] }
            let name = "backlog/r\(n).yaml"
            try folder.write(name, text.isEmpty ? "title: no id\n" : text)
            paths.append(folder.path + "/" + name)
        }
        let byPath = try Self.diagnostics(backlog: "backlog", config: "northstar.yaml", in: folder.path)
        let verdicts = try Self.validate(paths, against: backlog)
        var rejected = 0, accepted = 0
        for path in paths {
            let found = byPath[path] ?? []
            let verdict = verdicts[path] ?? "not checked"
            guard !verdict.hasPrefix("unparseable"), !found.contains(where: { ($0["code"] as? String)?.hasPrefix("yaml-") == true }) else { continue }
            let expected = Self.schemaLevel(found)
            let text = (try? folder.read(String(path.dropFirst(folder.path.count + 1)))) ?? ""
            #expect(verdict.hasPrefix("invalid") == expected,
                    "\(text)check: \(found.map { "\($0["code"] ?? ""): \($0["message"] ?? "")" }); schema: \(verdict)")
            if expected { rejected += 1 } else { accepted += 1 }
        }
        #expect(rejected > 100 && accepted > 10, "\(rejected) rejected, \(accepted) accepted")
    }

    @Test("config snippets: the schema rejects exactly the configs check finds a schema-level problem in", arguments: [
        "objectives: {a: 1}\n",
        "objectives: {a: {weight: 2, name: A, metric: m}}\n",
        "objectives: {a: -1}\n",
        "objectives: {a: {name: A}}\n",
        "objectives: {a: {weight: 1, colour: red}}\n",
        "mission: null\nobjectives: {a: 1}\n",
        "objectives: {a: 1}\nequty: {default: 2}\n",
        "objectives: {a: 1}\nequity: {groups: {rural: 0}}\n",
        "objectives: {a: 1}\nequity: {default: 1.5, groups: {rural: 2}}\n",
        "objectives: {a: 1}\nscoring: {model: rice, reach_scale: sqrt, default_confidence: 0.4, dependencies: inherit}\n",
        "objectives: {a: 1}\nscoring: {model: ice}\n",
        "objectives: {a: 1}\nscoring: {reach_scale: cube}\n",
        "objectives: {a: 1}\nscoring: {default_confidence: 1.5}\n",
        "objectives: {a: 1}\ncapacity: 0\n",
        "objectives: {a: 1}\ncapacity: null\n",
        "objectives: {a: 1}\ncapacity: 2e15\n",
        "objectives: {a: 1}\nformats: [json, pdf]\n",
        "objectives: {a: 1}\nformats: json\n",
        "objectives: {a: 1}\nuncertainty: {draws: 10.5}\n",
        "objectives: {a: 1}\nuncertainty: {draws: 0, seed: 7, top: 3}\n",
        "objectives: {a: 1}\nmarkdown: {max_rows: 0}\n",
        "objectives: {a: 1}\nwatch: {settle_ms: 100, max_delay_ms: 700000}\n",
        "objectives: {a: 1}\nlimits: {max_file_bytes: 100}\n",
        "objectives: {a: 1}\nplan: {floors: {groups: {rural: 0.2}, objectives: {a: 1.5}}}\n",
        "objectives: {a: 1}\nplan: {floors: {group: {rural: 0.2}}}\n",
        "backlog: 12\nobjectives: {a: 1}\n",
        "backlog: [a]\nobjectives: {a: 1}\n",
        "cost_unit: weeks\n",
        "objectives: {a: .inf}\n",
        "objectives: {a: 1}\nequity: {groups: {rural: .inf}}\n",
        "objectives: {a: 1}\nformats:\n",
        "objectives: {a: 1}\nformats: []\n",
    ])
    func configs(snippet: String) throws {
        let (folder, _, config) = try Self.written()
        try FileManager.default.createDirectory(atPath: folder.path + "/backlog", withIntermediateDirectories: true)
        try folder.write("northstar.yaml", snippet)
        let r = try NorthstarBinary.run(["check", "--config", "northstar.yaml", "--format", "json"], in: folder.path)
        // A config with errors ranks nothing: its diagnostics are printed as text on stderr.
        var lines = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") }.map(String.init)
        if let document = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] {
            lines += ((document["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["message"] as? String }
        }
        let stated = lines.contains { line in
            !Self.crossValue.contains { line.contains($0) }
                && ["should be", "must be", "must not be", "unknown field", "unknown scoring model", "unknown reach scale", "unknown output format",
                    "has no 'objectives'", "has no 'weight'", "is empty", "unknown dependency order", "is a share of the funded value"].contains { line.contains($0) }
        }
        let verdict = try Self.validate([folder.path + "/northstar.yaml"], against: config)[folder.path + "/northstar.yaml"] ?? ""
        #expect(verdict.hasPrefix("invalid") == stated, "\(snippet)check: \(lines); schema: \(verdict)")
    }
}

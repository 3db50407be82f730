import Foundation
import Testing

@Suite("The northstar command, run for real")
struct CommandLineTests {
    @Test("check passes on the bundled example")
    func checkExample() throws {
        let r = try NorthstarBinary.run(["check", "--config", "config/northstar.yaml"], in: StagedExample.root)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.hasSuffix("0 errors, 0 warnings\n"))
    }

    @Test("check on the broken backlog prints one located line per planted problem and exits 1")
    func checkBroken() throws {
        let r = try NorthstarBinary.run(["check", "--backlog", "examples/broken"], in: StagedExample.root)
        #expect(r.status == 1)
        let expected = try String(contentsOfFile: StagedExample.root + "/examples/broken/expected-diagnostics.txt", encoding: .utf8)
        expectSameLines(r.stderr, expected, "check's output for examples/broken")
        // Every file that plants an error is named by an error line.
        let planted = try FileManager.default.contentsOfDirectory(atPath: StagedExample.root + "/examples/broken")
            .filter { $0.hasSuffix(".yaml") && !["warnings.yaml", "empty.yaml"].contains($0) }
        for file in planted {
            #expect(r.stderr.contains("examples/broken/\(file):"), "no diagnostic for \(file)")
        }
        for line in r.stderr.split(separator: "\n").dropLast() {
            #expect(line.wholeMatch(of: /[^:]+:\d+:\d+: (error|warning): .+/) != nil, "not path:line:col: \(line)")
        }
    }

    @Test("check --format github: one workflow command per planted problem, file, line and column as the text form gives them (golden file)")
    func checkGitHub() throws {
        let r = try NorthstarBinary.run(["check", "--backlog", "examples/broken", "--format", "github"], in: StagedExample.root)
        #expect(r.status == 1)
        let golden = NorthstarBinary.repositoryRoot + "/Tests/NorthstarIntegrationTests/Golden/check-github.txt"
        if ProcessInfo.processInfo.environment["NORTHSTAR_UPDATE_GOLDEN"] == "1" { try r.stdout.write(toFile: golden, atomically: true, encoding: .utf8) }
        expectSameLines(r.stdout, try String(contentsOfFile: golden, encoding: .utf8), "check --format github (golden file \(golden))")
        let text = try NorthstarBinary.run(["check", "--backlog", "examples/broken"], in: StagedExample.root)
        let located = text.stderr.split(separator: "\n").dropLast()
        let commands = r.stdout.split(separator: "\n")
        #expect(commands.count == located.count)
        for (command, line) in zip(commands, located) {
            // The runner's syntax: ::error|warning key=value,...::message, with % : , CR LF escaped in values.
            let parts = try #require(command.wholeMatch(of: /::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),title=northstar [a-z-]+::(.+)/), "\(command)")
            #expect(line.hasPrefix("\(parts.2):\(parts.3):\(parts.4): \(parts.1): "), "\(command) vs \(line)")
            #expect(!parts.5.contains("\n") && !parts.5.contains("\r"))
        }
    }

    @Test("check --format gitlab writes a Code Quality report; --format json the diagnostics.json document")
    func checkGitLabAndJSON() throws {
        let gitlab = try NorthstarBinary.run(["check", "--backlog", "examples/broken", "--format", "gitlab"], in: StagedExample.root)
        #expect(gitlab.status == 1)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(gitlab.stdout.utf8)) as? [[String: Any]])
        #expect(issues.count == 26)
        for issue in issues {
            #expect(issue["description"] is String && (issue["check_name"] as? String)?.hasPrefix("northstar-") == true)
            #expect(["major", "minor"].contains(issue["severity"] as? String ?? ""))
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.hasPrefix("examples/broken/") == true && (location["lines"] as? [String: Any])?["begin"] is Int)
        }
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count, "fingerprints are unique")
        let json = try NorthstarBinary.run(["check", "--backlog", "examples/broken", "--format", "json"], in: StagedExample.root)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["errors"] as? Int == 20 && document["warnings"] as? Int == 6)
        let clean = try NorthstarBinary.run(["check", "--format", "gitlab"], in: StagedExample.root)
        #expect(clean.status == 0 && clean.stdout == "[]\n")
    }

    @Test("rank writes the outputs, and a second run leaves every modification time alone")
    func rankIsIdempotent() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        let first = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        let names = ["ranking.json", "ranking.csv", "RANKING.md", "report.html", "diagnostics.json"]
        #expect(first.stdout.hasPrefix("ranked 30 items from 27 files (0 errors, 0 warnings) -> out/\n"))
        let before = names.map { folder.modificationTime("out/" + $0) }
        let changeLogTime = folder.modificationTime("out/changes.jsonl")
        #expect(changeLogTime != nil)
        #expect(before.allSatisfy { $0 != nil })
        Thread.sleep(forTimeInterval: 0.02)
        let second = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path)
        #expect(second.status == 0)
        #expect(names.map { folder.modificationTime("out/" + $0) } == before)
        #expect(folder.modificationTime("out/changes.jsonl") == changeLogTime, "no change-log entry when nothing changed")
        #expect(second.stdout.components(separatedBy: "unchanged").count == names.count + 1)
        #expect(first.stdout.contains("appended out/changes.jsonl and CHANGELOG.md"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("rank with a change log that cannot be appended replaces no output and exits 2 (the daemon's policy too)")
    func rankChangeLogFails() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        let before = try folder.read("out/ranking.json")
        try folder.block("out/changes.jsonl")
        let fa3 = "backlog/pantry/FA-3-evening-opening.yaml"
        try folder.write(fa3, try folder.read(fa3).replacingOccurrences(of: "need: 4", with: "need: 5"))
        let r = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("northstar: change log: "))
        expectSameLines(try folder.read("out/ranking.json"), before, "ranking.json after the failed rank")
        #expect(try folder.temporaries(in: "out").isEmpty)
    }

    @Test("the order the filesystem lists files in does not change a byte of ranking.json")
    func listingOrder() throws {
        // tmpfs lists a folder in reverse creation order, so creating the same files in two
        // orders really changes what readdir returns.
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let a = try TemporaryFolder(under: base), b = try TemporaryFolder(under: base)
        try a.copyExample(into: "backlog") { $0.sorted() }
        try b.copyExample(into: "backlog") { $0.sorted().reversed() }
        for f in [a, b] { try f.writeConfig() }
        if base == "/dev/shm" {
            let listA = try FileManager.default.contentsOfDirectory(atPath: a.path + "/backlog/pantry")
            let listB = try FileManager.default.contentsOfDirectory(atPath: b.path + "/backlog/pantry")
            #expect(listA != listB, "precondition: listing orders differ")
        }
        for f in [a, b] { #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: f.path).status == 0) }
        for name in ["ranking.json", "ranking.csv", "RANKING.md", "diagnostics.json"] {
            expectSameLines(try a.read("out/" + name), try b.read("out/" + name), name)
        }
    }

    @Test("the output folder inside the backlog is never read as backlog")
    func outputInsideBacklog() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig(output: "backlog/rankings")
        try folder.write("backlog/rankings/stray.yaml", "id: STRAY\n")
        for _ in 0..<2 {
            let r = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("ranked 30 items from 27 files"))
        }
    }

    @Test("explain shows the formula and the neighbours; unknown ids exit 1 with a suggestion")
    func explain() throws {
        let r = try NorthstarBinary.run(["explain", "FA-3"], in: StagedExample.root)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("FA-3 — Open the Northgate pantry two evenings a week for working families\nRank "))
        #expect(r.stdout.contains("score = alignment × impact × confidence ÷ cost"))
        #expect(r.stdout.contains("↑ ") && r.stdout.contains("↓ "))
        let unknown = try NorthstarBinary.run(["explain", "FA-33"], in: StagedExample.root)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no item with id 'FA-33' (did you mean 'FA-3'?)"))
    }

    @Test("the README's worked example is what explain prints for FA-12")
    func readmeWorkedExample() throws {
        let r = try NorthstarBinary.run(["explain", "FA-12"], in: StagedExample.root)
        #expect(r.status == 0, "\(r.stderr)")
        let formula = try #require(r.stdout.components(separatedBy: "\nCompared with its neighbours:").first)
        let readme = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/README.md", encoding: .utf8)
        #expect(readme.contains("```\n" + formula + "```\n"), "README's worked example differs from:\n\(formula)")
    }

    @Test("the README's plan line is what rank prints for the bundled example; next lists what can start")
    func readmePlanAndNext() throws {
        let folder = try TemporaryFolder()
        let r = try NorthstarBinary.run(["rank", "--output", folder.path + "/out"], in: StagedExample.root)
        #expect(r.status == 0, "\(r.stderr)")
        let plan = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("plan: ") })
        let readme = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/README.md", encoding: .utf8)
        #expect(readme.contains("```\n" + plan + "\n```\n"), "README's plan line differs from: \(plan)")
        let next = try NorthstarBinary.run(["next", "-n", "3"], in: StagedExample.root)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.hasPrefix("Can start now, funded items first (in rank order) — 3 shown, "))
        #expect(next.stdout.contains("1. FA-14 — Second chest freezer at Eastbrook for donated meat and fish\n   rank 2, score 972, 1 person-week: funded (2nd of 13); unblocks PT-3 (rank 9)\n"))
        let explained = try NorthstarBinary.run(["explain", "VL-3"], in: StagedExample.root)
        #expect(explained.stdout.contains("VL-3 is blocked by VL-1 (rank 21).\nNot funded: 5 person-weeks more would be needed; funding it would displace PT-3, PT-2.\n"))
    }

    @Test("explain ends with the newest change-log entry naming the item, in the change log's words")
    func explainLastChange() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        _ = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path)
        let fa3 = "backlog/pantry/FA-3-evening-opening.yaml"
        try folder.write(fa3, try folder.read(fa3).replacingOccurrences(of: "{low: 400, likely: 650, high: 900}", with: "1400"))
        _ = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path)
        let r = try NorthstarBinary.run(["explain", "FA-3", "--config", "northstar.yaml"], in: folder.path)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("FA-3 — Open the Northgate pantry two evenings a week for working families\nRank 6 of 30"))
        #expect(r.stdout.contains(/\nNewest change-log entry naming FA-3 \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, northstar rank\): FA-3 rose from 14th to 6th: reach among low-income grew from 650 to 1,400\.\n$/))
        let other = try NorthstarBinary.run(["explain", "FA-12", "--config", "northstar.yaml"], in: folder.path)
        #expect(other.stdout.contains("northstar rank): FA-12 was ranked 1st in the first ranking.\n"))
    }

    @Test("explain of an item with an error says it exists and shows its errors; an id in an unreadable file is hinted at")
    func explainInvalid() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        let fa3 = "backlog/pantry/FA-3-evening-opening.yaml"
        try folder.write(fa3, try folder.read(fa3).replacingOccurrences(of: "need: 4", with: "need: 9"))
        let r = try NorthstarBinary.run(["explain", "FA-3", "--config", "northstar.yaml"], in: folder.path)
        #expect(r.status == 1)
        #expect(r.stderr == "FA-3 is in the backlog but cannot be ranked until its errors are fixed:\nbacklog/pantry/FA-3-evening-opening.yaml:6:7: error: 'need' must be between 1 and 5, found 9\n")
        try folder.write("backlog/broken.yaml", "items:\n  - id: [ZZ-1\n")
        let unknown = try NorthstarBinary.run(["explain", "ZZ-1", "--config", "northstar.yaml"], in: folder.path)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no item with id 'ZZ-1'\nit may be in a file that could not be read:\nbacklog/broken.yaml:"))
    }

    @Test("init writes a starter project that ranks cleanly, and never overwrites")
    func initProject() throws {
        let folder = try TemporaryFolder()
        let created = try NorthstarBinary.run(["init", "team"], in: folder.path)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Next: cd team && northstar rank"))
        // Each file points an editor at the schema beside it, by a path relative to the file.
        for (file, schema) in [("team/northstar.yaml", "schemas/config.schema.json"),
                               ("team/backlog/intake/online-referral-form.yaml", "../../schemas/backlog.schema.json"),
                               ("team/backlog/operations/volunteer-rota.yaml", "../../schemas/backlog.schema.json")] {
            #expect(try folder.read(file).hasPrefix("# yaml-language-server: $schema=\(schema)\n"), "\(file)")
            let target = URL(fileURLWithPath: folder.path + "/" + file).deletingLastPathComponent().appendingPathComponent(schema).standardizedFileURL.path
            #expect(FileManager.default.fileExists(atPath: target), "\(file) points at \(target)")
        }
        // What init says to do next works: ./northstar.yaml is found without --config.
        let ranked = try NorthstarBinary.run(["rank"], in: folder.path + "/team")
        #expect(ranked.status == 0, "\(ranked.stderr)")
        #expect(ranked.stdout.hasPrefix("ranked 3 items from 3 files (0 errors, 0 warnings) -> rankings/"))
        let fromAbove = try NorthstarBinary.run(["rank", "--config", "team/northstar.yaml"], in: folder.path)
        #expect(fromAbove.stdout.hasPrefix("ranked 3 items from 3 files (0 errors, 0 warnings) -> team/rankings/"))
        let again = try NorthstarBinary.run(["init", "team"], in: folder.path)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists; use --force"))
    }

    @Test("without --config: ./northstar.yaml, else config/northstar.yaml, else a message that says what to do")
    func configDiscovery() throws {
        let folder = try TemporaryFolder()
        let none = try NorthstarBinary.run(["check"], in: folder.path)
        #expect(none.status == 2)
        #expect(none.stderr == "northstar: no config file: neither ./northstar.yaml nor config/northstar.yaml exists here; pass --config FILE, or create a starter project with 'northstar init DIR'\n")
        try folder.write("config/northstar.yaml", "objectives: {a: 1}\nbacklog: ../backlog\n")
        try folder.write("backlog/a.yaml", "id: A\nobjectives: {a: 1}\nneed: 3\nreach: 10\ncost: 1\n")
        #expect(try NorthstarBinary.run(["check"], in: folder.path).stderr.hasSuffix("checked 1 item in 1 file: 0 errors, 0 warnings\n"))
        // ./northstar.yaml wins over config/northstar.yaml.
        try folder.write("northstar.yaml", "objectives: {a: 1}\nbacklog: nothing-here\n")
        #expect(try NorthstarBinary.run(["check"], in: folder.path).status == 2, "reads ./northstar.yaml, whose backlog is missing")
    }

    @Test("make tour copies the example into a scratch folder that ranks on its own, outside git")
    func tourCopy() throws {
        let folder = try TemporaryFolder()
        let make = try NorthstarBinary.runTool("/usr/bin/make", ["--no-print-directory", "tour", "TOUR=\(folder.path)/tour",
                                                                       "EXAMPLE=\(StagedExample.backlog)", "CONFIG=\(StagedExample.config)"])
        #expect(make.status == 0, "\(make.stderr)")
        let r = try NorthstarBinary.run(["rank"], in: folder.path + "/tour")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("ranked 30 items from 27 files (0 errors, 0 warnings) -> rankings/"))
        let ignored = try NorthstarBinary.runTool("/usr/bin/git", ["check-ignore", "-q", "tour/backlog/pantry/FA-3-evening-opening.yaml"])
        #expect(ignored.status == 0, "the default tour folder is ignored by git")
    }

    @Test("exit codes: usage 2, missing config 2, invalid config 1 with a located error")
    func exitCodes() throws {
        #expect(try NorthstarBinary.run(["rank", "--no-such-flag"]).status == 2)
        #expect(try NorthstarBinary.run(["frobnicate"]).status == 2)
        let missing = try NorthstarBinary.run(["check", "--config", "nowhere.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere.yaml: error: config: cannot read file"))
        let folder = try TemporaryFolder()
        try folder.write("bad.yaml", "objectives: {food: 1}\nscoring: {model: rise}\n")
        let invalid = try NorthstarBinary.run(["check", "--config", "bad.yaml"], in: folder.path)
        #expect(invalid.status == 1)
        #expect(invalid.stderr.hasPrefix("bad.yaml:2:18: error: unknown scoring model 'rise' (did you mean 'rice'?)"))
        let noBacklog = try NorthstarBinary.run(["check", "--backlog", "no/such/folder"], in: StagedExample.root)
        #expect(noBacklog.status == 2)
    }

    @Test("--help works on every command; only the commands that write offer --output",
          arguments: [([], false), (["watch"], true), (["rank"], true), (["check"], false), (["explain"], false), (["init"], false)])
    func help(command: [String], writes: Bool) throws {
        let r = try NorthstarBinary.run(command + ["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: northstar"))
        #expect(r.stdout.contains("--output <dir>") == writes)
    }

    @Test("northstar with no command is a usage error: the help on stderr, exit 2")
    func bare() throws {
        let r = try NorthstarBinary.run([])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("USAGE: northstar <subcommand>"))
    }

    @Test("every path in a diagnostic is relative to one place: the working folder on the terminal, the backlog folder in diagnostics.json")
    func onePlaceForPaths() throws {
        let folder = try TemporaryFolder()
        try folder.write("northstar.yaml", "objectives: {a: 1}\nbacklog: team/backlog\noutput: out\n")
        try folder.write("team/backlog/a.yaml", "id: X\nobjectives: {a: 1}\nneed: 3\nreach: 10\ncost: 1\n")
        try folder.write("team/backlog/sub/b.yaml", "id: X\nobjectives: {a: 1}\nneed: 3\nreach: 10\ncost: 1\n")
        let check = try NorthstarBinary.run(["check"], in: folder.path)
        #expect(check.stderr.hasPrefix("""
            team/backlog/a.yaml:1:5: error: id 'X' is defined 2 times; also at team/backlog/sub/b.yaml:1:5
            team/backlog/sub/b.yaml:1:5: error: id 'X' is defined 2 times; also at team/backlog/a.yaml:1:5

            """))
        _ = try NorthstarBinary.run(["rank"], in: folder.path)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(folder.read("out/diagnostics.json").utf8)) as? [String: Any])
        let first = try #require((json["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["path"] as? String == "a.yaml")
        #expect(first["message"] as? String == "id 'X' is defined 2 times; also at sub/b.yaml:1:5")
        #expect((first["related"] as? [[String: Any]])?.first?["path"] as? String == "sub/b.yaml")
    }
}

@Suite("Shell completions")
struct CompletionTests {
    @Test("the bash, zsh and fish completion scripts make install writes name every command and option", arguments: ["bash", "zsh", "fish"])
    func completions(shell: String) throws {
        let r = try NorthstarBinary.run(["--generate-completion-script", shell], in: StagedExample.root)
        #expect(r.status == 0, "\(r.stderr)")
        for word in ["watch", "rank", "check", "explain", "next", "init", "format", "config", "backlog"] {
            #expect(r.stdout.contains(word), "\(shell) completion lacks \(word)")
        }
        if shell == "bash" {
            // bash itself parses it (no syntax error).
            let folder = try TemporaryFolder()
            try folder.write("northstar.bash", r.stdout)
            let parsed = try NorthstarBinary.runTool("/bin/bash", ["-n", folder.path + "/northstar.bash"], in: folder.path)
            #expect(parsed.status == 0, "\(parsed.stderr)")
        }
    }
}

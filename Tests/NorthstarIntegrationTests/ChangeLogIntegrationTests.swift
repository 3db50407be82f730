import Foundation
import NorthstarProbe
import Testing

@Suite("The change log, written by the real binary", .serialized)
struct ChangeLogIntegrationTests {
    /// Parsed lines of `changes.jsonl`.
    static func entries(_ output: String) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: output + "/changes.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    static func markdownEntries(_ output: String) -> [String] {
        let text = (try? String(contentsOfFile: output + "/CHANGELOG.md", encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n## ").dropFirst().map { "## " + $0 }
    }

    static func kind(_ e: [String: Any]) -> String? { (e["trigger"] as? [String: Any])?["kind"] as? String }

    @Test("daemon: a reach change, a weight change and a whitespace-only edit give exactly two entries, each with its cause")
    func daemonEntries() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        let output = folder.path + "/out"
        #expect(Self.entries(output).map(Self.kind) == ["rank"])
        let d = try DaemonHarness(folder: folder)
        // Nothing changed while it was down: no start-up entry.
        #expect(Self.entries(output).count == 1)

        let fa12 = "backlog/pantry/FA-12-sms-reminders.yaml"
        try folder.saveByRename(fa12, try folder.read(fa12).replacingOccurrences(of: "rural: 300", with: "rural: 1200"))
        d.expectEventually("the reach entry") { Self.entries(output).count == 2 }
        let reach = Self.entries(output)[1]
        #expect(Self.kind(reach) == "files")
        #expect((reach["trigger"] as? [String: Any])?["files"] as? [String] == ["pantry/FA-12-sms-reminders.yaml"])
        let move = (reach["moves"] as? [[String: Any]])?.first { $0["id"] as? String == "FA-12" }
        let input = (move?["inputs"] as? [[String: Any]])?.first
        #expect(input?["field"] as? String == "reach.rural" && input?["from"] as? String == "300" && input?["to"] as? String == "1200")
        #expect(move?["cause"] as? String == "inputs")

        let config = try folder.read("northstar.yaml")
        try folder.saveByRename("northstar.yaml", config.replacingOccurrences(of: "nutrition:         {weight: 2", with: "nutrition:         {weight: 5"))
        d.expectEventually("the weight entry") { Self.entries(output).count == 3 }
        let weight = Self.entries(output)[2]
        #expect(Self.kind(weight) == "config")
        let change = (weight["config_changes"] as? [[String: Any]])?.first
        #expect(change?["field"] as? String == "objective weight nutrition" && change?["from"] as? String == "2" && change?["to"] as? String == "5")
        #expect(((weight["moves"] as? [[String: Any]]) ?? []).allSatisfy { $0["cause"] as? String == "config" })

        try folder.write(fa12, (try folder.read(fa12)).replacingOccurrences(of: ": ", with: ":   ") + "\n\n")
        d.expectEventually("the log caught up with the reload") { d.rankedLines.last?.contains("(config reloaded)") == true }
        let lines = d.rankedLines.count
        d.expectEventually("the whitespace edit processed") { d.rankedLines.count > lines }
        #expect(Self.entries(output).count == 3)
        #expect(d.rankedLines.last?.contains("(outputs unchanged)") == true)

        let markdown = Self.markdownEntries(output)
        #expect(markdown.count == 3)
        #expect(markdown[0].contains("config reloaded") && markdown[0].contains("The config changed: objective weight nutrition 2 → 5."))
        #expect(markdown[1].contains("**FA-12** stayed 1st") && markdown[1].contains("reach among rural grew from 300 to 1,200"))
        #expect(d.terminate() == 0)
    }

    @Test("rank: an item kept out by an error is recorded as such, with where; a deleted one as deleted")
    func removalReasons() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        let output = folder.path + "/out"
        func rank() throws -> [String: Any]? {
            _ = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path)
            return Self.entries(output).last
        }
        func removed(_ entry: [String: Any]?) -> [[String: Any]] { entry?["removed"] as? [[String: Any]] ?? [] }
        _ = try rank()
        let fa3 = "backlog/pantry/FA-3-evening-opening.yaml"
        try folder.write(fa3, try folder.read(fa3).replacingOccurrences(of: "need: 4", with: "need: 9"))
        let invalid = removed(try rank())
        #expect(invalid.map { $0["id"] as? String } == ["FA-3"])
        #expect(invalid.first?["reason"] as? String == "error")
        let error = invalid.first?["error"] as? [String: Any]
        #expect(error?["at"] as? String == "pantry/FA-3-evening-opening.yaml:6:7")
        #expect(error?["message"] as? String == "'need' must be between 1 and 5, found 9")
        #expect(Self.markdownEntries(output).first?.contains("- **FA-3** left the ranking (it ranked 14th): its file has an error at `pantry/FA-3-evening-opening.yaml:6:7`: 'need' must be between 1 and 5, found 9.") == true)

        // A file that no longer parses: its items are unknown, its old place names it.
        try folder.write(fa3, try folder.read(fa3).replacingOccurrences(of: "need: 9", with: "need: 4"))
        _ = try rank()
        let volunteers = "backlog/volunteers/volunteers.yaml"
        let before = try folder.read(volunteers)
        try folder.write(volunteers, before + "\n  - id: [broken\n")
        let unreadable = removed(try rank())
        #expect(!unreadable.isEmpty)
        #expect(unreadable.allSatisfy { $0["reason"] as? String == "error" && (($0["error"] as? [String: Any])?["at"] as? String)?.hasPrefix("volunteers/volunteers.yaml:") == true })

        try folder.write(volunteers, before)
        _ = try rank()
        try FileManager.default.removeItem(atPath: folder.path + "/" + fa3)
        let deleted = removed(try rank())
        #expect(deleted.map { $0["id"] as? String } == ["FA-3"])
        #expect(deleted.first?["reason"] as? String == "deleted")
        #expect(deleted.first?["error"] == nil)
        #expect(Self.markdownEntries(output).first?.contains("- **FA-3** left the ranking (it ranked 14th): its entry or file is gone.") == true)
    }

    @Test("changes made while the daemon was down appear as one start-up entry")
    func startupBaseline() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        let path = "backlog/pantry/FA-3-evening-opening.yaml"
        try folder.write(path, try folder.read(path).replacingOccurrences(of: "{low: 400, likely: 650, high: 900}", with: "1400"))
        try FileManager.default.removeItem(atPath: folder.path + "/backlog/delivery/DL-4-electric-van.yaml")
        let d = try DaemonHarness(folder: folder)
        let output = folder.path + "/out"
        let entries = Self.entries(output)
        #expect(entries.map(Self.kind) == ["rank", "startup"])
        let startup = entries[1]
        #expect((startup["removed"] as? [[String: Any]])?.map { $0["id"] as? String } == ["DL-4"])
        #expect(((startup["moves"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == "FA-3" && ($0["rank"] as? [String: Any])?["to"] as? Int == 6 })
        #expect(Self.markdownEntries(output).first?.contains("start-up (changes made while Northstar was not running)") == true)
        #expect(d.terminate() == 0)
    }

    @Test("an unchanged ranking adds no entry, from rank or at daemon start-up; a changed one is compared with the previous ranking.json")
    func unchangedRankingNoEntry() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        let output = folder.path + "/out"
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        #expect(Self.entries(output).map(Self.kind) == ["rank"])
        let again = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path)
        #expect(again.status == 0)
        #expect(again.stdout.contains("unchanged") && !again.stdout.contains("appended"))
        let d = try DaemonHarness(folder: folder)
        #expect(d.terminate() == 0)
        #expect(Self.entries(output).map(Self.kind) == ["rank"])
        let path = "backlog/pantry/FA-3-evening-opening.yaml"
        try folder.write(path, try folder.read(path).replacingOccurrences(of: "{low: 400, likely: 650, high: 900}", with: "1400"))
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        let entries = Self.entries(output)
        #expect(entries.map(Self.kind) == ["rank", "rank"])
        #expect(((entries.last?["moves"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == "FA-3" && ($0["rank"] as? [String: Any])?["to"] as? Int == 6 })
    }

    @Test("inside a git work tree, the entry names the commit: hash, author, subject")
    func gitCommit() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        func git(_ args: [String]) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git"] + args
            p.currentDirectoryURL = URL(fileURLWithPath: folder.path)
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard (try? git(["--version"]))?.0 == 0 else { return }  // no git here: nothing to name
        #expect(try git(["init", "-q", "."]).0 == 0)
        #expect(try git(["add", "-A"]).0 == 0)
        #expect(try git(["-c", "user.name=Amina Diallo", "-c", "user.email=amina@example.org", "commit", "-q", "-m", "Autumn survey: new reach figures"]).0 == 0)
        let hash = try git(["log", "-1", "--format=%h"]).1
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        let commit = Self.entries(folder.path + "/out").last?["commit"] as? [String: Any]
        #expect(commit?["hash"] as? String == hash)
        #expect(commit?["author"] as? String == "Amina Diallo")
        #expect(commit?["subject"] as? String == "Autumn survey: new reach figures")
        #expect(commit?["uncommitted"] as? Bool == false)
        #expect(Self.markdownEntries(folder.path + "/out").first?.contains("At commit `\(hash)` by Amina Diallo: Autumn survey: new reach figures") == true)

        // An edit not yet committed is not credited to HEAD; a long subject is cut to 72.
        let long = String(repeating: "Recount every pantry's visitors ", count: 4) + "\n\nBody text."
        try folder.write("notes.txt", "x")
        #expect(try git(["add", "notes.txt"]).0 == 0)
        #expect(try git(["-c", "user.name=Amina Diallo", "-c", "user.email=amina@example.org", "commit", "-q", "-m", long]).0 == 0)
        let fa12 = "backlog/pantry/FA-12-sms-reminders.yaml"
        try folder.write(fa12, try folder.read(fa12).replacingOccurrences(of: "rural: 300", with: "rural: 900"))
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        let dirty = Self.entries(folder.path + "/out").last?["commit"] as? [String: Any]
        #expect(dirty?["uncommitted"] as? Bool == true)
        let subject = try #require(dirty?["subject"] as? String)
        #expect(subject.count == 72 && subject.hasSuffix("…") && subject.hasPrefix("Recount every pantry's visitors Recount"))
        let head = try git(["log", "-1", "--format=%h"]).1
        #expect(Self.markdownEntries(folder.path + "/out").first?.contains("Uncommitted changes on top of commit `\(head)` by Amina Diallo: Recount") == true)

        // A daemon names each new commit, not the one it saw first (its answer is cached only
        // while HEAD does not move).
        let d = try DaemonHarness(folder: folder)
        let path = "backlog/pantry/FA-3-evening-opening.yaml"
        for (n, subject) in ["Second survey", "Third survey"].enumerated() {
            try folder.write(path, try folder.read(path).replacingOccurrences(of: #"need: \d"#, with: "need: \(n + 2)", options: .regularExpression))
            #expect(try git(["-c", "user.name=Amina Diallo", "-c", "user.email=amina@example.org", "commit", "-q", "-am", subject]).0 == 0)
            let expected = try git(["log", "-1", "--format=%h"]).1
            // An edit made after the commit finished: its entry must name that commit.
            let other = "backlog/pantry/FA-7-choice-pantry.yaml"
            try folder.write(other, try folder.read(other).replacingOccurrences(of: #"cost: \d+"#, with: "cost: \(11 + n)", options: .regularExpression))
            // The daemon may log the committed edit on its own first (it names the same commit,
            // committed); the entry to check is the one FA-7's edit triggered.
            d.expectEventually("the entry for \(subject)") {
                let last = Self.entries(folder.path + "/out").last
                let files = (last?["trigger"] as? [String: Any])?["files"] as? [String] ?? []
                return files.contains("pantry/FA-7-choice-pantry.yaml")
                    && (last?["commit"] as? [String: Any])?["hash"] as? String == expected
            }
            #expect((Self.entries(folder.path + "/out").last?["commit"] as? [String: Any])?["subject"] as? String == subject)
            #expect((Self.entries(folder.path + "/out").last?["commit"] as? [String: Any])?["uncommitted"] as? Bool == true, "FA-7's edit is not committed")
        }
        #expect(d.terminate() == 0)
    }

    @Test("a backlog git ignores (a scratch copy inside another repository) names no commit")
    func ignoredBacklogNamesNoCommit() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        try folder.write(".gitignore", "backlog/\nout/\n")
        func git(_ args: [String]) throws -> Int32 {
            try NorthstarBinary.runTool("/usr/bin/git", args, in: folder.path).status
        }
        #expect(try git(["init", "-q", "."]) == 0)
        #expect(try git(["add", "-A"]) == 0)
        #expect(try git(["-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-q", "-m", "Someone else's project"]) == 0)
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        let entry = try #require(Self.entries(folder.path + "/out").last)
        #expect(entry["commit"] == nil, "the backlog is in no commit")
        #expect(Self.markdownEntries(folder.path + "/out").first?.contains("commit") == false)
    }

    @Test("a torn last line (a crash mid-append) is cut off before the next entry")
    func tornLine() throws {
        let folder = try TemporaryFolder()
        try folder.copyExample(into: "backlog") { $0 }
        try folder.writeConfig()
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        let log = folder.path + "/out/changes.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        handle.write(Data("{\"schema\":1,\"time\":\"2026-".utf8))
        handle.closeFile()
        let path = "backlog/pantry/FA-3-evening-opening.yaml"
        try folder.write(path, try folder.read(path).replacingOccurrences(of: "need: 4", with: "need: 5"))
        #expect(try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path).status == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
    }
}

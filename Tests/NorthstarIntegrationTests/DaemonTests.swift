import Foundation
import NorthstarProbe
import Testing

/// The daemon driven through real file changes on real folders (README: "The daemon").
@Suite("northstar watch, on real files", .serialized)
struct DaemonTests {
    static func item(_ id: String, reach: Int = 100, need: Int = 3, cost: Int = 2, objective: String = "food-security") -> String {
        "id: \(id)\ntitle: Item \(id)\nobjectives: {\(objective): 0.5}\nneed: \(need)\nreach: {rural: \(reach)}\ncost: \(cost)\n"
    }

    static func start(files: [String: String] = [:], example: Bool = true, extraConfig: String = "watch: {settle_ms: 100, max_delay_ms: 2000}",
                      waitForAnalysis: Bool = true, arguments: [String] = []) throws -> DaemonHarness {
        let folder = try TemporaryFolder()
        if example { try folder.copyExample(into: "backlog") { $0 } }
        try FileManager.default.createDirectory(atPath: folder.path + "/backlog", withIntermediateDirectories: true)
        for (path, text) in files { try folder.write("backlog/" + path, text) }
        try folder.writeConfig(extra: extraConfig)
        return try DaemonHarness(folder: folder, waitForAnalysis: waitForAnalysis, arguments: arguments)
    }

    @Test("with --timings, each recomputation's log line gives its phases and names the files read again")
    func timingsNameFiles() throws {
        let d = try Self.start(arguments: ["--timings"])
        let lines = d.rankedLines.count
        let path = "backlog/pantry/FA-3-evening-opening.yaml"
        try d.folder.write(path, try d.folder.read(path).replacingOccurrences(of: "{low: 400, likely: 650, high: 900}", with: "1400"))
        d.expectEventually("the edit ranked") { d.rankedLines.count > lines }
        let line = try #require(d.rankedLines.last)
        #expect(line.contains("[timings: ") && line.hasSuffix("[files: backlog/pantry/FA-3-evening-opening.yaml]"), "\(line)")
        #expect(d.terminate() == 0)
    }

    @Test("the uncertainty analysis comes after the plain outputs and gives way to a newer change, which is ranked at once")
    func analysisGivesWay() throws {
        // 100,000 draws of the example take seconds: the edit lands while they run.
        let d = try Self.start(extraConfig: "watch: {settle_ms: 100, max_delay_ms: 2000}\nuncertainty: {draws: 100000}", waitForAnalysis: false)
        let plain = try d.folder.read("out/ranking.json")
        #expect(!plain.contains("\"median_rank\""), "the first outputs do not wait for the analysis")
        let lines = d.rankedLines.count
        let path = "backlog/pantry/FA-3-evening-opening.yaml"
        let start = Date()
        try d.folder.saveByRename(path, try d.folder.read(path).replacingOccurrences(of: "low-income: {low: 400, likely: 650, high: 900}", with: "low-income: 1400"))
        d.expectEventually("the edit ranked") { d.rankedLines.count > lines }
        #expect(Date().timeIntervalSince(start) < 5, "ranked while an analysis was running: \(Date().timeIntervalSince(start)) s")
        #expect(d.log.contains("how sure: stopped for a newer change"), "\(d.log)")
        #expect(d.terminate() == 0)
    }

    @Test("a save that changes nothing leaves every file in the output folder as it was (no metrics file there by default)")
    func noOpSave() throws {
        let d = try Self.start()
        func state() throws -> [String: Int64?] {
            let names = try FileManager.default.contentsOfDirectory(atPath: d.output)
            return Dictionary(uniqueKeysWithValues: names.map { ($0, d.folder.modificationTime("out/" + $0)) })
        }
        let before = try state()
        #expect(before.keys.sorted() == ["CHANGELOG.md", "RANKING.md", "changes.jsonl", "diagnostics.json", "ranking.csv", "ranking.json", "report.html"])
        let lines = d.rankedLines.count
        let path = "backlog/pantry/FA-3-evening-opening.yaml"
        try d.folder.saveByRename(path, try d.folder.read(path) + "\n# a comment\n")
        d.expectEventually("the save processed") { d.rankedLines.count > lines }
        #expect(d.rankedLines.last?.contains("(outputs unchanged)") == true)
        #expect(try state() == before)
        #expect(d.terminate() == 0)
    }

    @Test("an edit to an item's reach is reflected in ranking.json")
    func editReach() throws {
        let d = try Self.start()
        let before = try #require(d.item("FA-3")?["rank"] as? Int)
        let path = "backlog/pantry/FA-3-evening-opening.yaml"
        try d.folder.write(path, try d.folder.read(path).replacingOccurrences(of: "{low: 400, likely: 650, high: 900}", with: "1400"))
        d.expectEventually("FA-3 to climb") { (d.item("FA-3")?["rank"] as? Int).map { $0 < before } ?? false }
        #expect(d.item("FA-3")?["reach_total"] as? Double == 1550)
        #expect(d.terminate() == 0)
    }

    @Test("a save through rename (like vim) is picked up, and the editor's temporary is not")
    func saveByRename() throws {
        let d = try Self.start(files: ["a/x.yaml": Self.item("X-1", reach: 10)], example: false)
        d.expectEventually("X-1 ranked") { d.item("X-1") != nil }
        try d.folder.saveByRename("backlog/a/x.yaml", Self.item("X-1", reach: 900))
        d.expectEventually("X-1's new reach") { d.item("X-1")?["reach_total"] as? Double == 900 }
        #expect(!d.log.contains("tmp~"))
        #expect(d.diagnostics.isEmpty)
        #expect(d.terminate() == 0)
    }

    @Test("a new sub-folder with files in it is watched and read, files that landed first included")
    func newFolder() throws {
        let d = try Self.start(example: false)
        try FileManager.default.createDirectory(atPath: d.backlog + "/new/deeper", withIntermediateDirectories: true)
        for i in 0..<5 { try d.folder.write("backlog/new/deeper/n\(i).yaml", Self.item("N-\(i)")) }
        try d.folder.write("backlog/new/top.yaml", Self.item("N-top"))
        d.expectEventually("all six new items") { d.rankedIDs == Set((0..<5).map { "N-\($0)" } + ["N-top"]) }
        // The new folder is watched: a later edit inside it is seen too.
        try d.folder.write("backlog/new/deeper/n0.yaml", Self.item("N-0", reach: 5000))
        d.expectEventually("N-0 edited inside the new folder") { d.item("N-0")?["reach_total"] as? Double == 5000 }
        #expect(d.terminate() == 0)
    }

    @Test("moving a file out of the tree and deleting one take their items out")
    func moveOutAndDelete() throws {
        let d = try Self.start(files: ["keep.yaml": Self.item("K"), "move.yaml": Self.item("M"), "gone.yaml": Self.item("G"), "sub/inner.yaml": Self.item("S")], example: false)
        d.expectEventually("four items") { d.rankedIDs == ["K", "M", "G", "S"] }
        #expect(rename(d.backlog + "/move.yaml", d.folder.path + "/moved-away.yaml") == 0)
        d.expectEventually("M gone after the move out") { d.rankedIDs == ["K", "G", "S"] }
        try FileManager.default.removeItem(atPath: d.backlog + "/gone.yaml")
        d.expectEventually("G gone after the delete") { d.rankedIDs == ["K", "S"] }
        #expect(rename(d.backlog + "/sub", d.folder.path + "/sub-away") == 0)
        d.expectEventually("S gone after its folder moved out") { d.rankedIDs == ["K"] }
        #expect(rename(d.folder.path + "/sub-away", d.backlog + "/sub-back") == 0)
        d.expectEventually("S back after its folder moved in") { d.rankedIDs == ["K", "S"] }
        #expect(d.item("S")?["source"] as? String == "sub-back/inner.yaml:1")
        #expect(d.terminate() == 0)
    }

    @Test("a folder moved into a new folder at once (mkdir archive; mv a/x archive/) stays watched: a later edit inside it is seen")
    func folderMovedIntoNewFolder() throws {
        let d = try Self.start(files: ["a/x/item.yaml": Self.item("X", reach: 10), "a/x/deeper/inner.yaml": Self.item("Y", reach: 10)], example: false)
        d.expectEventually("both items") { d.rankedIDs == ["X", "Y"] }
        // The new folder is made and the old one moved into it before the watcher hears of
        // either: when it watches the new folder, the moved one still has its old watch. A few
        // times over, since the watcher may or may not wake up in between.
        var from = "a/x"
        for round in 1...5 {
            let to = "archive\(round)/x"
            try FileManager.default.createDirectory(atPath: d.backlog + "/archive\(round)", withIntermediateDirectories: false)
            #expect(rename(d.backlog + "/" + from, d.backlog + "/" + to) == 0)
            from = to
            d.expectEventually("round \(round): the items under their new path") { d.item("X")?["source"] as? String == to + "/item.yaml:1" && d.item("Y") != nil }
            try d.folder.write("backlog/\(to)/item.yaml", Self.item("X", reach: round))
            try d.folder.write("backlog/\(to)/deeper/inner.yaml", Self.item("Y", reach: round))
            d.expectEventually("round \(round): edits inside the moved folders") {
                d.item("X")?["reach_total"] as? Double == Double(round) && d.item("Y")?["reach_total"] as? Double == Double(round)
            }
        }
        #expect(d.terminate() == 0)
    }

    @Test("folders deleted and made again under the same names, or moved out and back, stay watched: every later edit is seen, and the daemon keeps running")
    func foldersMadeAgain() throws {
        let count = 30
        let d = try Self.start(files: Dictionary(uniqueKeysWithValues: (0..<count).map { ("f\($0)/x.yaml", Self.item("F-\($0)", reach: 1)) }), example: false)
        var rng = SplitMix64(seed: 5)
        let fm = FileManager.default
        try fm.createDirectory(atPath: d.folder.path + "/outside", withIntermediateDirectories: true)
        d.expectEventually("every item") { d.rankedIDs.count == count }
        for round in 2...6 {
            var deleted = 0
            for i in 0..<count {
                let folder = d.backlog + "/f\(i)"
                switch rng.below(3) {
                case 0:  // deleted (the kernel drops its watch) and made again: as a git checkout does
                    try fm.removeItem(atPath: folder)
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: false)
                    deleted += 1
                case 1:  // moved out of the tree and back in
                    #expect(rename(folder, d.folder.path + "/outside/f\(i)") == 0 && rename(d.folder.path + "/outside/f\(i)", folder) == 0)
                default:
                    break
                }
            }
            // Once the daemon has seen the folders change, an edit in each must arrive.
            d.expectEventually("round \(round)'s folder changes read") { d.rankedIDs.count == count - deleted }
            for i in 0..<count { try d.folder.write("backlog/f\(i)/x.yaml", Self.item("F-\(i)", reach: round)) }
            d.expectEventually("round \(round): every item's new reach") {
                let items = d.ranking()?["items"] as? [[String: Any]] ?? []
                return items.count == count && items.allSatisfy { $0["reach_total"] as? Double == Double(round) }
            }
        }
        #expect(d.process.isRunning, "the daemon died:\n\(d.log)")
        #expect(d.terminate() == 0)
    }

    @Test("a file that stops parsing keeps its last good items, marked stale, until fixed")
    func breakAndFix() throws {
        let d = try Self.start(files: ["b.yaml": Self.item("B", reach: 100), "ok.yaml": Self.item("OK")], example: false)
        d.expectEventually("B ranked") { d.item("B") != nil }
        try d.folder.write("backlog/b.yaml", "id: B\nreach: [unclosed\n")
        d.expectEventually("B marked stale") { d.item("B")?["stale"] as? Bool == true }
        #expect(d.item("B")?["reach_total"] as? Double == 100)
        #expect(d.item("OK")?["stale"] == nil)
        d.expectEventually("the syntax error and the stale items in diagnostics.json") {
            let codes = d.diagnostics.compactMap { $0["code"] as? String }
            return codes.contains("yaml-syntax") && codes.contains("stale-items")
        }
        // The journal line says what is wrong and where, not only how many problems there are.
        d.expectEventually("the log line naming the first error") {
            d.rankedLines.contains { $0.contains("; 1 error, 1 warning (first: backlog/b.yaml:3:1: error: YAML syntax:") }
        }
        try d.folder.write("backlog/b.yaml", Self.item("B", reach: 700))
        d.expectEventually("B fresh again with its new reach") { d.item("B")?["reach_total"] as? Double == 700 && d.item("B")?["stale"] == nil }
        d.expectEventually("diagnostics.json clear again") { d.diagnostics.isEmpty }
        #expect(d.terminate() == 0)
    }

    @Test("500 files rewritten in one burst give exactly one ranking write")
    func burst() throws {
        var files: [String: String] = [:]
        for i in 0..<500 { files["burst/f\(i / 50)/i\(i).yaml"] = Self.item("I-\(i)", reach: 100 + i) }
        // Without the uncertainty analysis, whose second write of each pass may or may not be
        // cut short by the next change. The settle time is generous: each of the 500 writes
        // fsyncs, and one stalled for more than the settle time on a loaded machine splits the
        // burst in two, which is the settling working, not failing.
        let d = try Self.start(files: files, example: false, extraConfig: "watch: {settle_ms: 1000, max_delay_ms: 10000}\nuncertainty: {draws: 0}")
        d.expectEventually("500 items", seconds: 20) { d.rankedIDs.count == 500 }
        d.events.drain()
        let writesBefore = d.events.landed["ranking.json", default: 0]
        let linesBefore = d.rankedLines.count
        for i in 0..<500 { try d.folder.write("backlog/burst/f\(i / 50)/i\(i).yaml", Self.item("I-\(i)", reach: 5000 - i)) }
        d.expectEventually("the burst ranked", seconds: 20) { d.item("I-0")?["reach_total"] as? Double == 5000 && d.item("I-499")?["reach_total"] as? Double == 4501 }
        // A sentinel change after the burst: when it shows, every batch before it is done.
        try d.folder.write("backlog/sentinel.yaml", Self.item("SENTINEL"))
        d.expectEventually("the sentinel ranked") { d.item("SENTINEL") != nil }
        d.events.drain()
        #expect(d.events.landed["ranking.json", default: 0] - writesBefore == 2, "one write for the burst, one for the sentinel")
        #expect(d.rankedLines.count - linesBefore == 2, "\(d.rankedLines.suffix(3))")
        #expect(d.rankedLines.dropLast().last?.contains("(500 changed files)") == true)
        #expect(d.terminate() == 0)
    }

    @Test("an invalid config is reported and the old one stays; a valid one then takes effect")
    func configReload() throws {
        let d = try Self.start()
        let digest = try #require(d.ranking()?["config_digest"] as? String)
        let good = try d.folder.read("northstar.yaml")
        try d.folder.write("northstar.yaml", good.replacingOccurrences(of: "model: impact", with: "model: impakt"))
        d.expectEventually("the config error reported") { d.diagnostics.contains { ($0["message"] as? String)?.contains("unknown scoring model 'impakt'") == true } }
        #expect(d.ranking()?["config_digest"] as? String == digest)
        #expect(d.rankedIDs.count == 30)
        #expect(d.log.contains("config reload (the config file changed) rejected"))
        try d.folder.saveByRename("northstar.yaml", good.replacingOccurrences(of: "food-security:     {weight: 3", with: "food-security:     {weight: 9"))
        d.expectEventually("the new weights in force") { (d.ranking()?["config_digest"] as? String).map { $0 != digest } ?? false }
        d.expectEventually("diagnostics.json clear again") { d.diagnostics.isEmpty }
        #expect(d.log.contains("config reloaded (the config file changed)"))
        #expect(d.terminate() == 0)
    }

    @Test("SIGHUP reloads the config")
    func sighup() throws {
        let d = try Self.start(files: ["a.yaml": Self.item("A")], example: false)
        d.send(SIGHUP)
        d.expectEventually("a reload logged") { d.log.contains("config reloaded (SIGHUP)") }
        #expect(d.terminate() == 0)
    }

    @Test("an output folder inside the backlog never triggers the daemon, and SIGTERM leaves no temporary files")
    func outputInsideBacklog() throws {
        let folder = try TemporaryFolder()
        try folder.write("backlog/a.yaml", Self.item("A"))
        try folder.writeConfig(output: "backlog/rankings")
        let d = try DaemonHarness(folder: folder, outputFolder: "backlog/rankings")
        let out = folder.path + "/backlog/rankings"
        d.expectEventually("first ranking") { d.ranking(in: out) != nil }
        // The daemon's own writes must not wake it: no second recomputation within a second
        // (settle is 150 ms), neither after start-up nor after an edit.
        #expect(!d.events.wait(seconds: 1) { d.rankedLines.count > 1 }, "\(d.rankedLines)")
        try folder.write("backlog/b.yaml", Self.item("B"))
        d.expectEventually("B ranked") { ((d.ranking(in: out)?["items"] as? [[String: Any]])?.count ?? 0) == 2 }
        #expect(!d.events.wait(seconds: 1) { d.rankedLines.count > 2 }, "\(d.rankedLines)")
        #expect(d.terminate() == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
        #expect(d.log.contains("stopping on SIGTERM"))
    }

    @Test("symlinks: followed to files and folders inside the backlog, never round a loop; editor swap files are ignored")
    func symlinksAndSwapFiles() throws {
        let d = try Self.start(files: ["a.yaml": Self.item("A")], example: false)
        // The targets lie in a hidden folder of the backlog: read only through the links.
        let elsewhere = d.backlog + "/.elsewhere"
        try d.folder.write("backlog/.elsewhere/shared/s.yaml", Self.item("SHARED"))
        try d.folder.write("backlog/.elsewhere/linked.yaml", Self.item("LINKED"))
        #expect(symlink(elsewhere + "/linked.yaml", d.backlog + "/linked.yaml") == 0)
        d.expectEventually("a symlinked file is read") { d.item("LINKED") != nil }
        #expect(symlink(elsewhere + "/shared", d.backlog + "/shared") == 0)
        d.expectEventually("a symlinked folder is read") { d.item("SHARED") != nil }
        #expect(symlink(d.backlog, d.backlog + "/loop") == 0)
        try FileManager.default.createDirectory(atPath: d.backlog + "/later", withIntermediateDirectories: true)
        try d.folder.write("backlog/later/l.yaml", Self.item("LATER"))
        d.expectEventually("still ranking after a symlink loop appeared") { d.item("LATER") != nil }
        #expect(d.rankedIDs == ["A", "LINKED", "SHARED", "LATER"])
        // vim's churn beside a save: swap files, its write test, a backup.
        d.expectEventually("the log caught up with the last ranking") { d.rankedLines.last?.contains("ranked 4 items") == true }
        let lines = d.rankedLines.count
        for name in [".a.yaml.swp", ".a.yaml.swx", "4913", "a.yaml~", "#a.yaml#", ".#a.yaml"] {
            try d.folder.write("backlog/" + name, "not: [yaml\n")
        }
        #expect(!d.events.wait(seconds: 1) { d.rankedLines.count > lines }, "\(d.rankedLines.suffix(2))")
        // Exactly what a cold scan reports: the loop, once, as a warning.
        #expect(d.diagnostics.map { "\($0["path"] ?? ""): \($0["code"] ?? "")" } == ["loop: symlink-loop"])
        #expect(d.terminate() == 0)
    }

    @Test("symlinks out of the backlog created or retargeted while it runs are warned about and never read")
    func symlinksOutside() throws {
        let secret = "SECRET-outside-7f3a9c"
        let leaking = "id: LEAK\ntitle: \(secret)\nobjectives: {food-security: 0.5}\nneed: 3\nreach: 100\ncost: \(secret)\n"
        let d = try Self.start(files: ["a.yaml": Self.item("A"), ".store/in.yaml": Self.item("IN"), ".store/sub/x.yaml": Self.item("X")], example: false)
        try d.folder.write("outside/secret.yaml", leaking)
        try d.folder.write("outside/dir/x.yaml", leaking)
        let outside = d.folder.path + "/outside"
        func warned() -> [String] {
            d.diagnostics.filter { $0["code"] as? String == "symlink-outside" }.compactMap { $0["path"] as? String }.sorted()
        }
        /// Points `name` in the backlog at `target` in one step, as `ln -sfn` does.
        func relink(_ name: String, to target: String) {
            #expect(symlink(target, d.backlog + "/" + name + ".new~") == 0)
            #expect(rename(d.backlog + "/" + name + ".new~", d.backlog + "/" + name) == 0)
        }
        // A link out, created while the daemon runs.
        #expect(symlink(outside + "/secret.yaml", d.backlog + "/evil.yaml") == 0)
        d.expectEventually("the link out warned about") { warned() == ["evil.yaml"] }
        // Links inside, then retargeted out: their items leave.
        #expect(symlink(".store/in.yaml", d.backlog + "/in.yaml") == 0)
        #expect(symlink(d.backlog + "/.store/sub", d.backlog + "/alias") == 0)
        d.expectEventually("the links inside read") { d.rankedIDs == ["A", "IN", "X"] }
        relink("in.yaml", to: outside + "/secret.yaml")
        d.expectEventually("a file link retargeted out") { warned() == ["evil.yaml", "in.yaml"] && d.rankedIDs == ["A", "X"] }
        relink("alias", to: outside + "/dir")
        d.expectEventually("a folder link retargeted out") { warned() == ["alias", "evil.yaml", "in.yaml"] && d.rankedIDs == ["A"] }
        // The folder the link used to reach is still watched under the link's name: a change
        // there must not be read through the link, which now leads out.
        try d.folder.write("backlog/.store/sub/x.yaml", Self.item("X", reach: 5))
        try d.folder.write("backlog/later.yaml", Self.item("LATER"))
        d.expectEventually("a later file ranked") { d.rankedIDs == ["A", "LATER"] }
        #expect(!d.events.wait(seconds: 0.5) { d.rankedIDs != ["A", "LATER"] })
        for name in try FileManager.default.contentsOfDirectory(atPath: d.output) {
            let text = try d.folder.read("out/" + name)
            #expect(!text.contains(secret) && !text.contains("LEAK"), "the outside files reached out/\(name)")
        }
        #expect(!d.log.contains(secret))
        // Exactly what a cold run reports.
        let cold = try NorthstarBinary.run(["check", "--config", "northstar.yaml"], in: d.folder.path)
        let coldPaths = cold.stderr.split(separator: "\n").filter { $0.contains("symlink-outside") || $0.contains("outside the backlog") }
            .map { String($0.prefix { $0 != ":" }.dropFirst("backlog/".count)) }.sorted()
        #expect(coldPaths == warned(), "\(cold.stderr)")
        #expect(d.terminate() == 0)
    }

    @Test("the backlog folder deleted and recreated: the daemon says so, keeps the last outputs, and watches the new folder")
    func backlogRecreated() throws {
        let d = try Self.start(files: ["a.yaml": Self.item("A")], example: false)
        try FileManager.default.removeItem(atPath: d.backlog)
        d.expectEventually("the loss logged") { d.log.contains("is gone; keeping the last outputs") }
        #expect(d.item("A") != nil, "the last ranking stays in place")
        try d.folder.write("backlog/b.yaml", Self.item("B"))
        d.expectEventually("the new folder read") { d.rankedIDs == ["B"] }
        #expect(d.log.contains("is back; watching it and reading it again"))
        // Watched again: an edit is seen by inotify, not only by a periodic look.
        try d.folder.write("backlog/b.yaml", Self.item("B", reach: 4242))
        d.expectEventually("an edit in the new folder") { d.item("B")?["reach_total"] as? Double == 4242 }
        try FileManager.default.createDirectory(atPath: d.backlog + "/sub", withIntermediateDirectories: true)
        try d.folder.write("backlog/sub/c.yaml", Self.item("C"))
        d.expectEventually("a new sub-folder in the new folder") { d.rankedIDs == ["B", "C"] }
        #expect(d.terminate() == 0)
    }

    @Test("the backlog folder replaced by another of the same name (mv backlog old; mv new backlog): the new one is watched, the old one no longer")
    func backlogReplaced() throws {
        // With --timings each pass names the files it read (relative to the daemon's folder).
        let d = try Self.start(files: ["a.yaml": Self.item("A"), "sub/s.yaml": Self.item("S")], example: false, arguments: ["--timings"])
        try d.folder.write("new/n.yaml", Self.item("N"))
        try d.folder.write("new/deeper/m.yaml", Self.item("M"))
        #expect(rename(d.backlog, d.folder.path + "/old") == 0)
        #expect(rename(d.folder.path + "/new", d.backlog) == 0)
        d.expectEventually("the new folder read") { d.rankedIDs == ["N", "M"] }
        try d.folder.write("backlog/n.yaml", Self.item("N", reach: 777))
        d.expectEventually("an edit in the new folder") { d.item("N")?["reach_total"] as? Double == 777 }
        try d.folder.write("backlog/deeper/m.yaml", Self.item("M", reach: 888))
        d.expectEventually("an edit in a folder inside it") { d.item("M")?["reach_total"] as? Double == 888 }
        // Edits in the old folder, now outside the backlog, read nothing: with its watches left
        // in place the daemon would read backlog/a.yaml and backlog/sub/s.yaml (their old
        // paths); a sentinel file's pass afterwards shows such a pass would have been logged.
        try d.folder.write("old/a.yaml", Self.item("A", reach: 5))
        try d.folder.write("old/sub/s.yaml", Self.item("S", reach: 5))
        usleep(500_000)  // past the settle time
        try d.folder.write("backlog/sentinel.yaml", Self.item("SENTINEL"))
        d.expectEventually("the sentinel's pass logged") { d.rankedLines.contains { $0.contains("backlog/sentinel.yaml") } }
        #expect(!d.rankedLines.contains { $0.contains("backlog/a.yaml") || $0.contains("backlog/sub/s.yaml") }, "\(d.rankedLines.suffix(3))")
        #expect(d.rankedIDs == ["N", "M", "SENTINEL"])
        #expect(d.terminate() == 0)
    }

    @Test("the backlog folder gone, then the config pointed at another folder: the reload is carried out and that folder ranked")
    func reloadWhileBacklogMissing() throws {
        let d = try Self.start(files: ["a.yaml": Self.item("A")], example: false)
        try d.folder.write("elsewhere/z.yaml", Self.item("Z"))
        try FileManager.default.removeItem(atPath: d.backlog)
        d.expectEventually("the loss logged") { d.log.contains("is gone; keeping the last outputs") }
        let config = try d.folder.read("northstar.yaml")
        try d.folder.saveByRename("northstar.yaml", config.replacingOccurrences(of: "backlog: backlog", with: "backlog: elsewhere"))
        d.expectEventually("the reload logged") { d.log.contains("config reloaded") }
        d.expectEventually("the other folder ranked") { d.rankedIDs == ["Z"] }
        #expect(d.terminate() == 0)
    }

    @Test("a change log that cannot be appended: nothing is replaced (as with rank), and the pass is retried")
    func changeLogAppendFails() throws {
        let d = try Self.start(files: ["a.yaml": Self.item("A")], example: false)
        let before = try d.folder.read("out/ranking.json")
        try d.folder.block("out/changes.jsonl")
        try d.folder.write("backlog/a.yaml", Self.item("A", reach: 777))
        d.expectEventually("the failure logged") { d.log.contains("change log:") && d.log.contains("outputs not replaced; will retry") }
        expectSameLines(try d.folder.read("out/ranking.json"), before, "ranking.json (no output replaced while its change is not in the log)")
        #expect(try d.folder.temporaries(in: "out").isEmpty, "no temporary left behind")
        try d.folder.unblock("out/changes.jsonl")
        d.expectEventually("the retry wrote the outputs") { d.item("A")?["reach_total"] as? Double == 777 }
        let log = try d.folder.read("out/changes.jsonl")
        #expect(log.contains("\"to\":\"777\""), "the retried pass recorded the change")
        #expect(d.terminate() == 0)
    }

    @Test("an output that cannot be written: the error is logged, the other outputs stay intact, and the write is retried")
    func unwritableOutput() throws {
        let d = try Self.start(files: ["a.yaml": Self.item("A")], example: false)
        let before = try d.folder.read("out/ranking.csv")
        // Something that is not a file sits where ranking.json must go: rename onto it fails.
        try d.folder.block("out/ranking.json")
        try d.folder.write("backlog/a.yaml", Self.item("A", reach: 777))
        d.expectEventually("the failure logged") { d.log.contains("ranking.json: error: cannot write") && d.log.contains("will retry") }
        expectSameLines(try d.folder.read("out/ranking.csv"), before, "ranking.csv (outputs after the failed one are left as they were)")
        #expect(try d.folder.temporaries(in: "out").isEmpty, "no temporary left behind")
        try d.folder.unblock("out/ranking.json")
        d.expectEventually("the retry succeeded") { d.item("A")?["reach_total"] as? Double == 777 }
        d.expectEventually("the other outputs rewritten too") { ((try? d.folder.read("out/ranking.csv")) ?? before) != before }
        #expect(d.terminate() == 0)
    }
}

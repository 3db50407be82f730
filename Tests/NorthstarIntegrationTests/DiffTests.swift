import Foundation
import Testing

/// `northstar diff` on real git repositories built by the test: what a change under review
/// does to the ranking, read from git objects, never touching the work tree or the index.
@Suite("northstar diff on a real git repository")
struct DiffTests {
    static let fa3 = "backlog/pantry/FA-3-evening-opening.yaml"

    /// The parsed `--format json` document.
    static func json(_ r: NorthstarBinary.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)\n\(r.stderr)")
    }

    @Test("a commit that raises one reach: the item, the field and both values, from the merge base and between named revisions")
    func raisedReach() throws {
        let repo = try GitFixture.example()
        try repo.git("checkout", "-q", "-b", "firmer-reach")
        try repo.edit(Self.fa3, "low-income: {low: 400, likely: 650, high: 900}", "low-income: 1400")
        try repo.commit("Firmer low-income reach for FA-3")

        // Default BASE: the merge base with main; default HEAD: the work tree (clean here).
        let r = try repo.diff()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("### Northstar: what this change does to the ranking\n"))
        #expect(r.stdout.contains("(the merge base with main) to the work tree ("), "\(r.stdout)")
        #expect(r.stdout.contains("- **FA-3** rose from 14th to 6th: reach among low-income grew from 650 to 1,400.\n"), "\(r.stdout)")
        #expect(r.stdout.contains("1 file changed (`pantry/FA-3-evening-opening.yaml`)"))
        #expect(r.stdout.contains("- **FA-3** is now funded"))

        let named = try repo.diff("main", "HEAD")
        #expect(named.status == 0)
        #expect(named.stdout.contains("(`main`) to `"), "\(named.stdout)")
        #expect(named.stdout.contains("- **FA-3** rose from 14th to 6th: reach among low-income grew from 650 to 1,400.\n"))

        let document = try Self.json(try repo.diff("main", "HEAD", "--format", "json"))
        #expect(document["schema"] as? Int == 1)
        #expect((document["trigger"] as? [String: Any])?["kind"] as? String == "diff")
        #expect((document["commit"] as? [String: Any])?["subject"] as? String == "Firmer low-income reach for FA-3")
        #expect((document["base"] as? [String: Any])?["subject"] as? String == "Food bank backlog")
        let moves = try #require(document["moves"] as? [[String: Any]])
        let fa3 = try #require(moves.first { $0["id"] as? String == "FA-3" })
        #expect((fa3["rank"] as? [String: Any])?["from"] as? Int == 14 && (fa3["rank"] as? [String: Any])?["to"] as? Int == 6)
        let inputs = try #require(fa3["inputs"] as? [[String: Any]])
        #expect(inputs.contains { $0["field"] as? String == "reach.low-income" && $0["from"] as? String == "650" && $0["to"] as? String == "1400" },
                "\(inputs)")
        #expect((document["funded"] as? [String])?.contains("FA-3") == true)
    }

    @Test("a config weight change is reported as such, with the moves it causes")
    func weightChange() throws {
        let repo = try GitFixture.example()
        try repo.edit("northstar.yaml", "nutrition:         {weight: 2,", "nutrition:         {weight: 4,")
        let r = try repo.diff("main")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("- The config changed: objective weight nutrition 2 → 4.\n"), "\(r.stdout)")
        #expect(r.stdout.contains("because of the new weighting."))
        #expect(r.stdout.contains("the work tree (uncommitted changes on top of `"))
        let document = try Self.json(try repo.diff("main", "--format", "json"))
        let changes = try #require(document["config_changes"] as? [[String: Any]])
        #expect(changes.count == 1 && changes.first?["field"] as? String == "objective weight nutrition"
                && changes.first?["from"] as? String == "2" && changes.first?["to"] as? String == "4", "\(changes)")
        #expect(((document["moves"] as? [[String: Any]]) ?? []).allSatisfy { $0["cause"] as? String == "config" })
        #expect((document["trigger"] as? [String: Any])?["files"] as? [String] == ["../northstar.yaml"])
        #expect((document["commit"] as? [String: Any])?["uncommitted"] as? Bool == true)
    }

    @Test("a branch that adds and deletes files: items entered and left, and diff touches neither the work tree nor the index")
    func addsAndDeletes() throws {
        let repo = try GitFixture.example()
        try repo.git("checkout", "-q", "-b", "reshuffle")
        try repo.git("rm", "-q", "backlog/nutrition/NU-4-school-holiday-lunches.yaml")
        try repo.folder.write("backlog/nutrition/NU-9-community-fridge.yaml", """
            id: NU-9
            title: A community fridge at the Northgate hub
            objectives: {nutrition: 0.8, food-security: 0.5}
            need: 4
            reach: {low-income: 300}
            cost: 3

            """)
        try repo.commit("Swap the holiday lunches for a community fridge")
        // Work in progress on top, staged and unstaged, that diff must leave exactly as it is.
        try repo.edit("backlog/pantry/FA-7-choice-pantry.yaml", "need: ", "need: 5 # was: ")
        try repo.folder.write("notes.txt", "untracked\n")
        try repo.git("add", "notes.txt")
        try repo.folder.write("scratch.txt", "untracked\n")
        let before = try repo.state()
        let index = try Data(contentsOf: URL(fileURLWithPath: repo.path + "/.git/index"))

        let r = try repo.diff("main", "HEAD")
        #expect(try Data(contentsOf: URL(fileURLWithPath: repo.path + "/.git/index")) == index, "diff rewrote the index")
        #expect(try repo.state() == before, "diff changed the work tree or the index")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("- **NU-9** (A community fridge at the Northgate hub) entered the ranking at "), "\(r.stdout)")
        #expect(r.stdout.contains("- **NU-4** left the ranking (it ranked "), "\(r.stdout)")
        #expect(r.stdout.contains("its entry or file is gone."))
        let document = try Self.json(try repo.diff("main", "HEAD", "--format", "json"))
        #expect(((document["added"] as? [[String: Any]]) ?? []).map { $0["id"] as? String } == ["NU-9"])
        #expect(((document["removed"] as? [[String: Any]]) ?? []).map { $0["id"] as? String } == ["NU-4"])
        #expect((document["trigger"] as? [String: Any])?["files"] as? [String]
                == ["nutrition/NU-4-school-holiday-lunches.yaml", "nutrition/NU-9-community-fridge.yaml"])
        #expect(try repo.state() == before)
    }

    @Test("BASE equal to HEAD prints that nothing moved, exit 0")
    func nothingMoved() throws {
        let repo = try GitFixture.example()
        let r = try repo.diff("HEAD", "HEAD")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("No backlog file or config changed."))
        #expect(r.stdout.contains("Nothing moved: every item keeps its rank and score, and the plan funds the same items.\n"), "\(r.stdout)")
        let document = try Self.json(try repo.diff("HEAD", "HEAD", "--format", "json"))
        #expect((document["moves"] as? [Any])?.isEmpty == true && (document["added"] as? [Any])?.isEmpty == true)
        // The work tree as it is, with nothing changed since main: the same.
        #expect(try repo.diff().stdout.contains("Nothing moved"))
    }

    @Test("a revision that does not exist: a clear error naming it, exit 2; a shallow clone says so; outside git: exit 2")
    func missingRevision() throws {
        let repo = try GitFixture.example()
        let r = try repo.diff("no-such-branch")
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown revision 'no-such-branch'"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let head = try repo.diff("main", "v9.9")
        #expect(head.status == 2 && head.stderr.contains("unknown revision 'v9.9'"), "\(head.stderr)")
        #expect(try repo.diff("--no-such-option").status == 2)

        // A shallow clone has HEAD but not its parent: both present works, a missing one says why.
        try repo.edit(Self.fa3, "need: 4", "need: 5")
        try repo.commit("FA-3: more need")
        let clones = try TemporaryFolder()
        #expect(try repo.run(["clone", "-q", "--depth", "2", "file://" + repo.path, clones.path + "/two"], in: clones.path).status == 0)
        let two = try NorthstarBinary.run(["diff", "HEAD~1", "HEAD"], in: clones.path + "/two")
        #expect(two.status == 0 && two.stdout.contains("- **FA-3** rose"), "\(two.stdout)\(two.stderr)")
        #expect(try repo.run(["clone", "-q", "--depth", "1", "file://" + repo.path, clones.path + "/one"], in: clones.path).status == 0)
        let one = try NorthstarBinary.run(["diff", "HEAD~1", "HEAD"], in: clones.path + "/one")
        #expect(one.status == 2)
        #expect(one.stderr.contains("unknown revision 'HEAD~1'") && one.stderr.contains("shallow clone"), "\(one.stderr)")

        let plain = try TemporaryFolder()
        let outside = try NorthstarBinary.run(["diff"], in: plain.path)
        #expect(outside.status == 2 && outside.stderr.contains("northstar: diff: "), "\(outside.stderr)")
    }

    @Test("symlinks stored in git are followed only to files of the same tree inside the backlog folder")
    func symlinksStayInTheTree() throws {
        let repo = try GitFixture.example()
        let secret = "SECRET-diff-5b1e"
        try repo.folder.write("outside/leak.yaml", "id: LEAK\ntitle: \(secret)\nobjectives: {food-security: 1}\nneed: 3\nreach: 10\ncost: \(secret)\n")
        try repo.folder.write("backlog/.drafts/NU-8.yaml", "id: NU-8\ntitle: Linked draft\nobjectives: {nutrition: 1}\nneed: 3\nreach: {low-income: 50}\ncost: 1\n")
        let backlog = repo.path + "/backlog"
        #expect(symlink("/etc/passwd", backlog + "/passwd.yaml") == 0)
        #expect(symlink("../outside/leak.yaml", backlog + "/up.yaml") == 0)
        #expect(symlink("../outside", backlog + "/outdir") == 0)
        #expect(symlink(".drafts/NU-8.yaml", backlog + "/linked.yaml") == 0)
        #expect(symlink("loop.yaml", backlog + "/loop.yaml") == 0)
        try repo.commit("Links of every kind")
        // The work tree's own scan and the tree's agree on what is read and what is reported.
        let onDisk = try NorthstarBinary.run(["check", "--format", "json"], in: repo.path)
        let r = try repo.diff("HEAD~1", "HEAD", "--format", "json")
        let fromTree = try repo.diff("HEAD~1", "HEAD")
        #expect(fromTree.status == 0, "\(fromTree.stderr)")
        for output in [r.stdout, r.stderr, fromTree.stdout, fromTree.stderr, onDisk.stdout] {
            #expect(!output.contains(secret) && !output.contains("root:"), "leaked: \(output)")
        }
        #expect(fromTree.stdout.contains("- **NU-8** (Linked draft) entered the ranking"), "\(fromTree.stdout)")
        #expect(fromTree.stdout.contains("**The head has 1 error** (the base has 0)"), "\(fromTree.stdout)")
        #expect(fromTree.stdout.contains("- `loop.yaml:1:1`: a symlink loop; skipped"))
        #expect(fromTree.stdout.contains("The head has 3 warnings"), "\(fromTree.stdout)")
        let disk = try #require(try JSONSerialization.jsonObject(with: Data(onDisk.stdout.utf8)) as? [String: Any])
        #expect(disk["errors"] as? Int == 1 && disk["warnings"] as? Int == 3, "\(onDisk.stdout)")
    }

    @Test("the Markdown comment is capped: the largest moves first, then a count of the rest; --fail-on-errors")
    func capAndFailOnErrors() throws {
        let repo = try GitFixture.example()
        try repo.edit("northstar.yaml", "nutrition:         {weight: 2,", "nutrition:         {weight: 6,")
        let r = try repo.diff("main", "--limit", "3")
        #expect(r.status == 0)
        let sentences = r.stdout.split(separator: "\n").filter { $0.hasPrefix("- ") }
        #expect(sentences.count == 4, "\(r.stdout)")
        #expect(sentences.last?.hasPrefix("- …and ") == true
                && sentences.last?.hasSuffix(" more lines like these (every move: `northstar diff --format json`, or a larger `--limit`).") == true)
        // Largest first: each listed move jumps at least as far as the next.
        let jumps = sentences.compactMap { line -> Int? in
            guard let m = line.firstMatch(of: /from (\d+)[a-z]{2} to (\d+)[a-z]{2}/), let a = Int(m.1), let b = Int(m.2) else { return nil }
            return abs(a - b)
        }
        #expect(jumps.count == 2 && jumps == jumps.sorted(by: >), "\(r.stdout)")
        let all = try repo.diff("main", "--limit", "1000").stdout.split(separator: "\n").filter { $0.hasPrefix("- ") }
        #expect(!all.contains { $0.contains("…and") } && sentences.dropLast().elementsEqual(all.prefix(3)))
        #expect(r.stdout.contains("- …and \(all.count - 3) more lines"), "\(all.count) lines in all")

        try repo.folder.write("backlog/broken.yaml", "id: BR-1\ntitle: [unclosed\n")
        let failing = try repo.diff("main", "--fail-on-errors")
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("**The head has 1 error** (the base has 0)"))
        #expect(failing.stdout.contains("- `broken.yaml:3:1`: YAML syntax"), "\(failing.stdout)")
        #expect(try repo.diff("main").status == 0)
    }

    @Test("the CI examples' own diff commands, run as the runners run them on a pull request's merge commit")
    func ciExampleCommands() throws {
        let repo = try GitFixture.example()
        let main = try repo.git("rev-parse", "HEAD")
        try repo.git("checkout", "-q", "-b", "firmer-reach")
        try repo.edit(Self.fa3, "low-income: {low: 400, likely: 650, high: 900}", "low-income: 1400")
        try repo.commit("Firmer low-income reach for FA-3")
        // What GitHub checks out for a pull request: the branch merged into the base's tip.
        try repo.git("checkout", "-q", "main")
        try repo.edit("backlog/nutrition/NU-1-fresh-produce.yaml", "need: ", "need: 1 # was: ")
        try repo.commit("Meanwhile on main")
        try repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #7", "firmer-reach")
        let binaries = URL(fileURLWithPath: NorthstarBinary.path).deletingLastPathComponent().path
        // GitHub runs on the merge commit; a GitLab merge request pipeline on the branch's head,
        // with the merge base in CI_MERGE_REQUEST_DIFF_BASE_SHA.
        for (file, checkout, environment) in [("examples/ci/github-workflow.yml", "main", ""),
                                              ("examples/ci/gitlab-ci.yml", "firmer-reach", "export CI_MERGE_REQUEST_DIFF_BASE_SHA=\(main); ")] {
            try repo.git("checkout", "-q", checkout)
            let text = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/" + file, encoding: .utf8)
            let command = try #require(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("northstar diff") || $0.hasPrefix("- northstar diff") }, "\(file) runs no diff")
            let line = command.hasPrefix("- ") ? String(command.dropFirst(2)) : command
            let r = try NorthstarBinary.runTool("/bin/sh", ["-c", "export PATH=\(binaries):$PATH; \(environment)\(line) && cat ranking-diff.md"], in: repo.path)
            #expect(r.status == 0, "\(file): \(line): \(r.stderr)")
            #expect(r.stdout.contains("- **FA-3** rose from "), "\(file): \(r.stdout)")
            // Only the pull request's own change: main's edit is in both revisions.
            #expect(r.stdout.contains("1 file changed (`pantry/FA-3-evening-opening.yaml`)"), "\(file): \(r.stdout)")
            try FileManager.default.removeItem(atPath: repo.path + "/ranking-diff.md")
        }
    }

    @Test("the README's 'Reviewing changes' output is what diff prints for the tour's edit (commit hashes aside)")
    func readmeExample() throws {
        let repo = try GitFixture.example()
        try repo.git("checkout", "-q", "-b", "firmer-reach")
        try repo.edit(Self.fa3, "low-income: {low: 400, likely: 650, high: 900}", "low-income: 1400")
        try repo.commit("Firmer low-income reach for FA-3")
        let r = try repo.diff()
        #expect(r.status == 0, "\(r.stderr)")
        let readme = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Reviewing changes\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```\n### Northstar").dropFirst().first?.components(separatedBy: "```\n").first)
        func masked(_ text: String) -> String { text.replacing(/`[0-9a-f]{7,}`/, with: "`HASH`") }
        expectSameLines(masked(r.stdout), masked("### Northstar" + block), "README's diff example")
    }
}

import Foundation
import Testing

/// `northstar diff` on real git repositories built by the test: what a change under review
/// does to the ranking, read from git objects, never touching the work tree or the index.
@Suite("northstar diff on a real git repository")
struct DiffTests {
    static let fa3 = "backlog/pantry/FA-3-evening-opening.yaml"

    /// The example committed on main, and checked out a branch `firmer-reach` whose one commit
    /// gives FA-3 its firmer low-income reach (the README tour's edit).
    static func firmerReach() throws -> GitFixture {
        let repo = try GitFixture.example()
        try repo.git("checkout", "-q", "-b", "firmer-reach")
        try repo.edit(fa3, "low-income: {low: 400, likely: 650, high: 900}", "low-income: 1400")
        try repo.commit("Firmer low-income reach for FA-3")
        return repo
    }

    /// The parsed `--format json` document.
    static func json(_ r: NorthstarBinary.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)\n\(r.stderr)")
    }

    @Test("a commit that raises one reach: the item, the field and both values, from the merge base and between named revisions")
    func raisedReach() throws {
        let repo = try Self.firmerReach()

        // Default BASE: the merge base with main; default HEAD: the work tree (clean here).
        let r = try repo.diff()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("<!-- northstar-diff -->\n### Northstar: what this change does to the ranking\n"))
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

    @Test("a capacity set by the change: the config change and the new plan's headline")
    func newPlan() throws {
        let repo = try GitFixture()
        try repo.folder.copyExample(into: "backlog") { $0 }
        try repo.folder.writeConfig(backlog: "backlog", output: "rankings")
        try repo.edit("northstar.yaml", "\ncapacity: 40", "\n# capacity: 40")
        try repo.commit("No plan yet")
        try repo.edit("northstar.yaml", "\n# capacity: 40", "\ncapacity: 40")
        let r = try repo.diff("HEAD")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("- The config changed: capacity (unset) → 40.\n- There is a plan now: 13 of 30 items funded, 40 of 40 person-weeks.\n"), "\(r.stdout)")
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
        #expect(fromTree.stdout.contains("**The head has 1 error** (1 new)"), "\(fromTree.stdout)")
        #expect(fromTree.stdout.contains("- new: `loop.yaml:1:1`: a symlink loop; skipped"))
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
        #expect(failing.stdout.contains("**The head has 1 error** (1 new)"))
        #expect(failing.stdout.contains("- new: `broken.yaml:3:1`: YAML syntax"), "\(failing.stdout)")
        #expect(try repo.diff("main").status == 0)
    }

    /// The shell script of the examples' diff step: GitHub's `run:` or GitLab's `script:` lines.
    static func ciScript(_ file: String) throws -> String {
        let extract = """
            import json, sys, yaml
            doc = yaml.safe_load(open(sys.argv[1]))
            if "jobs" in doc:
                steps = [s for s in doc["jobs"]["check"]["steps"] if s.get("name") == "What this change does to the ranking"]
                print(steps[0]["run"])
            else:
                print("\\n".join(doc["northstar-diff"]["script"]))
            """
        let r = try NorthstarBinary.runTool("/usr/bin/env", ["python3", "-c", extract, NorthstarBinary.repositoryRoot + "/" + file])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test("the CI examples' diff steps, run as the runners run them on a pull request (gh and the GitLab API stubbed): one comment, then updated")
    func ciExampleCommands() throws {
        let repo = try Self.firmerReach()
        let main = try repo.git("rev-parse", "main")
        try repo.git("checkout", "-q", "main")
        try repo.edit("backlog/nutrition/NU-1-fresh-produce.yaml", "need: ", "need: 1 # was: ")
        try repo.commit("Meanwhile on main")
        try repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #7", "firmer-reach")
        let merged = try repo.git("rev-parse", "HEAD")

        // Stand-ins for gh and curl: they log what they are asked, and list an earlier comment
        // (id 42) once one exists.
        let stubs = try TemporaryFolder()
        let log = stubs.path + "/log"
        try stubs.write("bin/gh", """
            #!/bin/sh
            echo "gh $*" >> \(log)
            case "$*" in *"/issues/7/comments"*) [ -f \(stubs.path)/posted ] && echo 42 ;; esac
            case "$*" in "pr comment"*) touch \(stubs.path)/posted ;; esac
            exit 0
            """)
        try stubs.write("bin/curl", """
            #!/bin/sh
            echo "curl $*" >> \(log)
            case "$*" in *--request*) touch \(stubs.path)/posted ;;
              *) if [ -f \(stubs.path)/posted ]; then printf '%s\\n' '[{"id": 9, "body": "hi"}, {"id": 42, "body": "<!-- northstar-diff -->\\nold"}]'; else echo '[]'; fi ;; esac
            exit 0
            """)
        for tool in ["gh", "curl"] { #expect(chmod(stubs.path + "/bin/" + tool, 0o755) == 0) }
        let binaries = URL(fileURLWithPath: NorthstarBinary.path).deletingLastPathComponent().path
        let environment = "export PATH=\(stubs.path)/bin:\(binaries):$PATH GITHUB_STEP_SUMMARY=\(stubs.path)/summary GH_REPO=team/backlog PR=7 "
            + "CI_MERGE_REQUEST_DIFF_BASE_SHA=\(main) CI_API_V4_URL=https://gitlab.example/api/v4 CI_PROJECT_ID=3 CI_MERGE_REQUEST_IID=7 "
            + "NORTHSTAR_BOT_TOKEN=secret; set -e\n"
        // GitHub runs on the merge commit; a GitLab merge request pipeline on the branch's head,
        // with the merge base in CI_MERGE_REQUEST_DIFF_BASE_SHA.
        for (file, checkout, shell) in [("examples/ci/github-workflow.yml", merged, "/bin/bash"), ("examples/ci/gitlab-ci.yml", "firmer-reach", "/bin/sh")] {
            try repo.git("checkout", "-q", checkout)
            try? FileManager.default.removeItem(atPath: stubs.path + "/posted")
            try? FileManager.default.removeItem(atPath: log)
            let script = try Self.ciScript(file)
            #expect(script.contains("northstar diff --config northstar.yaml"), "\(file): \(script)")
            for round in 0..<2 {
                let r = try NorthstarBinary.runTool(shell, ["-c", environment + script], in: repo.path)
                #expect(r.status == 0, "\(file) round \(round): \(r.stdout)\(r.stderr)")
                let comment = try repo.folder.read("ranking-diff.md")
                #expect(comment.hasPrefix("<!-- northstar-diff -->\n### Northstar"), "\(file): \(comment)")
                #expect(comment.contains("- **FA-3** rose from "), "\(file): \(comment)")
                // Only the pull request's own change: main's edit is in both revisions.
                #expect(comment.contains("1 file changed (`pantry/FA-3-evening-opening.yaml`)"), "\(file): \(comment)")
            }
            let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { !$0.contains("/comments --paginate") && !$0.contains("per_page") }
            if file.contains("github") {
                #expect(calls.count == 2 && calls[0].hasPrefix("gh pr comment 7 --body-file ranking-diff.md")
                        && calls[1].hasPrefix("gh api --method PATCH repos/team/backlog/issues/comments/42 -F body=@ranking-diff.md"), "\(calls)")
                #expect(try String(contentsOfFile: stubs.path + "/summary", encoding: .utf8).contains("- **FA-3** rose from "))
            } else {
                #expect(calls.count == 2 && calls[0].contains("--request POST") && calls[0].hasSuffix("/merge_requests/7/notes")
                        && calls[1].contains("--request PUT") && calls[1].hasSuffix("/merge_requests/7/notes/42"), "\(calls)")
            }
            try FileManager.default.removeItem(atPath: repo.path + "/ranking-diff.md")
        }
    }

    @Test("the README's 'Reviewing changes' output is what diff prints for the tour's edit (commit hashes aside)")
    func readmeExample() throws {
        let repo = try Self.firmerReach()
        let r = try repo.diff()
        #expect(r.status == 0, "\(r.stderr)")
        let readme = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Reviewing changes\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```\n<!-- northstar-diff -->").dropFirst().first?.components(separatedBy: "```\n").first)
        func masked(_ text: String) -> String { text.replacing(/`[0-9a-f]{7,}`/, with: "`HASH`") }
        expectSameLines(masked(r.stdout), masked("<!-- northstar-diff -->" + block), "README's diff example")
    }

    @Test("a head whose config is broken still gets a comment listing the config's errors; errors the base had are told apart; no @mention gets through")
    func brokenConfigAndMentions() throws {
        let repo = try GitFixture.example()
        try repo.folder.write("backlog/broken.yaml", "id: BR-1\ntitle: [unclosed\n")
        try repo.commit("A broken file on main")
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.folder.write("backlog/pantry/FA-30.yaml", "id: FA-30\ntitle: Ask @food-team to open on Sundays\nobjectives: {food-security: 0.5}\nneed: 3\nreach: 100\ncost: 2\n")
        try repo.commit("Mention a team")
        let r = try repo.diff("main", "HEAD")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("**The head has 1 error**, all of them in the base too"), "\(r.stdout)")
        #expect(!r.stdout.contains("- new: "))
        #expect(!r.stdout.contains("@food-team") && r.stdout.contains("@\u{2060}food-team"), "a title from the change cannot ping a team")

        try repo.edit("northstar.yaml", "objectives:", "objectives: [")
        let broken = try repo.diff("main")
        #expect(broken.status == 0, "the comment is what CI posts: exit 0 without --fail-on-errors")
        #expect(broken.stdout.hasPrefix("<!-- northstar-diff -->\n### Northstar"))
        #expect(broken.stdout.contains("**The head's config has 1 error**, so nothing could be ranked there:\n\n- `northstar.yaml:"), "\(broken.stdout)")
        #expect(broken.stderr.contains("northstar.yaml:") && broken.stderr.contains(": error: "))
        #expect(try repo.diff("main", "--fail-on-errors").status == 1)
        let json = try repo.diff("main", "--format", "json")
        #expect(json.status == 1 && json.stdout.isEmpty, "no ranking to print as JSON")
    }

    @Test("a pull request cannot raise the size limit past the base's: a file over it is reported, not read")
    func sizeLimitFromBase() throws {
        let repo = try GitFixture.example()
        try repo.git("checkout", "-q", "-b", "big")
        try repo.edit("northstar.yaml", "backlog: backlog\n", "backlog: backlog\nlimits: {max_file_bytes: 100000000}\n")
        let padding = String(repeating: "# padding\n", count: 120_000)
        try repo.folder.write("backlog/big.yaml", "id: BIG-1\ntitle: Big\nobjectives: {nutrition: 1}\nneed: 3\nreach: 10\ncost: 1\n" + padding)
        try repo.commit("A file over a megabyte, and a limit to let it in")
        let r = try repo.diff("main", "HEAD")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("- new: `big.yaml:1:1`: file is 1200074 bytes, more than the limit; skipped"), "\(r.stdout)")
        #expect(!r.stdout.contains("BIG-1"))
    }
}

import NorthstarCore
import Testing

@Suite("Which paths are backlog files (the rule the scanner, the watcher and the daemon share)")
struct BacklogPathsTests {
    static let rule = BacklogPaths(root: "/srv/team/backlog", excluded: ["/srv/team/backlog/rankings"])

    @Test("a path is a backlog file, ignored inside the backlog, or outside it", arguments: [
        ("/srv/team/backlog/a.yaml", BacklogPaths.Verdict.backlogFile("a.yaml")),
        ("/srv/team/backlog/pantry/FA-3.yml", .backlogFile("pantry/FA-3.yml")),
        ("/srv/team/backlog/a b/odd name.yaml", .backlogFile("a b/odd name.yaml")),
        ("/srv/team/backlog/notes.md", .ignored),
        ("/srv/team/backlog/a.yaml.bak", .ignored),
        ("/srv/team/backlog/.a.yaml.swp", .ignored),
        ("/srv/team/backlog/.hidden.yaml", .ignored),
        ("/srv/team/backlog/a.yaml~", .ignored),
        ("/srv/team/backlog/#a.yaml#", .ignored),
        ("/srv/team/backlog/4913", .ignored),
        ("/srv/team/backlog/.git/config.yaml", .ignored),
        ("/srv/team/backlog/pantry/.drafts/x.yaml", .ignored),
        ("/srv/team/backlog/old~/x.yaml", .ignored),
        ("/srv/team/backlog/rankings/ranking.yaml", .outside),
        ("/srv/team/backlog/rankings", .outside),
        ("/srv/team/backlog", .outside),
        ("/srv/team/backlog2/a.yaml", .outside),
        ("/srv/team/a.yaml", .outside),
        ("/elsewhere/a.yaml", .outside),
    ])
    func classify(path: String, verdict: BacklogPaths.Verdict) {
        #expect(Self.rule.classify(path) == verdict)
    }

    @Test("names: YAML files count, hidden, backup, autosave and vim's probe names never do", arguments: [
        ("a.yaml", true, false), ("a.yml", true, false), ("a.json", false, false), ("yaml", false, false),
        (".a.yaml", false, true), ("a.yaml~", false, true), ("#a.yaml#", false, true), ("4913", false, true),
        (".#a.yaml", false, true), ("#notes", false, false),
    ])
    func names(name: String, isBacklogFile: Bool, isIgnored: Bool) {
        #expect(BacklogPaths.isBacklogFileName(name) == isBacklogFile)
        #expect(BacklogPaths.isIgnoredName(name) == isIgnored)
    }
}

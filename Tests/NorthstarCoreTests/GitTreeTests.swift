import NorthstarCore
import Testing

/// The pure parts of reading a revision from git: the tree listing, path resolution inside the
/// tree, and `cat-file --batch` answers.
@Suite("Git trees and objects")
struct GitTreeTests {
    static func listing(_ rows: [(String, String, String, String, String)]) -> [UInt8] {
        rows.flatMap { mode, type, object, size, path in Array("\(mode) \(type) \(object) \(size)\t\(path)".utf8) + [0] }
    }

    static let tree: GitTree = {
        var t = GitTree.parse(listing([
            ("040000", "tree", "t1", "-", "backlog"),
            ("100644", "blob", "b1", "      12", "backlog/a.yaml"),
            ("100755", "blob", "b2", "7", "backlog/sub/b.yaml"),
            ("120000", "blob", "l1", "6", "backlog/to-a.yaml"),
            ("120000", "blob", "l2", "3", "backlog/sub-link"),
            ("120000", "blob", "l3", "11", "backlog/abs.yaml"),
            ("120000", "blob", "l4", "9", "backlog/loop.yaml"),
            ("120000", "blob", "l5", "14", "backlog/up.yaml"),
            ("120000", "blob", "l6", "18", "backlog/way-up.yaml"),
            ("120000", "blob", "l7", "7", "backlog/slashed.yaml"),
            ("120000", "blob", "l8", "4", "backlog/sub-slash"),
            ("120000", "blob", "l9", "11", "backlog/chain.yaml"),
            ("160000", "commit", "c1", "-", "backlog/module"),
            ("100644", "blob", "b3", "1", "secret.yaml"),
        ]))!
        t.targets = ["backlog/to-a.yaml": "a.yaml", "backlog/sub-link": "sub", "backlog/abs.yaml": "/etc/passwd",
                     "backlog/loop.yaml": "loop.yaml", "backlog/up.yaml": "../secret.yaml", "backlog/way-up.yaml": "../../etc/passwd",
                     "backlog/slashed.yaml": "a.yaml/", "backlog/sub-slash": "sub/", "backlog/chain.yaml": "./sub-link/../to-a.yaml"]
        return t
    }()

    @Test("the listing's entries: kinds, objects, sizes (padded), and the folders on the way")
    func parse() throws {
        let t = Self.tree
        #expect(t.entries["backlog/a.yaml"] == GitTree.Entry(kind: .file, object: "b1", size: 12))
        #expect(t.entries["backlog/sub/b.yaml"]?.kind == .file)
        #expect(t.entries["backlog/sub"]?.kind == .folder, "a folder known only from its files")
        #expect(t.entries["backlog/module"]?.kind == .submodule)
        #expect(t.children[""] == ["backlog", "secret.yaml"])
        #expect(t.children["backlog"]?.first == "a.yaml")
        #expect(t.symlinks.map(\.path) == ["backlog/abs.yaml", "backlog/chain.yaml", "backlog/loop.yaml", "backlog/slashed.yaml", "backlog/sub-link",
                                            "backlog/sub-slash", "backlog/to-a.yaml", "backlog/up.yaml", "backlog/way-up.yaml"])
        #expect(GitTree.parse(Array("100644 blob b1 12 no-tab".utf8) + [0]) == nil)
        #expect(GitTree.parse(Array("100600 blob b1 12\tx".utf8) + [0]) == nil, "an unknown mode")
        #expect(GitTree.parse([])?.entries.isEmpty == true)
    }

    @Test("paths resolve through links inside the tree; absolute targets and climbs above the root lead outside", arguments: [
        ("backlog/a.yaml", GitTree.Resolution.found(path: "backlog/a.yaml", entry: .init(kind: .file, object: "b1", size: 12))),
        ("backlog/to-a.yaml", .found(path: "backlog/a.yaml", entry: .init(kind: .file, object: "b1", size: 12))),
        ("backlog/sub-link/b.yaml", .found(path: "backlog/sub/b.yaml", entry: .init(kind: .file, object: "b2", size: 7))),
        ("backlog/./sub/../a.yaml", .found(path: "backlog/a.yaml", entry: .init(kind: .file, object: "b1", size: 12))),
        ("backlog/up.yaml", .found(path: "secret.yaml", entry: .init(kind: .file, object: "b3", size: 1))),
        ("backlog/abs.yaml", .outside),
        ("backlog/way-up.yaml", .outside),
        ("../x", .outside),
        ("backlog/loop.yaml", .broken(loop: true)),
        ("backlog/missing.yaml", .broken(loop: false)),
        ("backlog/a.yaml/x", .broken(loop: false)),
        ("backlog/a.yaml/", .broken(loop: false)),
        ("backlog/slashed.yaml", .broken(loop: false)),
        ("backlog/sub-slash/b.yaml", .found(path: "backlog/sub/b.yaml", entry: .init(kind: .file, object: "b2", size: 7))),
        ("backlog/chain.yaml", .found(path: "backlog/a.yaml", entry: .init(kind: .file, object: "b1", size: 12))),
    ])
    func resolve(path: String, expected: GitTree.Resolution) {
        #expect(Self.tree.resolve(path) == expected, "\(path)")
    }

    @Test("the backlog scan over a tree: links in followed, links out and loops reported, submodules and other files skipped")
    func scan() throws {
        let result = try #require(TreeBacklogScan.scan(Self.tree, repositoryRoot: "/repo", paths: BacklogPaths(root: "/repo/backlog", excluded: ["/repo/out"])))
        // `sub` is read once, by its own name; the link to it is reported as the disk scan reports it.
        #expect(result.files.map(\.displayPath) == ["a.yaml", "chain.yaml", "sub/b.yaml", "to-a.yaml"])
        #expect(result.files.map(\.object) == ["b1", "b1", "b2", "b1"])
        #expect(result.diagnostics.map { "\($0.path) \($0.code.rawValue)" }.sorted()
                == ["abs.yaml symlink-outside", "loop.yaml broken-symlink", "slashed.yaml broken-symlink", "sub-link symlink-loop",
                    "sub-slash symlink-loop", "up.yaml symlink-outside", "way-up.yaml symlink-outside"])
        #expect(TreeBacklogScan.scan(Self.tree, repositoryRoot: "/repo", paths: BacklogPaths(root: "/repo/nowhere", excluded: [])) == nil)
        #expect(TreeBacklogScan.scan(Self.tree, repositoryRoot: "/repo", paths: BacklogPaths(root: "/elsewhere", excluded: [])) == nil)
        let excluded = try #require(TreeBacklogScan.scan(Self.tree, repositoryRoot: "/repo", paths: BacklogPaths(root: "/repo/backlog", excluded: ["/repo/backlog/sub"])))
        #expect(!excluded.files.contains { $0.displayPath == "sub/b.yaml" })
    }

    @Test("cat-file --batch answers: contents (newlines and all), missing objects, and a cut-short answer refused")
    func catFile() {
        let output = Array("b1 blob 5\nab\ncd\nzz missing\nb2 blob 0\n\n".utf8)
        #expect(CatFileBatch.parse(output, count: 3) == [.contents(Array("ab\ncd".utf8)), .missing, .contents([])])
        #expect(CatFileBatch.parse(Array("b1 blob 9\nab\n".utf8), count: 1) == nil)
        #expect(CatFileBatch.parse(Array("b1 blob 2\nab".utf8), count: 1) == nil, "no newline after the contents")
        #expect(CatFileBatch.parse([], count: 1) == nil)
    }
}

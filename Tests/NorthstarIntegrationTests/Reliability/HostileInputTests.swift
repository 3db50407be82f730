import Foundation
import Testing

/// Hostile input (docs/reliability.md): each is reported as a located diagnostic while the other
/// files keep ranking, and nothing crashes, hangs or injects into an output.
@Suite("Reliability: hostile input")
struct HostileInputTests {
    static let good = "id: GOOD\nobjectives: {food-security: 1}\nneed: 3\nreach: 100\ncost: 1\n"

    /// Ranks a backlog holding the good file and whatever `plant` adds; returns the result,
    /// the parsed ranking.json and the folder.
    static func rank(_ plant: (TemporaryFolder) throws -> Void) throws -> (NorthstarBinary.Result, [String: Any]?, TemporaryFolder) {
        let folder = try TemporaryFolder()
        try folder.write("backlog/good.yaml", good)
        try plant(folder)
        try folder.writeConfig()
        let start = Date()
        let r = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: folder.path)
        #expect(Date().timeIntervalSince(start) < 60, "took too long")
        let data = FileManager.default.contents(atPath: folder.path + "/out/ranking.json")
        let json = data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        let ids = (json?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids.contains("GOOD"), "the good file stopped ranking: \(r.stderr)")
        return (r, json, folder)
    }

    nonisolated(unsafe) static let cases: [(String, String, (TemporaryFolder) throws -> Void)] = [
        ("alias bomb", "backlog/bomb.yaml:4:36: error: aliases expand to more than 10000 values", { f in
            var y = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            for (p, n) in zip("abcdefgh", "bcdefghi") { y += "\(n): &\(n) [" + Array(repeating: "*\(p)", count: 10).joined(separator: ", ") + "]\n" }
            try f.write("backlog/bomb.yaml", y)
        }),
        ("10,000-level nesting", "backlog/deep.yaml:1:67: error: values are nested more than 64 levels deep", { f in
            try f.write("backlog/deep.yaml", "x: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n")
        }),
        ("a 200 MB file", "backlog/huge.yaml:1:1: error: file is 209715200 bytes, more than the limit", { f in
            let fd = open(f.path + "/backlog/huge.yaml", O_CREAT | O_WRONLY, 0o644)
            ftruncate(fd, 200 << 20)
            close(fd)
        }),
        ("binary bytes", "backlog/binary.yaml:1:", { f in
            try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0xFF, 0xFE, 0x00, 0x01]).write(to: URL(fileURLWithPath: f.path + "/backlog/binary.yaml"))
        }),
        ("invalid UTF-8", "backlog/latin1.yaml:2:", { f in
            try Data("id: X\ntitle: caf".utf8 + [0xE9] + Data("\n".utf8)).write(to: URL(fileURLWithPath: f.path + "/backlog/latin1.yaml"))
        }),
        ("a FIFO", "backlog/fifo.yaml:1:1: error: not a regular file (a FIFO); skipped", { f in
            mkfifo(f.path + "/backlog/fifo.yaml", 0o644)
        }),
        ("a symlink loop", "backlog/loop.yaml:1:1: error: a symlink loop; skipped", { f in
            symlink("loop.yaml", f.path + "/backlog/loop.yaml")
        }),
        ("an id with control characters", "backlog/ctrl.yaml:1:5: error: 'id' contains control characters", { f in
            try f.write("backlog/ctrl.yaml", "id: \"A\\u0007B\"\nobjectives: {food-security: 1}\nneed: 3\nreach: 1\ncost: 1\n")
        }),
        ("a multi-document file", "backlog/multi.yaml:2:1: error: a second YAML document", { f in
            try f.write("backlog/multi.yaml", "id: M\n---\nid: N\n")
        }),
    ]

    @Test("each hostile file is a located diagnostic and the rest still ranks", arguments: cases.map(\.0))
    func hostile(name: String) throws {
        guard let (_, expected, plant) = Self.cases.first(where: { $0.0 == name }) else { return }
        let (r, _, _) = try Self.rank(plant)
        #expect(r.status == 1, "\(name): \(r.stderr)")
        #expect(r.stderr.contains(expected), "\(name): expected \(expected) in\n\(r.stderr)")
    }

    @Test("a path with newlines and spaces, and an id made of HTML, are escaped in every output")
    func namesAndMarkup() throws {
        let (r, json, folder) = try Self.rank { f in
            try f.write("backlog/a folder/odd\nname.yaml", "id: \"<script>alert(1)</script>\"\ntitle: \"| *bold* [link](x) `code` =cmd()\"\nobjectives: {food-security: 1}\nneed: 3\nreach: 100\ncost: 1\n")
        }
        #expect(r.status == 0, "\(r.stderr)")
        let items = json?["items"] as? [[String: Any]] ?? []
        let odd = items.first { ($0["id"] as? String) == "<script>alert(1)</script>" }
        #expect(odd?["source"] as? String == "a folder/odd\nname.yaml:1")
        let markdown = try folder.read("out/RANKING.md")
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }.allSatisfy { $0.hasSuffix(" |") })
        let csv = try folder.read("out/ranking.csv")
        #expect(csv.contains(",| *bold* [link](x) `code` =cmd(),"))
        #expect(!csv.contains(",=cmd"))
        #expect(try folder.read("out/ranking.json").contains(#""source": "a folder/odd\nname.yaml:1""#))
    }

    @Test("a daemon keeps running through every hostile file at once")
    func daemonSurvives() throws {
        let folder = try TemporaryFolder()
        try folder.write("backlog/good.yaml", Self.good)
        try folder.writeConfig()
        let d = try DaemonHarness(folder: folder)
        for (_, _, plant) in Self.cases { try plant(folder) }
        try folder.write("backlog/later.yaml", "id: LATER\nobjectives: {food-security: 1}\nneed: 3\nreach: 5\ncost: 1\n")
        d.expectEventually("ranking after all hostile files", seconds: 30) { d.item("LATER") != nil && d.item("GOOD") != nil }
        d.expectEventually("their diagnostics", seconds: 30) { d.diagnostics.count >= Self.cases.count }
        let ranked = d.item("LATER") != nil && d.item("GOOD") != nil
        let status = d.terminate()
        #expect(status == 0)
        // The summary says what happened, not what was hoped for.
        let outcome = ranked && status == 0 ? "daemon survived all at once" : "daemon did NOT survive (exit \(status.map(String.init) ?? "none"), later item ranked: \(ranked))"
        print("hostile: \(Self.cases.count) kinds of hostile file, each located while the rest ranks; \(outcome)")
    }
}

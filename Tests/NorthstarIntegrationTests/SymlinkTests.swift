import Foundation
import Testing

/// Symlinks in the backlog are followed only while they stay inside the backlog folder: a link
/// out of it is a located warning and is never read, so nothing of what it points at reaches
/// the terminal or an output (a CI `check` on a pull request must not print a runner's files).
@Suite("Symlinks out of the backlog, run for real")
struct SymlinkTests {
    /// Text that appears only in files outside the backlog; it must never be printed.
    static let secret = "SECRET-outside-7f3a9c"

    static func item(_ id: String) -> String {
        "id: \(id)\ntitle: Item \(id)\nobjectives: {food-security: 0.5}\nneed: 3\nreach: {rural: 100}\ncost: 2\n"
    }

    /// An outside file that, if read, would be echoed in a diagnostic ("found text '…'") and
    /// would rank an item titled with the secret.
    static let leaking = "id: LEAK\ntitle: \(secret)\nobjectives: {food-security: 0.5}\nneed: 3\nreach: 100\ncost: \(secret)\n"

    /// A backlog with links of every kind: out to a file, out to a folder, out to a sibling
    /// folder whose name starts like the backlog's (`backlog2`), and in to a file and a folder.
    static func plant() throws -> TemporaryFolder {
        let f = try TemporaryFolder()
        try f.write("backlog/good.yaml", item("GOOD"))
        try f.write("outside/secret.yaml", leaking)
        try f.write("outside/dir/inner.yaml", leaking.replacingOccurrences(of: "LEAK", with: "OUTDIR"))
        try f.write("backlog2/sibling.yaml", leaking.replacingOccurrences(of: "LEAK", with: "SIBLING"))
        try f.write("backlog/.store/in.yaml", item("IN"))
        try f.write("backlog/.store/sub/deep.yaml", item("DEEP"))
        #expect(symlink(f.path + "/outside/secret.yaml", f.path + "/backlog/leak.yaml") == 0)
        #expect(symlink("../outside/dir", f.path + "/backlog/ext") == 0)
        #expect(symlink(f.path + "/backlog2/sibling.yaml", f.path + "/backlog/sibling.yaml") == 0)
        #expect(symlink(".store/in.yaml", f.path + "/backlog/in.yaml") == 0)
        #expect(symlink(f.path + "/backlog/.store/sub", f.path + "/backlog/alias") == 0)
        try f.writeConfig()
        return f
    }

    static let warnings = [
        "backlog/ext:1:1: warning: symlink points outside the backlog folder; not read",
        "backlog/leak.yaml:1:1: warning: symlink points outside the backlog folder; not read",
        "backlog/sibling.yaml:1:1: warning: symlink points outside the backlog folder; not read",
    ]

    @Test("check: a link out of the backlog is a located warning, never read; links inside are read")
    func check() throws {
        let f = try Self.plant()
        let r = try NorthstarBinary.run(["check", "--config", "northstar.yaml"], in: f.path)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(Array(lines.dropLast()) == Self.warnings, "\(r.stderr)")
        #expect(lines.last == "checked 3 items in 3 files: 0 errors, 3 warnings", "\(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains(Self.secret))
        let strict = try NorthstarBinary.run(["check", "--config", "northstar.yaml", "--strict"], in: f.path)
        #expect(strict.status == 1)
    }

    @Test("rank: nothing behind a link out of the backlog reaches any output")
    func rank() throws {
        let f = try Self.plant()
        let r = try NorthstarBinary.run(["rank", "--config", "northstar.yaml"], in: f.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains(Self.secret))
        let ranking = try f.read("out/ranking.json")
        for id in ["GOOD", "IN", "DEEP"] { #expect(ranking.contains("\"id\": \"\(id)\""), "\(id) not ranked") }
        let diagnostics = try f.read("out/diagnostics.json")
        #expect(diagnostics.components(separatedBy: "\"symlink-outside\"").count == 4, "\(diagnostics)")
        for name in try FileManager.default.contentsOfDirectory(atPath: f.path + "/out") {
            let text = try f.read("out/" + name)
            for leaked in [Self.secret, "LEAK", "OUTDIR", "SIBLING"] {
                #expect(!text.contains(leaked), "\(leaked) in out/\(name)")
            }
        }
    }
}

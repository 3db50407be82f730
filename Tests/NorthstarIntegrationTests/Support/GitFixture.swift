import Foundation
import Testing

/// A real git repository in a temporary folder, committed to with a fixed author and clock so
/// its hashes are the same on every run.
final class GitFixture {
    /// The work tree.
    let folder: TemporaryFolder
    var path: String { folder.path }

    /// A new repository whose default branch is `main`.
    init() throws {
        folder = try TemporaryFolder()
        try git("init", "-q", "-b", "main", ".")
    }

    /// The bundled example as the tour lays it out: `backlog/` and a `northstar.yaml` that
    /// points at it, committed on `main`.
    static func example() throws -> GitFixture {
        let repo = try GitFixture()
        try repo.folder.copyExample(into: "backlog") { $0 }
        try repo.folder.writeConfig(backlog: "backlog", output: "rankings")
        try repo.commit("Food bank backlog")
        return repo
    }

    /// Runs git here; fails the test when git fails.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let r = try run(arguments)
        #expect(r.status == 0, "git \(arguments.joined(separator: " ")): \(r.stderr)")
        return r.stdout.trimmingCharacters(in: .newlines)
    }

    /// Runs git here, whatever it returns.
    func run(_ arguments: [String], in directory: String? = nil) throws -> NorthstarBinary.Result {
        try NorthstarBinary.runTool("/usr/bin/env", ["GIT_AUTHOR_DATE=2026-11-30T09:00:00Z", "GIT_COMMITTER_DATE=2026-11-30T09:00:00Z",
                                                     "GIT_CONFIG_NOSYSTEM=1", "HOME=\(path)", "git",
                                                     "-c", "user.name=Amina Diallo", "-c", "user.email=amina@example.org",
                                                     "-c", "commit.gpgsign=false"] + arguments, in: directory ?? path)
    }

    /// Commits everything in the work tree.
    func commit(_ subject: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", subject)
    }

    /// Replaces `old` with `new` in the file at `relative` (the test fails if `old` is absent).
    func edit(_ relative: String, _ old: String, _ new: String) throws {
        let text = try folder.read(relative)
        #expect(text.contains(old), "\(relative) has no \(old)")
        try folder.write(relative, text.replacingOccurrences(of: old, with: new))
    }

    /// `northstar diff arguments...` run here.
    func diff(_ arguments: String...) throws -> NorthstarBinary.Result {
        try NorthstarBinary.run(["diff"] + arguments, in: path)
    }

    /// What git says of the work tree and the index (staged and unstaged changes, untracked
    /// files) and the index's own entries: `diff` must leave both exactly as they were.
    func state() throws -> String {
        try git("status", "--porcelain=v2", "--untracked-files=all") + "\n" + git("ls-files", "-s", "--debug")
    }
}

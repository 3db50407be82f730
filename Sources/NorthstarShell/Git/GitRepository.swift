import Foundation
import NorthstarCore

/// A git repository's objects, read with git itself for `northstar diff`: revisions, trees and
/// blobs, never the work tree or the index (nothing is checked out or written).
public struct GitRepository: Sendable {
    /// The work tree's top folder (absolute): a revision's paths start here.
    public var root: String
    /// The longest any one git command may take, in seconds.
    public var timeout: Double

    /// The repository whose work tree holds `folder`.
    public static func containing(_ folder: String, timeout: Double = 120) throws(GitError) -> GitRepository {
        let top = try GitRepository(root: folder, timeout: timeout).text(["rev-parse", "--show-toplevel"], what: "find the repository")
        guard top.hasPrefix("/") else { throw GitError("\(folder) is not in a git work tree") }
        return GitRepository(root: top, timeout: timeout)
    }

    /// The full name of the commit `revision` names; a clear error when this clone does not
    /// have it (a shallow clone lacks older history).
    public func commit(_ revision: String) throws(GitError) -> String {
        let outcome = try run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], what: "resolve \(revision)", check: false)
        guard outcome.status == 0, let name = line(outcome.output) else {
            throw GitError("unknown revision '\(revision)': this repository has no such commit\(shallowHint)")
        }
        return name
    }

    /// The commit a change under review started from: the merge base of HEAD and the default
    /// branch (origin's HEAD, else `main`, `master`, `origin/main` or `origin/master`), with the
    /// branch's name.
    public func defaultBase() throws(GitError) -> (commit: String, branch: String) {
        var candidates: [String] = []
        if let remote = try? text(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], what: "") { candidates.append(remote) }
        candidates += ["main", "master", "origin/main", "origin/master"]
        guard let branch = candidates.first(where: { (try? commit($0)) != nil }) else {
            throw GitError("no default branch to compare with (looked for origin/HEAD, main, master, origin/main, origin/master); name the base revision: northstar diff BASE")
        }
        let outcome = try run(["merge-base", "--end-of-options", branch, "HEAD"], what: "find the merge base", check: false)
        guard outcome.status == 0, let base = line(outcome.output) else {
            throw GitError("HEAD and \(branch) have no common commit in this clone\(shallowHint); name the base revision: northstar diff BASE")
        }
        return (base, branch)
    }

    /// The commit's short hash, author and subject.
    public func describe(_ commit: String) throws(GitError) -> GitCommitInfo {
        let text = try text(["log", "-1", "--no-color", Self.commitFormat, "--end-of-options", commit], what: "describe \(commit)")
        guard let info = Self.commitInfo(text) else { throw GitError("git log gave an unexpected answer for \(commit)") }
        return info
    }

    /// The `git log` format that names a commit as the change log and `diff` do: short hash,
    /// author and subject, apart by US (0x1F), which none of them holds.
    static let commitFormat = "--format=%h%x1f%an%x1f%s"

    /// The commit `git log -1` printed in `commitFormat`, or nil when the answer has another shape.
    static func commitInfo(_ text: String) -> GitCommitInfo? {
        let fields = text.trimmingCharacters(in: .newlines).split(separator: "\u{1f}", omittingEmptySubsequences: false)
        guard fields.count == 3, !fields[0].isEmpty else { return nil }
        return GitCommitInfo(hash: String(fields[0]), author: String(fields[1]), subject: String(fields[2]))
    }

    /// The longest symlink target read, as Linux allows a path (`PATH_MAX`): a longer link
    /// blob is not read, and the link leads nowhere.
    public static let longestLink = 4096

    /// The commit's whole tree, its symlinks' targets read.
    public func tree(_ commit: String) throws(GitError) -> GitTree {
        let listing = try run(["ls-tree", "-r", "-t", "-z", "-l", "--full-tree", "--end-of-options", commit], what: "list \(commit)").output
        guard var tree = GitTree.parse(listing) else { throw GitError("git ls-tree gave an unexpected listing for \(commit)") }
        let links = tree.symlinks.filter { (tree.entries[$0.path]?.size ?? Int.max) <= Self.longestLink }
        let targets = try blobs(links.map(\.object))
        for link in links {
            if let target = targets[link.object] { tree.targets[link.path] = String(decoding: target, as: UTF8.self) }
        }
        return tree
    }

    /// The contents of each blob in `objects` (each asked once), by object name.
    public func blobs(_ objects: [String]) throws(GitError) -> [String: [UInt8]] {
        var unique: [String] = []
        var seen: Set<String> = []
        for object in objects where seen.insert(object).inserted { unique.append(object) }
        guard !unique.isEmpty else { return [:] }
        let input = Array(unique.joined(separator: "\n").utf8) + [10]
        let outcome = try run(["cat-file", "--batch"], input: input, what: "read \(unique.count) objects")
        guard let answers = CatFileBatch.parse(outcome.output, count: unique.count) else {
            throw GitError("git cat-file gave an unexpected answer")
        }
        var out: [String: [UInt8]] = [:]
        for (object, answer) in zip(unique, answers) {
            guard case .contents(let bytes) = answer else { throw GitError("object \(object) is missing from this repository\(shallowHint)") }
            out[object] = bytes
        }
        return out
    }

    /// Whether any of `paths` differs between HEAD and the work tree (untracked files included).
    public func hasUncommittedChanges(_ paths: [String]) -> Bool {
        guard let outcome = try? run(["--literal-pathspecs", "status", "--porcelain", "-z", "--untracked-files=all", "--ignored=no", "--"] + paths,
                                     what: "compare the work tree") else { return true }
        return !outcome.output.isEmpty
    }

    /// A note for errors about missing history when this clone is shallow.
    var shallowHint: String {
        (try? text(["rev-parse", "--is-shallow-repository"], what: "")) == "true"
            ? " (this is a shallow clone: fetch the revision, or fetch with more depth, e.g. fetch-depth: 0)" : ""
    }

    /// The first line git printed.
    func text(_ arguments: [String], what: String) throws(GitError) -> String {
        guard let text = line(try run(arguments, what: what).output) else { throw GitError("git printed nothing when asked to \(what)") }
        return text
    }

    func line(_ output: [UInt8]) -> String? {
        let first = output.split(separator: 10).first.map { String(decoding: $0, as: UTF8.self) }
        return first?.isEmpty == false ? first : nil
    }

    /// Runs git in the work tree; with `check`, a failure is an error quoting git.
    func run(_ arguments: [String], input: [UInt8] = [], what: String, check: Bool = true) throws(GitError) -> GitProcess.Outcome {
        switch GitProcess.run(arguments, in: root, input: input, timeout: timeout) {
        case .failure(.notStarted):
            throw GitError("git could not be started (is it installed?)")
        case .failure(.timedOut(let seconds)):
            throw GitError("git did not finish in \(Int(seconds)) s when asked to \(what)")
        case .success(let outcome):
            if outcome.status == 127 { throw GitError("git is not installed") }
            if check, !(outcome.exited && outcome.status == 0) {
                throw GitError("git could not \(what)" + (outcome.message.isEmpty ? "" : ": \(outcome.message)"))
            }
            return outcome
        }
    }
}

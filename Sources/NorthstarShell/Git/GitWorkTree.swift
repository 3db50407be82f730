import Foundation
import NorthstarCore
import Synchronization

/// The git work tree a backlog lives in, read with git itself, never for long: the change log
/// names the commit when it can and simply leaves it out when git is missing, slow or unhappy.
public struct GitWorkTree: Sendable {
    /// The `.git` folder.
    public var gitDirectory: String

    /// The work tree containing `folder` (found by looking for `.git` upwards), if any.
    public static func containing(_ folder: String) -> GitWorkTree? {
        var current = folder
        while true {
            if let st = POSIX.status(current + "/.git"), POSIX.isDirectory(st) {
                return GitWorkTree(gitDirectory: current + "/.git")
            }
            let parent = Paths.directory(of: current)
            if parent == current { return nil }
            current = parent
        }
    }

    /// Whether a git operation is under way (`index.lock` exists): files are half-written.
    public var operationInProgress: Bool { POSIX.status(gitDirectory + "/index.lock") != nil }

    /// What git said about HEAD, with the fingerprints of `.git/HEAD` and its reflog when it
    /// said it: while neither changes (git writes both on every commit, checkout, reset or pull),
    /// HEAD has not moved and git need not be asked again.
    private struct HeadAnswers: Sendable {
        var key: [FileFingerprint?]
        var commit: GitCommitInfo??
        var holds: [String: Bool] = [:]
    }
    private static let answers = Mutex<HeadAnswers?>(nil)

    /// The commit HEAD points at (asked of git only when HEAD may have moved).
    public func headCommit(timeout: Double = 2) -> GitCommitInfo? {
        remembered({ $0.commit }, { $0.commit = .some($1) }) { askGit(timeout: timeout) }
    }

    /// Whether HEAD's tree holds `folder` (absolute, inside the work tree): a backlog that is
    /// ignored or was never committed (a scratch copy inside someone else's repository) is in no
    /// commit, so no commit may be named for it. `nil` when git does not answer.
    public func headHolds(_ folder: String, timeout: Double = 2) -> Bool? {
        // Only real answers are remembered: a git that did not answer is asked again next time.
        let read: (HeadAnswers) -> Bool?? = { answers in answers.holds[folder].map { .some($0) } }
        return remembered(read, { answers, held in if let held { answers.holds[folder] = held } }) {
            let relative = Paths.relative(folder, to: Paths.directory(of: gitDirectory))
            let treePath = relative == "." ? "HEAD:" : "HEAD:" + relative
            // `cat-file -t` answers "tree" for a folder HEAD holds and fails for anything else; a
            // run that could not start or timed out is told apart by the empty output.
            return run(["--git-dir", gitDirectory, "cat-file", "-t", treePath], timeout: timeout, failureIsAnswer: true)
                .map { $0.hasPrefix("tree") }
        }
    }

    /// An answer about HEAD: the one remembered (`read`) while HEAD has not moved, else `ask`ed
    /// of git (outside the lock) and remembered (`store`).
    private func remembered<T: Sendable>(_ read: (HeadAnswers) -> T?, _ store: (inout HeadAnswers, T) -> Void, ask: () -> T) -> T {
        let key = [FileFingerprint.of(gitDirectory + "/HEAD"), FileFingerprint.of(gitDirectory + "/logs/HEAD")]
        if key.allSatisfy({ $0 != nil }), let known = Self.answers.withLock({ state in state.flatMap { $0.key == key ? read($0) : nil } }) {
            return known
        }
        let answer = ask()
        Self.answers.withLock { state in
            var current = state?.key == key ? state ?? HeadAnswers(key: key) : HeadAnswers(key: key)
            store(&current, answer)
            state = current
        }
        return answer
    }

    /// Whether any of `paths` (absolute, inside the work tree; the whole backlog folder when
    /// the trigger names no files) differs from HEAD, untracked files included: the entry is
    /// then uncommitted work on top of HEAD. `nil` when git does not answer in `timeout`
    /// seconds. Asks only about these paths, so a big work tree costs little.
    public func hasUncommittedChanges(_ paths: [String], timeout: Double = 2) -> Bool? {
        guard !paths.isEmpty else { return false }
        let workTree = Paths.directory(of: gitDirectory)
        let output = run(["--git-dir", gitDirectory, "--work-tree", workTree, "status", "--porcelain", "-z",
                          "--untracked-files=all", "--ignored=no", "--"] + paths, timeout: timeout)
        return output.map { !$0.isEmpty }
    }

    /// The commit HEAD points at, or `nil` if git does not answer within `timeout` seconds.
    func askGit(timeout: Double) -> GitCommitInfo? {
        run(["--git-dir", gitDirectory, "log", "-1", "--no-color", GitRepository.commitFormat], timeout: timeout).flatMap(GitRepository.commitInfo)
    }

    /// What `git arguments...` printed, or `nil` when it failed or took over `timeout` seconds
    /// (then it is ended). With `failureIsAnswer`, a git that ran and failed gives its (empty)
    /// output rather than `nil`.
    func run(_ arguments: [String], timeout: Double, failureIsAnswer: Bool = false) -> String? {
        guard case .success(let outcome) = GitProcess.run(arguments, timeout: timeout),
              outcome.exited, outcome.status == 0 || (failureIsAnswer && outcome.status != 127) else { return nil }
        return String(decoding: outcome.output, as: UTF8.self)
    }
}

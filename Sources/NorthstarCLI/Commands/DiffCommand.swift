import ArgumentParser
import NorthstarCore
import NorthstarShell

/// `northstar diff`: what a change under review does to the ranking, read from git objects.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a change does to the ranking, between two git revisions.",
        discussion: """
            Ranks the backlog and config as they are at BASE and at HEAD, read straight from git \
            objects (nothing is checked out or written), and prints what moved and why in the \
            change log's words: moves with the inputs that caused them, items added and removed, \
            config changes, items the plan now funds or no longer funds. Symlinks stored in git \
            are followed only to files of the same tree inside the backlog folder, and a head \
            revision may not raise the base's file size limit.
            BASE defaults to the merge base of HEAD and the default branch; HEAD defaults to the \
            work tree as it is now (uncommitted changes included).
            Exit status: 0 whether or not anything moved, 1 with --fail-on-errors when HEAD has \
            errors (an invalid config at HEAD included; with --format json, always then: there is \
            no ranking to print), 2 usage, git or I/O error (a revision that does not exist, a \
            shallow clone without the base).
            """)

    @Argument(help: ArgumentHelp("The revision to compare from (default: the merge base of HEAD and the default branch).", valueName: "base"))
    var base: String?

    @Argument(help: ArgumentHelp("The revision to compare to (default: the work tree, uncommitted changes included).", valueName: "head"))
    var head: String?

    @OptionGroup var options: ConfigOptions

    /// How the change is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json
    }

    @Option(help: ArgumentHelp(
        "How to print the change: markdown or json.",
        discussion: "markdown: a review comment, the largest moves first, at most --limit sentences. json: one object in the "
            + "changes.jsonl entry schema (trigger kind \"diff\", with the head's commit and the base's), every move listed."))
    var format: Format = .markdown

    @Option(help: ArgumentHelp("The most sentences a Markdown comment lists before counting the rest.", valueName: "n"))
    var limit = 30

    @Flag(help: "Exit 1 when HEAD has errors (items with an error are left out of its ranking).")
    var failOnErrors = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    /// What `diff` keeps of the base once it is ranked: the ranking, not the evaluation.
    struct BaseSide {
        var snapshot: RankingSnapshot?
        var diagnostics: [Diagnostic]
        var maxFileBytes: Int
        var missing: String?
        var digests: [String: [UInt8]]
        /// Whether the base had a plan (a capacity).
        var hadPlan: Bool

        /// What is kept of `read`.
        init(_ read: RevisionBacklog) {
            hadPlan = read.evaluation?.plan != nil
            snapshot = read.evaluation.map(RankingSnapshot.init)
            diagnostics = read.evaluation?.diagnostics ?? []
            maxFileBytes = read.evaluation?.config.maxFileBytes ?? Config.defaultMaxFileBytes
            missing = read.evaluation == nil ? (read.missing ?? "a config with errors") : nil
            digests = read.digests
        }
    }

    func run() throws {
        let repository: GitRepository
        let baseCommit: String, headCommit: String?
        let baseInfo: GitCommitInfo
        var baseName: ReviewMarkdown.Side
        do throws(GitError) {
            repository = try GitRepository.containing(POSIX.currentDirectory())
            if let base {
                baseCommit = try repository.commit(base)
                baseInfo = try repository.describe(baseCommit)
                baseName = .revision(baseInfo.hash, named: base)
            } else {
                let found = try repository.defaultBase()
                baseCommit = found.commit
                baseInfo = try repository.describe(baseCommit)
                baseName = .mergeBase(baseInfo.hash, with: found.branch)
            }
            headCommit = try head.map { r throws(GitError) in try repository.commit(r) }
        } catch {
            throw CommandFailure.ioOrUsage("diff: \(error.message)")
        }
        let headTree: GitTree?
        do throws(GitError) {
            headTree = try headCommit.map { c throws(GitError) in try repository.tree(c) }
        } catch {
            throw CommandFailure.ioOrUsage("diff: \(error.message)")
        }
        let configPath = try self.configPath(in: repository, headTree: headTree)
        let backlog = options.backlog.map(POSIX.absolute)

        let baseSide: BaseSide, headSide: RevisionBacklog
        let headInfo: GitCommitInfo?
        do throws(GitError) {
            // The base is ranked first and only its ranking kept: two evaluations of a large
            // backlog need not be in memory at once.
            baseSide = BaseSide(try RevisionBacklog.read(.commit(baseCommit), configPath: configPath, backlog: backlog, in: repository))
            // A pull request may lower the size limit, never raise it past the base's.
            headSide = try RevisionBacklog.read(headCommit.map(Revision.commit) ?? .workTree, configPath: configPath, backlog: backlog,
                                                in: repository, tree: headTree, maxFileBytes: baseSide.maxFileBytes)
            if let headCommit {
                headInfo = try repository.describe(headCommit)
            } else {
                var info = try? repository.describe("HEAD")
                info?.uncommitted = repository.hasUncommittedChanges([configPath] + headBacklogPaths(headSide, repository: repository))
                headInfo = info
            }
        } catch {
            throw CommandFailure.ioOrUsage("diff: \(error.message)")
        }
        baseName.missing = baseSide.missing
        let headName: ReviewMarkdown.Side
        if let headCommit, let head {
            headName = .revision(headInfo?.hash ?? String(headCommit.prefix(7)), named: head)
        } else {
            headName = .workTree(on: headInfo)
        }

        guard let headEvaluation = headSide.evaluation else {
            if let missing = headSide.missing { throw CommandFailure.ioOrUsage("diff: the head has \(missing); nothing to rank") }
            Terminal.print(headSide.configDiagnostics, backlogRoot: nil)
            let summary = "diff: the head's config has \(Terminal.count(headSide.configDiagnostics.errorCount, "error")); nothing ranked"
            // A review comment still says so (a CI step posts it); JSON has no ranking to print.
            guard format == .markdown else { throw CommandFailure.invalidInput(summary) }
            let shown = headSide.configDiagnostics.map { $0.repathed { Paths.relative($0, to: POSIX.currentDirectory()) } }
            Terminal.write(ReviewMarkdown.unranked(base: baseName, head: headName, configDiagnostics: shown))
            if failOnErrors { throw CommandFailure.invalidInput(summary) }
            Terminal.err(summary)
            return
        }
        KeptUntilExit.keep(headEvaluation)

        let configName = Paths.relative(repository.root + "/" + configPath, to: headEvaluation.config.backlogPath)
        let trigger = ChangeTrigger(kind: .diff, files: RevisionBacklog.changedFiles(baseSide.digests, headSide.digests, configName: configName),
                                    commit: headInfo, base: baseSide.snapshot == nil ? nil : baseInfo)
        let change = RankingDiff.diff(from: baseSide.snapshot ?? .empty, to: RankingSnapshot(headEvaluation),
                                      trigger: trigger, time: ChangeRecorder.utcNow(), unranked: headEvaluation.unranked)
        switch format {
        case .json:
            Terminal.write(ChangeLogJSON.line(change) + "\n")
        case .markdown:
            Terminal.write(ReviewMarkdown.render(
                change, config: headEvaluation.config, base: baseName, head: headName, diagnostics: headEvaluation.diagnostics,
                baseProblems: baseSide.snapshot == nil ? nil : baseSide.diagnostics,
                newPlan: baseSide.hadPlan ? nil : headEvaluation.plan, limit: limit))
        }
        let moved = change.moves.filter { $0.fromRank != $0.toRank }.count
        Terminal.err("diff: \(Terminal.count(change.trigger.files.count, "file")) changed; \(Terminal.count(moved, "item")) moved, \(change.added.count + change.reopened.count) added, \(change.removed.count + change.closed.count) removed; the head has \(Terminal.count(headEvaluation.errorCount, "error"))")
        if failOnErrors, headEvaluation.errorCount > 0 { throw CommandFailure.invalidInput() }
    }

    /// The config's path from the repository's root: `--config`, else the first of the usual
    /// places that the head has (the work tree, or the head revision's tree).
    func configPath(in repository: GitRepository, headTree: GitTree?) throws(CommandFailure) -> String {
        let candidates = options.config.map { [$0] } ?? ConfigOptions.defaultLocations
        for candidate in candidates {
            let absolute = POSIX.absolute(candidate)
            guard Paths.isInside(absolute, repository.root), absolute != repository.root else {
                throw .ioOrUsage("diff: the config \(candidate) is outside the repository at \(repository.root)")
            }
            let path = Paths.relative(absolute, to: repository.root)
            if options.config != nil { return path }
            if let headTree {
                if case .found(_, let entry) = headTree.resolve(path), entry.kind == .file { return path }
            } else if POSIX.status(absolute) != nil {
                return path
            }
        }
        throw .ioOrUsage("diff: no config file at the head: neither northstar.yaml nor config/northstar.yaml; pass --config FILE")
    }

    /// The head's backlog folder from the repository's root, for asking git whether it has
    /// uncommitted changes.
    func headBacklogPaths(_ side: RevisionBacklog, repository: GitRepository) -> [String] {
        guard let backlog = side.evaluation?.config.backlogPath, Paths.isInside(backlog, repository.root) else { return [] }
        return [backlog == repository.root ? "." : Paths.relative(backlog, to: repository.root)]
    }
}

import NorthstarCore

/// A backlog and its config as one revision has them, evaluated: one side of `northstar diff`.
public struct RevisionBacklog: Sendable {
    /// The evaluation, or nil when the revision has no config at the path or an invalid one.
    public var evaluation: Evaluation?
    /// Why there is no evaluation: the config's own diagnostics (empty when the config or the
    /// backlog folder is missing at this revision; `missing` says which).
    public var configDiagnostics: [Diagnostic]
    /// What is missing at this revision, in words (`no northstar.yaml`), when something is.
    public var missing: String?
    /// A digest of each backlog file's text by its display path, and of the config's under
    /// `configKey`: the files that differ between two revisions are those whose digests differ.
    public var digests: [String: [UInt8]]

    /// The key of the config's digest (no backlog path starts with a NUL).
    public static let configKey = "\u{0}config"

    /// The most bytes of backlog files one revision may hold for `diff` to read it: a pull
    /// request cannot make a CI runner read without end.
    public static let totalLimit = 1 << 30

    /// The files (display paths, the config as `configName`) whose text differs between two
    /// revisions' `digests`, sorted.
    public static func changedFiles(_ a: [String: [UInt8]], _ b: [String: [UInt8]], configName: String) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.map { $0 == configKey ? configName : $0 }.sorted()
    }

    /// A side with nothing to rank.
    static func unranked(_ diagnostics: [Diagnostic] = [], missing: String? = nil) -> RevisionBacklog {
        RevisionBacklog(evaluation: nil, configDiagnostics: diagnostics, missing: missing, digests: [:])
    }

    /// Reads `revision` of the config at `configPath` (relative to the repository's root) and
    /// of the backlog it names (or `backlog`, an absolute folder, when given), and evaluates it.
    /// A commit is read from git objects only (`tree` when already listed): nothing is checked
    /// out, a symlink is followed only to a blob of the same tree inside the backlog folder, and
    /// no file larger than `maxFileBytes` (when given; the revision's own config may only lower
    /// it) is read.
    public static func read(_ revision: Revision, configPath: String, backlog: String?, in repository: GitRepository,
                            tree listed: GitTree? = nil, maxFileBytes ceiling: Int? = nil) throws(GitError) -> RevisionBacklog {
        let absoluteConfig = repository.root + "/" + configPath
        let overrides = FolderOverrides(backlog: backlog)
        switch revision {
        case .workTree:
            let bytes: [UInt8]
            switch FileReader.read(absoluteConfig, limit: 1 << 20) {
            case .success(let b): bytes = b
            case .failure(let failure):
                if POSIX.status(absoluteConfig, follow: false) == nil { return unranked(missing: "no \(configPath)") }
                throw GitError("\(configPath): \(failure.message)")
            }
            let loaded = ConfigFile.loaded(bytes, absolutePath: absoluteConfig, overrides: overrides)
            guard let config = loaded.config else { return unranked(loaded.diagnostics) }
            let scan: BacklogScanner.Result
            do {
                scan = try BacklogScanner.scan(root: config.backlogPath, excluding: [config.outputPath])
            } catch {
                return unranked(missing: "no backlog folder \(Paths.relative(config.backlogPath, to: repository.root))")
            }
            let read: [(ParsedFile, [UInt8])] = Parallel.map(scan.files.count, minimumChunk: 16) { i in
                parsed(FileReader.read(scan.files[i].absolutePath, limit: config.maxFileBytes), path: scan.files[i].displayPath)
            }
            return evaluated(read, paths: scan.files.map(\.displayPath), config: config, configBytes: bytes,
                             diagnostics: ConfigFile.relativeToBacklog(loaded.diagnostics, config: config) + scan.diagnostics)

        case .commit(let commit):
            let tree: GitTree
            if let listed { tree = listed } else { tree = try repository.tree(commit) }
            guard case .found(_, let entry) = tree.resolve(configPath), entry.kind == .file else { return unranked(missing: "no \(configPath)") }
            guard (entry.size ?? 0) <= 1 << 20 else { throw GitError("\(configPath) at \(commit.prefix(12)) is larger than 1 MiB") }
            guard let bytes = try repository.blobs([entry.object])[entry.object] else { throw GitError("\(configPath) could not be read at \(commit.prefix(12))") }
            let loaded = ConfigFile.loaded(bytes, absolutePath: absoluteConfig, overrides: overrides)
            guard var limited = loaded.config else { return unranked(loaded.diagnostics) }
            if let ceiling { limited.maxFileBytes = min(limited.maxFileBytes, ceiling) }
            let config = limited
            guard let scan = TreeBacklogScan.scan(tree, repositoryRoot: repository.root,
                                                  paths: BacklogPaths(root: config.backlogPath, excluded: [config.outputPath])) else {
                return unranked(missing: "no backlog folder \(Paths.relative(config.backlogPath, to: repository.root))")
            }
            // Sizes come from the listing, so a file over the limit is never read.
            let wanted = scan.files.filter { $0.size <= config.maxFileBytes }
            let total = wanted.reduce(0) { $0 + $1.size }
            guard total <= totalLimit else {
                throw GitError("the backlog at \(commit.prefix(12)) holds \(NumberFormat.count(total, "byte")) in files; diff reads at most \(NumberFormat.count(totalLimit, "byte"))")
            }
            let blobs = try repository.blobs(wanted.map(\.object))
            let read: [(ParsedFile, [UInt8])] = Parallel.map(scan.files.count, minimumChunk: 16) { i in
                let file = scan.files[i]
                let bytes = file.size <= config.maxFileBytes ? blobs[file.object] : nil
                return parsed(bytes.map { .success($0) } ?? .failure(.tooLarge(file.size)), path: file.displayPath)
            }
            return evaluated(read, paths: scan.files.map(\.displayPath), config: config, configBytes: bytes,
                             diagnostics: ConfigFile.relativeToBacklog(loaded.diagnostics, config: config) + scan.diagnostics)
        }
    }

    /// The file parsed as `rank` parses it (a failed read is its located error), with the
    /// digest of its text (empty when it could not be read).
    static func parsed(_ read: Result<[UInt8], FileReader.Failure>, path: String) -> (ParsedFile, [UInt8]) {
        (BacklogReader.parse(read, path: path, loader: BacklogFileLoader()), (try? read.get()).map(digest) ?? [])
    }

    /// A digest of a file's text (its first 16 bytes of SHA-256).
    static func digest(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.digest(bytes).prefix(16)) }

    /// The evaluation of the files read (in display-path order), with their digests kept.
    static func evaluated(_ read: [(ParsedFile, [UInt8])], paths: [String], config: Config, configBytes: [UInt8],
                          diagnostics: [Diagnostic]) -> RevisionBacklog {
        var digests: [String: [UInt8]] = [configKey: digest(configBytes)]
        for (path, file) in zip(paths, read) { digests[path] = file.1 }
        let evaluation = Evaluation.evaluate(read.map(\.0), config: config, configDiagnostics: diagnostics,
                                             map: { Parallel.map($0, minimumChunk: 2048, $1) }, pair: Parallel.pair)
        return RevisionBacklog(evaluation: evaluation, configDiagnostics: [], missing: nil, digests: digests)
    }
}

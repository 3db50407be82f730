import NorthstarCore

/// Which version of the backlog and config to read.
public enum Revision: Sendable, Equatable {
    /// The files as they are on disk now (committed or not).
    case workTree
    /// The files as a commit holds them (its full name), read from git objects.
    case commit(String)
}

/// A backlog and its config as one revision has them, evaluated: one side of `northstar diff`.
public struct RevisionBacklog: Sendable {
    /// The evaluation, or nil when the revision has no config at the path or an invalid one.
    public var evaluation: Evaluation?
    /// Why there is no evaluation: the config's own diagnostics (empty when the config or the
    /// backlog folder is missing at this revision; `missing` says which).
    public var configDiagnostics: [Diagnostic]
    /// What is missing at this revision, in words (`no northstar.yaml`), when something is.
    public var missing: String?
    /// Each backlog file's text by its display path, and the config's under `configKey`: the
    /// files that differ between two revisions are the ones whose text differs.
    public var texts: [String: [UInt8]]

    /// The key of the config's text in `texts` (no backlog path starts with a NUL).
    public static let configKey = "\u{0}config"

    /// The files (display paths, the config as `configName`) whose text differs between `a`
    /// and `b`, sorted.
    public static func changedFiles(_ a: RevisionBacklog, _ b: RevisionBacklog, configName: String) -> [String] {
        Set(a.texts.keys).union(b.texts.keys).filter { a.texts[$0] != b.texts[$0] }
            .map { $0 == configKey ? configName : $0 }.sorted()
    }

    /// Reads `revision` of the config at `configPath` (relative to the repository's root) and
    /// of the backlog it names (or `backlog`, an absolute folder, when given), and evaluates it.
    /// A commit is read from git objects only: nothing is checked out, and a symlink is followed
    /// only to a blob of the same tree inside the backlog folder.
    public static func read(_ revision: Revision, configPath: String, backlog: String?, in repository: GitRepository) throws(GitError) -> RevisionBacklog {
        let absoluteConfig = repository.root + "/" + configPath
        let overrides = FolderOverrides(backlog: backlog)
        switch revision {
        case .workTree:
            let bytes: [UInt8]
            switch FileReader.read(absoluteConfig, limit: 1 << 20) {
            case .success(let b): bytes = b
            case .failure(let failure):
                if POSIX.status(absoluteConfig, follow: false) == nil {
                    return RevisionBacklog(evaluation: nil, configDiagnostics: [], missing: "no \(configPath)", texts: [:])
                }
                throw GitError("\(configPath): \(failure.message)")
            }
            let loaded = ConfigFile.loaded(bytes, absolutePath: absoluteConfig, overrides: overrides)
            guard let config = loaded.config else { return RevisionBacklog(evaluation: nil, configDiagnostics: loaded.diagnostics, missing: nil, texts: [:]) }
            let scan: BacklogScanner.Result
            do {
                scan = try BacklogScanner.scan(root: config.backlogPath, excluding: [config.outputPath])
            } catch {
                return RevisionBacklog(evaluation: nil, configDiagnostics: [], missing: "no backlog folder \(Paths.relative(config.backlogPath, to: repository.root))", texts: [:])
            }
            let read: [(ParsedFile, [UInt8]?)] = Parallel.map(scan.files.count, minimumChunk: 16) { i in
                let file = scan.files[i]
                switch FileReader.read(file.absolutePath, limit: config.maxFileBytes) {
                case .success(let bytes): return (BacklogFileLoader().load(bytes, path: file.displayPath), bytes)
                case .failure: return (BacklogReader.read(file, loader: BacklogFileLoader(), maxBytes: config.maxFileBytes), nil)
                }
            }
            return evaluated(read, texts: scan.files.map(\.displayPath), config: config, configBytes: bytes,
                             diagnostics: ConfigFile.relativeToBacklog(loaded.diagnostics, config: config) + scan.diagnostics)

        case .commit(let commit):
            let tree = try repository.tree(commit)
            guard case .found(_, let entry) = tree.resolve(configPath), entry.kind == .file else {
                return RevisionBacklog(evaluation: nil, configDiagnostics: [], missing: "no \(configPath)", texts: [:])
            }
            guard (entry.size ?? 0) <= 1 << 20 else { throw GitError("\(configPath) at \(commit.prefix(12)) is larger than 1 MiB") }
            guard let bytes = try repository.blobs([entry.object])[entry.object] else { throw GitError("\(configPath) could not be read at \(commit.prefix(12))") }
            let loaded = ConfigFile.loaded(bytes, absolutePath: absoluteConfig, overrides: overrides)
            guard let config = loaded.config else { return RevisionBacklog(evaluation: nil, configDiagnostics: loaded.diagnostics, missing: nil, texts: [:]) }
            guard let scan = TreeBacklogScan.scan(tree, repositoryRoot: repository.root,
                                                  paths: BacklogPaths(root: config.backlogPath, excluded: [config.outputPath])) else {
                return RevisionBacklog(evaluation: nil, configDiagnostics: [], missing: "no backlog folder \(Paths.relative(config.backlogPath, to: repository.root))", texts: [:])
            }
            // Sizes come from the listing, so a file over the limit is never read.
            let wanted = scan.files.filter { $0.size <= config.maxFileBytes }
            let blobs = try repository.blobs(wanted.map(\.object))
            let read: [(ParsedFile, [UInt8]?)] = Parallel.map(scan.files.count, minimumChunk: 16) { i in
                let file = scan.files[i]
                guard file.size <= config.maxFileBytes, let bytes = blobs[file.object] else {
                    return (.unreadable(path: file.displayPath, code: .fileTooLarge, message: FileReader.Failure.tooLarge(file.size).message), nil)
                }
                return (BacklogFileLoader().load(bytes, path: file.displayPath), bytes)
            }
            return evaluated(read, texts: scan.files.map(\.displayPath), config: config, configBytes: bytes,
                             diagnostics: ConfigFile.relativeToBacklog(loaded.diagnostics, config: config) + scan.diagnostics)
        }
    }

    /// The evaluation of the files read (in display-path order), with their texts kept.
    static func evaluated(_ read: [(ParsedFile, [UInt8]?)], texts paths: [String], config: Config, configBytes: [UInt8],
                          diagnostics: [Diagnostic]) -> RevisionBacklog {
        var texts: [String: [UInt8]] = [configKey: configBytes]
        for (path, file) in zip(paths, read) { texts[path] = file.1 ?? [] }
        let evaluation = Evaluation.evaluate(read.map(\.0), config: config, configDiagnostics: diagnostics,
                                             map: { Parallel.map($0, minimumChunk: 2048, $1) }, pair: Parallel.pair)
        return RevisionBacklog(evaluation: evaluation, configDiagnostics: [], missing: nil, texts: texts)
    }
}

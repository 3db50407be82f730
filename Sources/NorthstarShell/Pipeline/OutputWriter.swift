import NorthstarCore

/// Writes an evaluation's outputs into the output folder, each atomically and only when its
/// bytes change. The files are assembled and flushed in parallel, then put in place together,
/// `ranking.json` last: a reader that sees a new `ranking.json` sees every other output of the
/// same pass too.
public enum OutputWriter {
    /// What happened to one output file.
    public struct Written: Sendable {
        /// Absolute path.
        public var path: String
        /// Whether new bytes were written (false: already up to date, left untouched).
        public var changed: Bool
    }

    /// Writes every output of `evaluation`, each item's lines rendered as the files are written.
    public static func write(_ evaluation: Evaluation, timer: PhaseTimer? = nil) throws(ShellError) -> [Written] {
        try write(evaluation, lines: .rendered, timer: timer)
    }

    /// Writes every output of `evaluation`, its ranked items' lines taken from `rows`.
    public static func write(_ evaluation: Evaluation, rows: [ItemRows], timer: PhaseTimer? = nil) throws(ShellError) -> [Written] {
        try write(evaluation, lines: .remembered(rows), timer: timer)
    }

    /// Writes every output of `evaluation`, its ranked items' lines taken from `lines`.
    public static func write(_ evaluation: Evaluation, lines: ItemLineSource, timer: PhaseTimer? = nil) throws(ShellError) -> [Written] {
        let folder = evaluation.config.outputPath
        try POSIX.makeDirectories(folder)
        AtomicFile.removeAbandonedTemporaries(in: folder)
        // The largest file starts first, so the other core takes the rest meanwhile; it is
        // also the commit point, renamed last.
        let json = OutputFiles.fileName(for: .json)
        let work = OutputFiles.names(evaluation.config).sorted { a, b in a == json && b != json }
        // Each worker streams one file through a small buffer into a temporary beside the
        // target (comparing it with the old file as it goes), so no output is whole in memory.
        let outcomes = Parallel.map(work.count, minimumChunk: 1) { index -> Result<AtomicFile.Staged?, ShellError> in
            let name = work[index]
            do throws(ShellError) {
                return .success(try AtomicFile.stage(OutputFiles.assembly(name, evaluation, lines: lines), for: folder + "/" + name))
            } catch {
                return .failure(error)
            }
        }
        var staged: [String: Result<AtomicFile.Staged?, ShellError>] = [:]
        for (name, outcome) in zip(work, outcomes) { staged[name] = outcome }
        let names = work.filter { $0 != json } + work.filter { $0 == json }
        timer?.mark("render+flush")
        // All or nothing: when one output cannot be flushed, none is replaced, so the folder
        // never mixes two passes (the caller retries).
        var pending: [(String, AtomicFile.Staged?)] = []
        var firstFailure: ShellError?
        for name in names {
            guard let outcome = staged[name] else { continue }
            switch outcome {
            case .success(let s): pending.append((name, s))
            case .failure(let error): firstFailure = firstFailure ?? error
            }
        }
        if let firstFailure {
            for case (_, let s?) in pending { s.discard() }
            throw firstFailure
        }
        try AtomicFile.commit(pending.compactMap(\.1))
        timer?.mark("commit")
        // Reported in the fixed order of `OutputFiles.names`.
        let changed = Dictionary(pending.map { ($0.0, $0.1 != nil) }, uniquingKeysWith: { a, _ in a })
        return OutputFiles.names(evaluation.config).map { Written(path: folder + "/" + $0, changed: changed[$0] ?? false) }
    }
}

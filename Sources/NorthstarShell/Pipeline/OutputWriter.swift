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

    /// Writes every output of `evaluation`.
    public static func write(_ evaluation: Evaluation, timer: PhaseTimer? = nil) throws(ShellError) -> [Written] {
        try write(evaluation, rows: ItemPreparation.prepare(evaluation).rows, timer: timer)
    }

    /// Writes every output of `evaluation`, its ranked items' lines taken from `rows`.
    public static func write(_ evaluation: Evaluation, rows: [ItemRows], timer: PhaseTimer? = nil) throws(ShellError) -> [Written] {
        let folder = evaluation.config.outputPath
        try POSIX.makeDirectories(folder)
        AtomicFile.removeAbandonedTemporaries(in: folder)
        // The commit point goes last.
        let json = OutputFiles.fileName(for: .json)
        let names = OutputFiles.names(evaluation.config).sorted { a, b in a != json && b == json }
        // Each worker assembles one file, flushes it to a temporary beside the target and lets
        // its bytes go, so at most one large file per core is in memory.
        let staged = Parallel.map(names.count, minimumChunk: 1) { index -> Result<AtomicFile.Staged?, ShellError> in
            let name = names[index]
            let bytes = OutputFiles.render(name, evaluation, rows: rows)
            do throws(ShellError) {
                return .success(try AtomicFile.stage(bytes, for: folder + "/" + name))
            } catch {
                return .failure(error)
            }
        }
        timer?.mark("render+flush")
        // All or nothing: when one output cannot be flushed, none is replaced, so the folder
        // never mixes two passes (the caller retries).
        var pending: [(String, AtomicFile.Staged?)] = []
        var firstFailure: ShellError?
        for (name, outcome) in zip(names, staged) {
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

import NorthstarCore

/// Writes an evaluation's outputs into the output folder, each atomically and only when its
/// bytes change.
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
        let folder = evaluation.config.outputPath
        try POSIX.makeDirectories(folder)
        let rendered = OutputFiles.render(evaluation)
        timer?.mark("render")
        var results: [Written] = []
        for (name, contents) in rendered {
            let path = folder + "/" + name
            results.append(Written(path: path, changed: try AtomicFile.write(contents, to: path)))
        }
        timer?.mark("write")
        return results
    }
}

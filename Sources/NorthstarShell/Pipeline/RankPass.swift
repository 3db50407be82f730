import NorthstarCore

/// One full pass: scan the backlog, read every file, evaluate. The daemon does the same at
/// start-up and after an overflow; `rank`, `check` and `explain` do only this.
public enum RankPass {
    /// Evaluates the backlog on disk under `config`.
    public static func evaluate(config: Config, configDiagnostics: [Diagnostic], timer: PhaseTimer? = nil) throws(ShellError) -> Evaluation {
        let scan = try BacklogScanner.scan(root: config.backlogPath, excluding: [config.outputPath])
        timer?.mark("scan")
        let files = BacklogReader.readAll(scan.files, maxBytes: config.maxFileBytes)
        timer?.mark("parse")
        return Evaluation.evaluate(
            files, config: config,
            configDiagnostics: ConfigFile.relativeToBacklog(configDiagnostics, config: config) + scan.diagnostics,
            phase: { timer?.mark($0) }, map: { Parallel.map($0, minimumChunk: 2048, $1) }, pair: Parallel.pair)
    }
}

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

    /// `e` with how sure its ranking is (the Monte Carlo over the estimates' ranges, when the
    /// config asks for it), the draws spread over the cores; once they are done, what they freed
    /// goes back to the system.
    public static func withUncertainty(_ e: Evaluation, timer: PhaseTimer? = nil, cancelled: @Sendable () -> Bool = { false }) -> Evaluation {
        var e = e
        e.uncertainty = MonteCarlo.run(e, split: Parallel.split, cancelled: cancelled)
        // After a finished analysis only: one cut short gives way to a newer change, which should
        // not wait for the trim (the next finished analysis frees its memory too).
        if e.uncertainty != nil { FreedMemory.returnToSystem() }
        timer?.mark("uncertainty")
        return e
    }
}

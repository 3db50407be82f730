#if canImport(Glibc)
import Glibc
#endif
import Logging
import NorthstarCore
import NorthstarShell

/// What the daemon tells people: systemd's status line, the metrics file, the log's words.
extension Daemon {
    /// The one-line summary systemd shows: `30 items ranked, 0 errors, last change 12:01:07`.
    func statusLine(_ e: Evaluation? = nil) -> String {
        let ranked = e?.ranked.count ?? metrics.itemsRanked
        let errors = e?.errorCount ?? metrics.errors
        var line = "\(ranked) items ranked, \(NumberFormat.count(errors, "error")), last change \(lastChange)"
        if metrics.planCapacity != nil { line += ", \(metrics.planFunded.count) funded of \(ranked)" }
        if metrics.staleItems > 0 { line += ", \(metrics.staleItems) stale" }
        if metrics.watchDegraded { line += ", watching degraded (periodic rescans)" }
        return line
    }

    /// Replaces the metrics file, when `metrics_path` names one. Never in the output folder by
    /// default: it changes on every recomputation, and teams commit that folder to git.
    func writeMetrics() {
        guard let path = config.metricsPath else { return }
        do {
            try AtomicFile.write(metrics.rendered(), to: path)
        } catch {
            log.warning("metrics: \(error.description)")
        }
    }

    /// "2 moved, 1 added" for the log line.
    static func summary(_ c: ChangeSet) -> String {
        if c.configDigest.from.isEmpty { return "first ranking" }
        let parts = [(c.moves.count, "moved"), (c.added.count, "added"), (c.reopened.count, "reopened"),
                     (c.removed.count, "removed"), (c.closed.count, "closed"), (c.configChanges.count, "weights changed"),
                     (c.funded.count, "newly funded"), (c.unfunded.count, "no longer funded")]
        return parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }

    func display(_ path: String) -> String {
        POSIX.forPerson(path, base: config.backlogPath)
    }

    /// The log line of a recomputation: how many ranked, why, how long, whether outputs changed,
    /// the problems (naming the first error: the journal says what is wrong and where, not only
    /// how much), stale items, what the change log recorded, and with `--timings` the phases and
    /// the `files` read again (a slow or surprising pass can be traced to the saves behind it).
    func recomputedLine(_ evaluation: Evaluation, reason: String, milliseconds ms: Double, published: RankingPublisher.Published,
                        staleCount: Int, timer: PhaseTimer?, files: [String]) -> String {
        var line = "ranked \(evaluation.ranked.count) items (\(reason)) in \(NumberFormat.human(ms, digits: ms < 10 ? 1 : 0)) ms -> \(display(config.outputPath))/"
        if !published.written.contains(where: \.changed) { line += " (outputs unchanged)" }
        if evaluation.errorCount + evaluation.warningCount > 0 {
            line += "; \(NumberFormat.count(evaluation.errorCount, "error")), \(NumberFormat.count(evaluation.warningCount, "warning"))"
            if let first = evaluation.diagnostics.first(where: { $0.severity == .error }) {
                line += " (first: \(first.repathed(display).description))"
            }
        }
        if staleCount > 0 { line += "; \(staleCount) stale" }
        if let plan = evaluation.plan { line += "; plan: \(PlanText.headline(plan, ranked: evaluation.ranked.count, config: evaluation.config))" }
        if let logged = published.logged { line += "; change log: \(Self.summary(logged))" }
        if let timer {
            for cost in published.costs { timer.recordOutput(cost.file.fileName, ms: cost.milliseconds) }
            line += " [\(timer.line); \(timer.outputsLine)]"
            if !files.isEmpty {
                line += " [files: \(files.prefix(8).map(display).joined(separator: ", "))\(files.count > 8 ? " and \(files.count - 8) more" : "")]"
            }
        }
        return line
    }

    /// The metrics file and systemd's status after a recomputation.
    func report(_ evaluation: Evaluation, milliseconds ms: Double, staleCount: Int) {
        metrics.itemsRanked = evaluation.ranked.count
        metrics.filesWatched = ranking.files.fileCount
        metrics.foldersWatched = watcher?.watchedFolderCount ?? 0
        metrics.errors = evaluation.errorCount
        metrics.warnings = evaluation.warningCount
        metrics.staleItems = staleCount
        metrics.lastDurationSeconds = ms / 1000
        metrics.lastSuccessUnixSeconds = Double(time(nil))
        metrics.recomputationsTotal += 1
        metrics.planCapacity = evaluation.plan?.capacity
        metrics.planFunded = evaluation.plan?.totals ?? .none
        writeMetrics()
        notifier.status(statusLine(evaluation))
    }
}

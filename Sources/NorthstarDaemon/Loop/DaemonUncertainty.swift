import NorthstarCore
import NorthstarShell
import Synchronization

/// A pass whose outputs are written without how sure the ranking is, yet.
struct PendingAnalysis {
    var evaluation: Evaluation
    var rows: [ItemLines]
    var snapshot: RankingSnapshot
    var trigger: ChangeTrigger.Kind
    var files: [String]
}

extension Daemon {
    /// Works out how sure the last pass's ranking is and writes the outputs again with it. It
    /// runs after the plain outputs are in place (and after READY=1 at start-up), so they are
    /// never delayed, and gives way to any newer input (the next pass starts it again). No
    /// change-log entry: the ranking is the one just logged.
    func analysePending() {
        guard let pending = pendingAnalysis else { return }
        let start = MonotonicClock.now()
        let watcher = self.watcher
        let within = max(notifier.watchdogInterval ?? 0, 5_000_000_000)
        let yield = GiveWay(inbox: inbox, notifier: notifier) { watcher?.isAlive(within: within) ?? true }
        let done = RankPass.withUncertainty(pending.evaluation, cancelled: { yield.now() })
        guard let u = done.uncertainty else {
            log.info("how sure: stopped for a newer change")
            return
        }
        pendingAnalysis = nil
        analysed = (DrawInputs(done), u)
        do throws(RankingPublisher.Failure) {
            let published = try RankingPublisher.publish(done, lines: .remembered(pending.rows), snapshot: pending.snapshot,
                                                         baseline: .logged, kind: pending.trigger, files: pending.files)
            let ms = Double(MonotonicClock.now() - start) / 1_000_000
            let written = published.written.filter(\.changed).count
            log.info("how sure: \(NumberFormat.count(u.draws, "draw")) in \(NumberFormat.human(ms, digits: 0)) ms -> \(written == 0 ? "outputs unchanged" : "\(NumberFormat.count(written, "output")) rewritten")")
        } catch {
            analysed = nil
            log.error("how sure: \(error.description); the outputs keep the ranking without it until the next change")
        }
    }
}

/// Tells the Monte Carlo's draws to stop when the daemon has newer input, and meanwhile keeps
/// systemd's watchdog fed (the loop is busy, not wedged).
final class GiveWay: Sendable {
    private let inbox: DaemonInbox
    private let notifier: SystemdNotifier
    private let interval: UInt64?
    private let lastBeat = Mutex<UInt64>(0)
    private let watcherAlive: @Sendable () -> Bool

    /// `watcherAlive` says whether the watcher thread still runs: as in the loop's own
    /// heartbeat, the watchdog is fed only while both are alive.
    init(inbox: DaemonInbox, notifier: SystemdNotifier, watcherAlive: @escaping @Sendable () -> Bool) {
        self.inbox = inbox
        self.notifier = notifier
        self.watcherAlive = watcherAlive
        interval = notifier.watchdogInterval.map { $0 / 2 }
    }

    /// Whether to stop now.
    func now() -> Bool {
        if let interval {
            let t = MonotonicClock.now()
            let due = lastBeat.withLock { last in
                guard t - last >= interval else { return false }
                last = t
                return true
            }
            if due, watcherAlive() { notifier.watchdog() }
        }
        return inbox.hasPending
    }
}

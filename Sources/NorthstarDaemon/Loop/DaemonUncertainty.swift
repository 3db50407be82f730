import NorthstarCore
import NorthstarShell
import Synchronization

/// A pass whose outputs are written without how sure the ranking is, yet.
struct PendingAnalysis {
    var evaluation: Evaluation
    /// Where the outputs take the items' lines from (the pass's remembered lines).
    var lines: ItemLineSource
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
        let watcher = self.watcher, notifier = self.notifier
        let yield = GiveWay(inbox: inbox, interval: notifier.watchdogInterval) { Self.feedWatchdog(notifier, watcher: watcher) }
        let done = RankPass.withUncertainty(pending.evaluation, cancelled: { yield.now() })
        guard let u = done.uncertainty else {
            log.info("how sure: stopped for a newer change")
            return
        }
        pendingAnalysis = nil
        analysed = (DrawInputs(done), u)
        do throws(RankingPublisher.Failure) {
            let published = try RankingPublisher.publish(done, lines: pending.lines, snapshot: pending.snapshot,
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
    private let interval: UInt64?
    private let lastBeat = Mutex<UInt64>(0)
    private let feed: @Sendable () -> Void

    /// Feeds the watchdog with `feed` every half of its `interval` (none: no watchdog), as the
    /// loop's own heartbeat does.
    init(inbox: DaemonInbox, interval watchdogInterval: UInt64?, feed: @escaping @Sendable () -> Void) {
        self.inbox = inbox
        self.feed = feed
        interval = watchdogInterval.map { $0 / 2 }
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
            if due { feed() }
        }
        return inbox.hasPending
    }
}

extension Daemon {
    /// Pings systemd's watchdog only while the watcher thread is alive too (it has shown life
    /// within the watchdog interval, at least 5 s): a wedged watcher stops the pings, and
    /// systemd restarts the daemon. Both the loop's heartbeat and a running analysis feed it so.
    static func feedWatchdog(_ notifier: SystemdNotifier, watcher: InotifyWatcher?) {
        guard let interval = notifier.watchdogInterval else { return }
        if watcher?.isAlive(within: max(interval, 5_000_000_000)) ?? true { notifier.watchdog() }
    }
}

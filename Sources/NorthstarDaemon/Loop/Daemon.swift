#if canImport(Glibc)
import Glibc
#endif
import Logging
import NorthstarCore
import NorthstarShell

/// `northstar watch`: scan and rank at start-up, then keep every output current as files
/// change (README: "The daemon"). Runs on the calling thread until SIGTERM or SIGINT.
public final class Daemon {
    /// How the daemon was asked to run.
    public struct Options: Sendable {
        /// The config file, as given on the command line.
        public var configPath: String
        /// `--backlog` / `--output`.
        public var overrides: FolderOverrides
        /// Whether each log line lists the time spent per phase.
        public var timings: Bool

        /// Options.
        public init(configPath: String, overrides: FolderOverrides, timings: Bool = false) {
            self.configPath = configPath
            self.overrides = overrides
            self.timings = timings
        }
    }

    let options: Options
    let log: Logger
    let inbox = DaemonInbox()
    var config: Config
    var configDiagnostics: [Diagnostic]
    var scanDiagnostics: [Diagnostic] = []
    /// The symlinks to folders the last walk met: a changed file below one is resolved before it
    /// is read (see `BacklogSync.apply`).
    var symlinkedFolders: Set<String> = []
    /// The files' parses, each item's work and the previous evaluation, kept between passes.
    var ranking = IncrementalRanking()
    var fingerprints: [String: FileFingerprint] = [:]
    var watcher: InotifyWatcher?
    var pollInterval: UInt64?
    var pendingWrite = false
    /// The ranking the change log last recorded (the previous `ranking.json` at start-up, read
    /// only if the first ranking differs from it).
    var previous: ChangeRecorder.Baseline = .onDisk
    let notifier = SystemdNotifier()
    var metrics: DaemonMetrics
    var lastChange = "before start-up"
    /// What the planner remembers between batches (whether the backlog folder is missing).
    var plannerState = DaemonPlanner.State()
    var pollBeforeMissing: UInt64?
    var reloading = false
    /// The last pass, until how sure its ranking is has been worked out and written.
    var pendingAnalysis: PendingAnalysis?
    /// The last figures worked out, and what they were drawn from: reused while a pass's draw
    /// inputs stay the same.
    var analysed: (inputs: DrawInputs, figures: RankUncertainty)?
    lazy var gitWorkTree = GitWorkTree.containing(config.backlogPath)

    /// Loads the config; fails (with its diagnostics) when there is no usable config to start with.
    public init(options: Options, logger: Logger) throws(DaemonStartFailure) {
        self.options = options
        self.log = logger
        let result: ConfigLoadResult
        do {
            result = try ConfigFile.load(options.configPath, overrides: options.overrides)
        } catch {
            throw .unreadableConfig(error)
        }
        guard let config = result.config else { throw .invalidConfig(result.diagnostics) }
        self.config = config
        self.configDiagnostics = result.diagnostics
        // The instance name: `team-a` for /etc/northstar/team-a.yaml.
        var team = Paths.fileName(of: config.sourcePath)
        for suffix in [".yaml", ".yml"] where team.hasSuffix(suffix) && team.count > suffix.count { team.removeLast(suffix.count) }
        self.metrics = DaemonMetrics(team: team)
    }

    /// Runs until stopped. Returns the process exit code.
    public func run() -> Int32 {
        let signals = SignalSources(inbox: inbox)
        defer { withExtendedLifetime(signals) {} }
        startWatching()
        do {
            try recompute(reason: "start-up", trigger: .startup, files: [], fullScan: true)
        } catch {
            log.error("\(error.description)")
            return 2
        }
        log.info("watching \(display(config.backlogPath)) (\(watcher?.watchedFolderCount ?? 0) folders) and \(display(config.sourcePath))")
        notifier.ready(status: statusLine())
        analysePending()
        var heartbeat: DaemonInbox.Heartbeat?
        if let interval = notifier.watchdogInterval {
            // Half the watchdog interval, fed only while both loops are alive: this loop (it is
            // the one running the heartbeat) and the watcher thread's.
            heartbeat = DaemonInbox.Heartbeat(interval: interval / 2) { [self] in Self.feedWatchdog(notifier, watcher: watcher) }
            notifier.watchdog()
        }
        while true {
            let batch = inbox.nextBatch(policy: SettlePolicy(config.watch), poll: pendingWrite ? 1_000_000_000 : pollInterval,
                                        heartbeat: heartbeat, hold: { [self] in gitWorkTree?.operationInProgress ?? false })
            let backlogExists = POSIX.status(config.backlogPath).map(POSIX.isDirectory) ?? false
            let (plan, next) = DaemonPlanner.plan(batch, backlogFolderExists: backlogExists, state: plannerState)
            if let signal = plan.stop {
                notifier.stopping()
                log.info("stopping on \(signal)")
                watcher?.stop()
                return 0
            }
            plannerState = next
            carryOut(plan)
            if reloading {
                reloading = false
                notifier.ready(status: statusLine())
            }
            analysePending()
        }
    }

    func startWatching() {
        let target = InotifyWatcher.Target(root: config.backlogPath, excluded: [config.outputPath], configPath: config.sourcePath)
        let watcher = InotifyWatcher(target: target, inbox: inbox)
        do {
            _ = try watcher.start()
            self.watcher = watcher
        } catch {
            log.error("\(error.description); falling back to a full rescan every 5 s")
            pollInterval = 5_000_000_000
            metrics.watchDegraded = true
        }
    }

    /// Carries out the planner's decisions for one batch (see `DaemonPlanner`).
    func carryOut(_ plan: DaemonPlanner.Plan) {
        if let reason = plan.degraded {
            log.warning("\(reason); falling back to a full rescan every 5 s until restarted")
            // While the backlog folder is missing the daemon checks every second; the 5 s
            // rescans take over once it is back.
            if plan.folder == .stillMissing { pollBeforeMissing = 5_000_000_000 } else { pollInterval = 5_000_000_000 }
            metrics.watchDegraded = true
        }
        if plan.countsAsRescan { metrics.rescansTotal += 1 }
        if followFolder(plan) { return }
        var fullScan = plan.fullScan
        if let reload = plan.reload {
            reloading = true
            notifier.reloading()
            fullScan = reloadConfig(reason: reload.rawValue) || fullScan
        }
        for reason in plan.warnings {
            log.warning("\(reason): reading the whole backlog again")
        }
        recomputeChanges(plan, fullScan: fullScan)
    }

    /// Follows the backlog folder going and coming back. True when the folder is missing, and
    /// then nothing is read (a reload is still carried out: it may point at a folder that exists).
    private func followFolder(_ plan: DaemonPlanner.Plan) -> Bool {
        switch plan.folder {
        case .lost?, .stillMissing?:
            if plan.folder == .lost {
                pollBeforeMissing = pollInterval
                pollInterval = 1_000_000_000
                log.error("the backlog folder \(display(config.backlogPath)) is gone; keeping the last outputs and checking every second for it to come back")
                notifier.status("backlog folder missing; last ranking kept")
            }
            // Nothing to read, the last outputs stay; a reload may point at a folder that exists
            // (the next check finds it and reads everything).
            if let reload = plan.reload {
                reloading = true
                notifier.reloading()
                _ = reloadConfig(reason: reload.rawValue)
            }
            return true
        case .back?:
            pollInterval = pollBeforeMissing
            log.info("the backlog folder \(display(config.backlogPath)) is back; watching it and reading it again")
            watcher?.rewatch()
        case .replaced?:
            // The rescan's warning says so; the watches must follow the folder now there.
            watcher?.rewatch()
        case nil:
            break
        }
        return false
    }

    /// Re-reads what the plan says changed (or everything) and recomputes the ranking.
    private func recomputeChanges(_ plan: DaemonPlanner.Plan, fullScan: Bool) {
        do {
            if fullScan {
                let kind: ChangeTrigger.Kind = plan.rescan.isEmpty ? .config : .rescan
                try recompute(reason: plan.rescan.isEmpty ? "config reload" : "rescan", trigger: kind, files: [], fullScan: true)
                return
            }
            let sync = BacklogSync(config: config)
            var touched = sync.apply(files: plan.files, to: &ranking.files, fingerprints: &fingerprints,
                                     symlinkedFolders: symlinkedFolders, checkAll: plan.walkTree)
            if !touched.isEmpty, !scanDiagnostics.isEmpty {
                // A file read again says itself what it is now (read, broken or leading out): the
                // last walk's word on it would be a second, possibly outdated, diagnostic.
                let reread = Set(touched)
                scanDiagnostics.removeAll { reread.contains($0.path) && Self.fileScanCodes.contains($0.code) }
            }
            if plan.walkTree { touched += try walkTree(force: false) }
            let changed = Set(touched)
            if changed.isEmpty && plan.reload == nil && !pendingWrite && !plan.walkTree { return }
            let count = changed.count
            var reason = "\(count) changed file\(count == 1 ? "" : "s")"
            if plan.reload != nil { reason = count == 0 ? "config reloaded" : "config reloaded, " + reason }
            try recompute(reason: reason, trigger: plan.reload == nil ? .files : .config, files: changed.sorted(), fullScan: false)
        } catch {
            log.error("\(error.description)")
        }
    }

    /// Walks the backlog tree (re-reading changed files, every file with `force`) and keeps
    /// what the walk says about it. Returns the files it touched.
    func walkTree(force: Bool) throws(ShellError) -> [String] {
        let walked = try BacklogSync(config: config).walk(&ranking.files, fingerprints: &fingerprints, force: force)
        scanDiagnostics = walked.diagnostics
        symlinkedFolders = walked.symlinkedFolders
        return walked.touched
    }

    /// The scan's diagnostics about one backlog file (rather than a folder), which `apply`
    /// works out afresh when it reads that file again.
    static let fileScanCodes: Set<DiagnosticCode> = [.brokenSymlink, .symlinkOutside]

    /// Re-evaluates from memory (after a full re-read when asked), records the change-log
    /// entry when the ranking moved, and writes what changed. The entry is appended before the
    /// outputs are replaced: after a crash in between, the next start repeats it rather than
    /// losing it.
    func recompute(reason: String, trigger: ChangeTrigger.Kind, files: [String], fullScan: Bool) throws(ShellError) {
        let start = MonotonicClock.now()
        let timer = options.timings ? PhaseTimer() : nil
        // An analysis still owed to an older pass is moot now.
        pendingAnalysis = nil
        if fullScan {
            _ = try walkTree(force: true)
            timer?.mark("read")
        }
        let headDiagnostics = ConfigFile.relativeToBacklog(configDiagnostics, config: config) + scanDiagnostics
        var (evaluation, updatedInPlace, staleIDs) = ranking.evaluate(
            config: config, headDiagnostics: headDiagnostics, mayUpdate: !fullScan,
            phase: { timer?.mark($0) }, map: { Parallel.map($0, minimumChunk: 2048, $1) }, pair: Parallel.pair)
        if updatedInPlace { timer?.mark("update") }
        // Draws over the same inputs give the same figures: kept, not worked out again.
        if let analysed, analysed.inputs.match(evaluation) { evaluation.uncertainty = analysed.figures }
        let prepared = ItemPreparation.prepare(evaluation, ranking: &ranking)
        let snapshot = prepared.snapshot
        timer?.mark("prepare")
        // The change-log entry is appended before the outputs are put in place (see above):
        // worked out alongside the staging, or after it when the baseline is the previous
        // ranking.json on disk (read only if the new one differs from it). The same stage as
        // `rank`'s, with its policy: an output whose change the log does not hold is never put
        // in place; the pass is retried.
        let published: RankingPublisher.Published
        do throws(RankingPublisher.Failure) {
            published = try RankingPublisher.publish(evaluation, lines: prepared.lines, snapshot: snapshot,
                                                     baseline: previous, kind: trigger, files: files, keepingReplaced: true,
                                                     phase: { timer?.mark($0) }, alongside: { timer?.record("change log", ms: $0) })
        } catch {
            if error.baselineAdvanced { previous = .known(snapshot) }
            pendingWrite = true
            // A failed change log replaces nothing; a failed output names what it left as it was.
            log.error("\(error.description)\(error.inChangeLog ? "; outputs not replaced" : ""); will retry")
            return
        }
        previous = .known(snapshot)
        pendingWrite = false
        let ms = Double(MonotonicClock.now() - start) / 1_000_000
        if published.logged != nil { lastChange = StderrLogHandler.clock() }
        log.info("\(recomputedLine(evaluation, reason: reason, milliseconds: ms, published: published, staleCount: staleIDs.count, timer: timer, files: files))")
        report(evaluation, milliseconds: ms, staleCount: staleIDs.count)
        // The new outputs are in place and announced; freeing the old ones' blocks could wait.
        published.replaced.remove()
        pendingAnalysis = evaluation.uncertainty == nil && evaluation.config.uncertainty.isEnabled
            ? PendingAnalysis(evaluation: evaluation, lines: prepared.lines, snapshot: snapshot, trigger: trigger, files: files) : nil
    }
}

/// Why the daemon could not start.
public enum DaemonStartFailure: Error {
    /// The config file cannot be read (exit 2).
    case unreadableConfig(ShellError)
    /// The config has errors (exit 1); there is no previous config to fall back on.
    case invalidConfig([Diagnostic])
}

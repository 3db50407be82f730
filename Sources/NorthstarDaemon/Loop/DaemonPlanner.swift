/// The daemon's decisions, as a pure function: from a settled batch of events and what the
/// daemon knows (is the backlog folder there, was it missing, is a write pending), what to do —
/// stop, fall back to periodic rescans, say the backlog folder is lost or back, reload the
/// config, read everything again or only the files named, walk the tree for folder changes.
/// The daemon (the shell) carries the plan out; tests check the decisions without a process.
public enum DaemonPlanner {
    /// What the planner remembers between batches.
    public struct State: Sendable, Equatable {
        /// Whether the backlog folder was found missing (the last outputs are kept meanwhile).
        public var backlogMissing = false

        /// A daemon that has seen nothing unusual.
        public init() {}
    }

    /// Why the config is reloaded.
    public enum ReloadReason: String, Sendable, Equatable {
        /// An edit of the config file.
        case fileChanged = "the config file changed"
        /// SIGHUP (`systemctl reload`).
        case signal = "SIGHUP"
    }

    /// What to do about the backlog folder itself.
    public enum FolderNews: Sendable, Equatable {
        /// It is gone: keep the last outputs, check every second, read nothing (said once).
        case lost
        /// It is still gone: read nothing (a reload is still carried out: the config may move
        /// the backlog somewhere that exists).
        case stillMissing
        /// It came back: watch it again and read it all.
        case back
        /// Another folder took its place between two reads of the events (moved or deleted, and
        /// one of the same name moved or made there): watch that one and read it all.
        case replaced
    }

    /// What to do after one batch.
    public struct Plan: Sendable, Equatable {
        /// Stop on this signal (nothing else is done).
        public var stop: String?
        /// Watching became incomplete for this reason: log it and rescan every 5 s from now on.
        public var degraded: String?
        /// The backlog folder was lost, is back or was replaced.
        public var folder: FolderNews?
        /// Reload the config, for this reason.
        public var reload: ReloadReason?
        /// Why everything is read again, in a stable order (empty: only the named files).
        public var rescan: [RescanReason] = []
        /// Backlog files events named (absolute paths), to read again.
        public var files: Set<String> = []
        /// Folders appeared or went: walk the tree (re-reading only files that changed).
        public var walkTree = false

        /// Whether every file is read again (a rescan; a reload that moves the folders adds one).
        public var fullScan: Bool { !rescan.isEmpty }
        /// Whether events may have been lost (what the rescan metric counts): any reason but the
        /// backlog folder coming back, which is news of its own.
        public var countsAsRescan: Bool { rescan.contains { $0 != .backlogFolderBack } }
        /// The rescan reasons worth a warning in the log.
        public var warnings: [RescanReason] { rescan.filter(\.isWarning) }
    }

    /// The plan for `batch`, given whether the backlog folder exists now, and the next state.
    public static func plan(_ batch: [DaemonInput], backlogFolderExists: Bool, state: State) -> (Plan, State) {
        var plan = Plan()
        var next = state
        var rescan: Set<RescanReason> = []
        for input in batch {
            switch input {
            case .stop(let signal):
                return (Plan(stop: signal), state)
            case .fileChanged(let path): plan.files.insert(path)
            case .folderAppeared, .folderGone: plan.walkTree = true
            case .configChanged: plan.reload = plan.reload ?? .fileChanged
            case .reload: plan.reload = .signal
            case .rescan(let reason): rescan.insert(reason)
            case .watchDegraded(let reason):
                plan.degraded = reason
                rescan.insert(.watchingIncomplete)
            }
        }
        guard backlogFolderExists else {
            // Nothing can be read: keep the last outputs; say so once.
            next.backlogMissing = true
            return (Plan(degraded: plan.degraded, folder: state.backlogMissing ? .stillMissing : .lost, reload: plan.reload,
                         rescan: rescan.sorted()), next)
        }
        if state.backlogMissing {
            next.backlogMissing = false
            plan.folder = .back
            rescan.insert(.backlogFolderBack)
        } else if rescan.contains(.backlogFolderReplaced) {
            plan.folder = .replaced
        }
        plan.rescan = rescan.sorted()
        return (plan, next)
    }
}

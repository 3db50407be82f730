/// Something the daemon must react to: a hint from the watcher, a signal, a fallback.
/// Paths are absolute. Events are hints, not facts: the daemon always looks at the disk.
public enum DaemonInput: Sendable, Hashable {
    /// A backlog file was created, written, moved in or out, deleted, or changed permissions.
    case fileChanged(String)
    /// A folder appeared in the tree (created or moved in); it is already being watched.
    case folderAppeared(String)
    /// A folder left the tree (deleted or moved out).
    case folderGone(String)
    /// The config file was written, replaced or deleted.
    case configChanged
    /// Events may have been lost (queue overflow, watch error): read everything again.
    case rescan(reason: RescanReason)
    /// Not everything can be watched (e.g. the inotify watch limit): rescan periodically.
    case watchDegraded(reason: String)
    /// SIGHUP: reload the config.
    case reload
    /// SIGTERM or SIGINT: finish what is in progress and exit.
    case stop(signal: String)

    /// Whether the daemon should act on this without waiting for a burst to settle.
    var isUrgent: Bool {
        if case .stop = self { return true }
        return false
    }
}

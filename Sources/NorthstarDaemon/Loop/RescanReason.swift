/// Why the daemon reads the whole backlog again instead of the files events named.
/// Its cases are declared in the order their warnings are logged.
public enum RescanReason: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The backlog folder itself was deleted or moved (and may be back under the same name).
    case backlogFolderReplaced
    /// The kernel's event queue overflowed: events were lost.
    case queueOverflow
    /// Watching just became incomplete (the watch limit was reached).
    case watchingIncomplete
    /// Not every folder can be watched, so the whole tree is read on a timer.
    case periodic
    /// The backlog folder is back after it was missing.
    case backlogFolderBack

    /// The words the log uses.
    public var description: String {
        switch self {
        case .queueOverflow: return "the inotify event queue overflowed"
        case .backlogFolderReplaced: return "the backlog folder itself was deleted or moved"
        case .periodic: return "periodic rescan"
        case .watchingIncomplete: return "watching is incomplete"
        case .backlogFolderBack: return "the backlog folder came back"
        }
    }

    /// Whether a rescan for this reason is worth a warning in the log: it is news that events
    /// were lost, not that a timer fired or a folder came back (which is logged on its own).
    public var isWarning: Bool {
        switch self {
        case .queueOverflow, .backlogFolderReplaced, .watchingIncomplete: return true
        case .periodic, .backlogFolderBack: return false
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The inotify event bits the watcher asks for and reads, as a typed set instead of raw masks.
struct InotifyEvents: OptionSet, Sendable {
    let rawValue: UInt32

    static let created = InotifyEvents(rawValue: UInt32(IN_CREATE))
    static let closedAfterWrite = InotifyEvents(rawValue: UInt32(IN_CLOSE_WRITE))
    static let movedOut = InotifyEvents(rawValue: UInt32(IN_MOVED_FROM))
    static let movedIn = InotifyEvents(rawValue: UInt32(IN_MOVED_TO))
    static let deleted = InotifyEvents(rawValue: UInt32(IN_DELETE))
    static let attributesChanged = InotifyEvents(rawValue: UInt32(IN_ATTRIB))
    static let watchedFolderDeleted = InotifyEvents(rawValue: UInt32(IN_DELETE_SELF))
    static let watchedFolderMoved = InotifyEvents(rawValue: UInt32(IN_MOVE_SELF))
    /// The kernel's queue overflowed: events were lost.
    static let queueOverflow = InotifyEvents(rawValue: UInt32(IN_Q_OVERFLOW))
    /// The kernel dropped the watch (its folder is gone).
    static let watchDropped = InotifyEvents(rawValue: UInt32(IN_IGNORED))
    /// The event is about a folder.
    static let isFolder = InotifyEvents(rawValue: UInt32(IN_ISDIR))

    /// What each backlog folder is watched for: files created, written, moved in or out,
    /// deleted or made unreadable, and the folder itself going.
    static let backlogFolder: InotifyEvents = [.created, .closedAfterWrite, .movedOut, .movedIn, .deleted,
                                               .attributesChanged, .watchedFolderDeleted, .watchedFolderMoved]
    /// What the config file's folder is watched for (editors save by rename).
    static let configFolder: InotifyEvents = [.closedAfterWrite, .movedIn, .created, .deleted, .movedOut]
    /// A name arrived in a folder.
    static let arrival: InotifyEvents = [.created, .movedIn]
    /// A name left a folder.
    static let departure: InotifyEvents = [.deleted, .movedOut]
    /// The watched folder itself went.
    static let folderGone: InotifyEvents = [.watchedFolderDeleted, .watchedFolderMoved]

    /// The mask libinotifytools takes.
    var watchMask: Int32 { Int32(bitPattern: rawValue) }
}

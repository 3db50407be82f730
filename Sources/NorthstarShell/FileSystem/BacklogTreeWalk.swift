#if canImport(Glibc)
import Glibc
#endif
import NorthstarCore

/// The walk through a backlog folder that the scanner (to read files) and the watcher (to watch
/// folders) share, so both reach exactly the same folders: hidden names, editor temporaries and
/// the output folder are left out, a symlink is followed only while it stays inside the backlog
/// (`SymlinkFence`), and no folder is entered twice, however links loop.
public struct BacklogTreeWalk {
    /// A folder the walk has reached.
    public struct Folder: Sendable {
        /// Its absolute path.
        public var absolute: String
        /// Its path relative to the backlog folder ("" for the folder itself).
        public var display: String

        /// The folder at `absolute`, shown as `display`.
        public init(absolute: String, display: String) {
            self.absolute = absolute
            self.display = display
        }
    }

    /// What the walk meets inside a folder, besides the folders it enters.
    public enum Finding: Sendable {
        /// A backlog file (a symlink to one is reported with its target's fingerprint).
        case file(ScannedFile)
        /// A problem worth a diagnostic: a broken link, a link out of the backlog, a loop.
        case problem(Diagnostic)
        /// A symlink to a folder (followed or not), by display path.
        case symlinkedFolder(String)
    }

    /// What to do with a folder reached, decided by the walker's owner before it is listed.
    public enum Entry {
        /// List it (and walk on into its folders).
        case list
        /// Leave it unlisted, and go on with the others.
        case skip
        /// End the walk.
        case stop
    }

    /// The backlog folder and what is left out of it.
    public let paths: BacklogPaths
    /// The folders entered so far, by device and inode.
    public private(set) var entered: Set<[UInt64]>
    // Resolved once per walk, and only when the backlog holds a symlink.
    private var fence: SymlinkFence?

    /// A walk of the backlog `paths` describes, which will not enter the folders in `entered`.
    public init(_ paths: BacklogPaths, entered: Set<[UInt64]> = []) {
        self.paths = paths
        self.entered = entered
    }

    /// The key of a folder's `stat`.
    public static func key(_ st: stat) -> [UInt64] { [UInt64(st.st_dev), UInt64(st.st_ino)] }

    /// Whether `absolute` is a folder the walk would enter now (following a symlink only inside
    /// the fence, and not one already entered); its `stat` when it is.
    public mutating func enterable(_ absolute: String) -> stat? {
        guard let own = POSIX.status(absolute, follow: false) else { return nil }
        if POSIX.isSymlink(own), !allows(absolute) { return nil }
        guard let st = POSIX.isSymlink(own) ? POSIX.status(absolute) : own, POSIX.isDirectory(st),
              !entered.contains(Self.key(st)) else { return nil }
        return st
    }

    /// Walks depth-first from `start`, whose `stat` is `status`: `enter` decides for each folder
    /// (the start first, each with its `stat`) whether it is listed; `found` hears of every file and problem in the
    /// folders listed. A folder that cannot be listed is an error finding.
    public mutating func walk(from start: Folder, status: stat, enter: (Folder, stat) -> Entry, found: (Finding) -> Void) {
        var pending = [(start, status)]
        var queued: Set<[UInt64]> = [Self.key(status)]
        while let (folder, st) = pending.popLast() {
            switch enter(folder, st) {
            case .stop: return
            case .skip: continue
            case .list: entered.insert(Self.key(st))
            }
            let names: [String]
            switch POSIX.listDirectory(folder.absolute) {
            case .success(let n): names = n
            case .failure(let error):
                found(.problem(Diagnostic(.error, .unreadableFolder, "folder cannot be read: \(error.message); its files are left out", path: folder.display.isEmpty ? "." : folder.display, at: .fileStart)))
                continue
            }
            for name in names where !BacklogPaths.isIgnoredName(name) {
                let child = Folder(absolute: folder.absolute == "/" ? "/" + name : folder.absolute + "/" + name,
                                   display: folder.display.isEmpty ? name : folder.display + "/" + name)
                if paths.isExcluded(child.absolute) { continue }
                guard let link = POSIX.status(child.absolute, follow: false) else { continue }
                var target = link
                if POSIX.isSymlink(link) {
                    guard let resolved = POSIX.status(child.absolute) else {
                        if let d = BacklogScanner.brokenSymlink(child.absolute, display: child.display) { found(.problem(d)) }
                        continue
                    }
                    let isFolder = POSIX.isDirectory(resolved)
                    if isFolder { found(.symlinkedFolder(child.display)) }
                    // Only a link that would be followed is resolved: to a folder, or a backlog file.
                    if isFolder || BacklogPaths.isBacklogFileName(name) {
                        guard allows(child.absolute) else {
                            found(.problem(SymlinkFence.outside(child.display)))
                            continue
                        }
                    }
                    target = resolved
                }
                if POSIX.isDirectory(target) {
                    let key = Self.key(target)
                    if entered.contains(key) || !queued.insert(key).inserted {
                        if POSIX.isSymlink(link) {
                            found(.problem(BacklogPaths.linkLoop(child.display)))
                        }
                        continue
                    }
                    pending.append((child, target))
                } else if BacklogPaths.isBacklogFileName(name) {
                    found(.file(ScannedFile(absolutePath: child.absolute, displayPath: child.display, fingerprint: FileFingerprint(target))))
                }
            }
        }
    }

    private mutating func allows(_ absolute: String) -> Bool {
        let resolved = fence ?? SymlinkFence(root: paths.root)
        fence = resolved
        return resolved.allows(absolute)
    }
}

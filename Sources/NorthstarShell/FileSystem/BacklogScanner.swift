#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NorthstarCore

/// What identifies one version of a file without reading it: device, inode, size and
/// modification time. A different fingerprint means the file must be read again.
public struct FileFingerprint: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64

    /// The fingerprint of a `stat` result.
    public init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }

    /// The fingerprint of the file at `path` (following symlinks), if it exists.
    public static func of(_ path: String) -> FileFingerprint? {
        POSIX.status(path).map(FileFingerprint.init)
    }
}

/// A backlog file found on disk.
public struct ScannedFile: Sendable, Hashable {
    /// Absolute path.
    public var absolutePath: String
    /// Path relative to the backlog folder, as shown in outputs and diagnostics.
    public var displayPath: String
    /// The file's fingerprint when it was found.
    public var fingerprint: FileFingerprint?

    /// A backlog file at `absolutePath`, shown as `displayPath`.
    public init(absolutePath: String, displayPath: String, fingerprint: FileFingerprint? = nil) {
        self.absolutePath = absolutePath
        self.displayPath = displayPath
        self.fingerprint = fingerprint
    }
}

/// Finds the backlog files under a folder (README: "Backlog files"): `*.yaml` and `*.yml`, recursively,
/// skipping hidden names, editor temporaries and the output folder, following symlinks to files
/// and folders without ever looping, and only while they stay inside the backlog folder.
public enum BacklogScanner {
    /// What a scan found: the files, sorted by display path, and problems met on the way.
    public struct Result: Sendable {
        /// Backlog files, sorted.
        public var files: [ScannedFile]
        /// Folders that could not be read, symlink loops and the like.
        public var diagnostics: [Diagnostic]
        /// Display paths of the symlinks to folders met (followed or not): a path below one of
        /// them must be resolved before it is trusted to lie inside the backlog folder.
        public var symlinkedFolders: Set<String> = []
    }

    /// The diagnostic for a backlog file name that is a symlink leading nowhere (a loop, or a
    /// missing target), or nil when `absolute` is not such a symlink.
    public static func brokenSymlink(_ absolute: String, display: String) -> Diagnostic? {
        guard BacklogPaths.isBacklogFileName(Paths.fileName(of: absolute)),
              let link = POSIX.status(absolute, follow: false), POSIX.isSymlink(link) else { return nil }
        var st = stat()
        guard stat(absolute, &st) != 0 else { return nil }
        return BacklogPaths.brokenLink(display, loop: errno == ELOOP)
    }

    /// Scans `root` (absolute), leaving out everything inside `excluding` (the output folder).
    public static func scan(root: String, excluding: [String]) throws(ShellError) -> Result {
        guard let rootStatus = POSIX.status(root) else {
            throw ShellError(.unreadable, path: root, "backlog folder cannot be read: \(POSIX.errorText())", errno: errno)
        }
        guard POSIX.isDirectory(rootStatus) else { throw ShellError(.notAFolder, path: root, "backlog path is not a folder") }
        var files: [ScannedFile] = []
        var diagnostics: [Diagnostic] = []
        var symlinkedFolders: Set<String> = []
        var walk = BacklogTreeWalk(BacklogPaths(root: root, excluded: excluding))
        walk.walk(from: .init(absolute: root, display: ""), status: rootStatus, enter: { _, _ in .list }) { finding in
            switch finding {
            case .file(let file): files.append(file)
            case .problem(let diagnostic): diagnostics.append(diagnostic)
            case .symlinkedFolder(let display): symlinkedFolders.insert(display)
            }
        }
        files.sort { $0.displayPath.utf8.lexicographicallyPrecedes($1.displayPath.utf8) }
        return Result(files: files, diagnostics: diagnostics.sorted(), symlinkedFolders: symlinkedFolders)
    }
}

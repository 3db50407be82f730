#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NorthstarCore

/// Thin, typed wrappers over the POSIX calls the shell needs.
public enum POSIX {
    /// The text of `errno`.
    public static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// File status, following symlinks (`stat`) or not (`lstat`).
    public static func status(_ path: String, follow: Bool = true) -> stat? {
        var st = stat()
        let rc = follow ? stat(path, &st) : lstat(path, &st)
        return rc == 0 ? st : nil
    }

    /// `path` with every symlink, `.` and `..` resolved (`realpath`), or nil when some part of
    /// it does not exist or cannot be read.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public static func isDirectory(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFDIR }
    public static func isRegular(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFREG }
    public static func isSymlink(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFLNK }

    /// The current working folder.
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `path` as a person at the working folder would type it: relative to that folder when
    /// inside it, else absolute. Relative paths are taken relative to `base` (the backlog
    /// folder, for paths in diagnostics), else to the working folder.
    public static func forPerson(_ path: String, base: String? = nil) -> String {
        let cwd = currentDirectory()
        let absolute = path.hasPrefix("/") ? path : Paths.resolve(path, against: base ?? cwd)
        return Paths.isInside(absolute, cwd) ? Paths.relative(absolute, to: cwd) : absolute
    }

    /// `path` made absolute against the working folder and normalised.
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? Paths.normalize(path) : Paths.resolve(path, against: currentDirectory())
    }

    /// Names in a folder, sorted by bytes, or the errno.
    public static func listDirectory(_ path: String) -> Result<[String], ShellError> {
        guard let dir = opendir(path) else { return .failure(ShellError(.unreadable, path: path, errorText(), errno: Glibc.errno)) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// Creates `path` and its parents.
    public static func makeDirectories(_ path: String) throws(ShellError) {
        if let st = status(path), isDirectory(st) { return }
        let parent = Paths.directory(of: path)
        if parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw ShellError(.cannotCreate, path: path, "cannot create folder: \(errorText())", errno: Glibc.errno)
        }
    }
}

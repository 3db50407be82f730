#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NorthstarCore

/// Writes outputs so that readers only ever see a complete old file or a complete new one:
/// a dot-prefixed temporary file in the same folder, fsync, rename over the target, fsync the
/// folder. A file whose bytes would not change is not touched (its modification time stays).
public enum AtomicFile {
    /// The prefix of temporary names, which the watcher ignores.
    public static let temporaryPrefix = ".northstar-tmp-"

    /// Writes `bytes` to `path` unless it already holds exactly them. Returns whether it wrote.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String) throws(ShellError) -> Bool {
        if holds(bytes, at: path) { return false }
        let folder = Paths.directory(of: path)
        let temporary = "\(folder)/\(temporaryPrefix)\(getpid())-\(Paths.fileName(of: path))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ShellError(path: path, "cannot write: \(POSIX.errorText())") }
        var written = 0
        var failure: String?
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                failure = POSIX.errorText()
                break
            }
            written += n
        }
        if failure == nil, fsync(fd) != 0 { failure = POSIX.errorText() }
        if close(fd) != 0, failure == nil { failure = POSIX.errorText() }
        if failure == nil, rename(temporary, path) != 0 { failure = POSIX.errorText() }
        if let failure {
            unlink(temporary)
            throw ShellError(path: path, "cannot write: \(failure); the previous file is left as it was")
        }
        let dirFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
        return true
    }

    /// Whether the file at `path` holds exactly `bytes`, compared in chunks (a 100 MB ranking
    /// is never read into memory whole just to find it unchanged).
    static func holds(_ bytes: [UInt8], at path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, POSIX.isRegular(st), Int(st.st_size) == bytes.count else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < bytes.count {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, bytes.count - offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            let same = bytes.withUnsafeBytes { all in
                chunk.withUnsafeBytes { part in
                    guard let a = all.baseAddress, let b = part.baseAddress else { return false }
                    return memcmp(a + offset, b, n) == 0
                }
            }
            guard same else { return false }
            offset += n
        }
        var extra: UInt8 = 0
        return Glibc.read(fd, &extra, 1) == 0
    }

    /// Writes `text` as UTF-8 (see `write(_:to:)`).
    @discardableResult
    public static func write(_ text: String, to path: String) throws(ShellError) -> Bool {
        try write(Array(text.utf8), to: path)
    }
}

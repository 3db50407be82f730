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
        if case .success(let existing) = FileReader.read(path, limit: bytes.count), existing == bytes {
            return false
        }
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

    /// Writes `text` as UTF-8 (see `write(_:to:)`).
    @discardableResult
    public static func write(_ text: String, to path: String) throws(ShellError) -> Bool {
        try write(Array(text.utf8), to: path)
    }
}

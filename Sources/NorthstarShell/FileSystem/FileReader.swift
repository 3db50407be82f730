#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NorthstarCore

/// Reads whole files with the limits SPEC section 12 asks for: never blocks on a FIFO, refuses
/// folders and oversized files, and reports why a file cannot be read.
public enum FileReader {
    /// Why a file could not be read.
    public enum Failure: Error {
        case notRegular(String)
        case tooLarge(Int)
        case system(String)

        public var message: String {
            switch self {
            case .notRegular(let kind): return "not a regular file (\(kind)); skipped"
            case .tooLarge(let size): return "file is \(size) bytes, more than the limit; skipped (raise limits.max_file_bytes if it is genuine)"
            case .system(let text): return "cannot read file: \(text)"
            }
        }
    }

    /// The bytes of `path`, at most `limit` of them.
    public static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.system(POSIX.errorText())) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.system(POSIX.errorText())) }
        guard POSIX.isRegular(st) else {
            let kind: String
            switch st.st_mode & S_IFMT {
            case S_IFDIR: kind = "a folder"
            case S_IFIFO: kind = "a FIFO"
            case S_IFSOCK: kind = "a socket"
            case S_IFCHR, S_IFBLK: kind = "a device"
            default: kind = "special file"
            }
            return .failure(.notRegular(kind))
        }
        let size = Int(st.st_size)
        if size > limit { return .failure(.tooLarge(size)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file may have grown since fstat: read on until EOF, within the limit.
                if bytes.count >= limit + 1 { break }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: min(65_536, limit + 1 - bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress.map { $0 + filled }, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.system(POSIX.errorText()))
            }
            if n == 0 { break }
            filled += n
        }
        if filled > limit { return .failure(.tooLarge(filled)) }
        bytes.removeSubrange(filled...)
        return .success(bytes)
    }
}

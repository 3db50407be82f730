#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NorthstarCore

/// Reads whole files with the limits docs/reliability.md promises: never blocks on a FIFO, refuses
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
        withRegularFile(path) { fd, size throws(Failure) in
            if size > limit { throw .tooLarge(size) }
            // One spare byte: a read that fills it means the file grew since fstat. (A spare
            // of 64 KiB, zeroed, cost more than the read for the small files of a backlog.)
            var bytes = [UInt8](repeating: 0, count: size + 1)
            var filled = 0
            while true {
                if filled == bytes.count {
                    // The file may have grown since fstat: read on until EOF, within the limit.
                    if bytes.count >= limit + 1 { break }
                    bytes.append(contentsOf: [UInt8](repeating: 0, count: min(65_536, limit + 1 - bytes.count)))
                }
                let n = try readSome(fd, into: &bytes, at: filled)
                if n == 0 { break }
                filled += n
            }
            if filled > limit { throw .tooLarge(filled) }
            bytes.removeSubrange(filled...)
            return bytes
        }
    }

    /// Hands the lines of `path` (without their line breaks) to `body` a batch at a time, one
    /// batch per piece of about `chunkSize` bytes, so a large file is never whole in memory.
    /// A last line without a line break comes last. Fails like `read(_:limit:)`.
    public static func forEachBatchOfLines(_ path: String, limit: Int, chunkSize: Int = 4 << 20,
                                           _ body: ([ArraySlice<UInt8>]) -> Void) -> Result<Void, Failure> {
        withRegularFile(path) { fd, _ throws(Failure) in
            var pending: [UInt8] = []
            var total = 0
            var chunk = [UInt8](repeating: 0, count: max(1, chunkSize))
            while true {
                let n = try readSome(fd, into: &chunk, at: 0)
                if n == 0 { break }
                total += n
                if total > limit { throw .tooLarge(total) }
                pending.append(contentsOf: chunk[0..<n])
                // Complete lines go now; the tail after the last line break waits for the next piece.
                guard let last = pending.lastIndex(of: 0x0A) else { continue }
                body(pending[..<last].split(separator: 0x0A, omittingEmptySubsequences: false))
                pending.removeSubrange(...last)
            }
            if !pending.isEmpty { body([pending[...]]) }
        }
    }

    /// The last `maxBytes` bytes of `path` (the whole file when it is smaller), starting at a
    /// line: a partial first line is dropped. For reading the newest entries of a long log.
    public static func readTail(_ path: String, maxBytes: Int) -> Result<[UInt8], Failure> {
        withRegularFile(path) { fd, size throws(Failure) in
            let start = max(0, size - maxBytes)
            guard lseek(fd, off_t(start), SEEK_SET) >= 0 else { throw .system(POSIX.errorText()) }
            var bytes = [UInt8](repeating: 0, count: size - start)
            var filled = 0
            while filled < bytes.count {
                let n = try readSome(fd, into: &bytes, at: filled)
                if n == 0 { break }
                filled += n
            }
            bytes.removeSubrange(filled...)
            if start > 0, let firstBreak = bytes.firstIndex(of: 0x0A) { bytes.removeSubrange(...firstBreak) }
            return bytes
        }
    }

    /// Opens `path` for reading without blocking (a FIFO never hangs the reader), checks that it
    /// is a regular file, and runs `body` with the descriptor and the file's size.
    private static func withRegularFile<T>(_ path: String, _ body: (Int32, Int) throws(Failure) -> T) -> Result<T, Failure> {
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
        do throws(Failure) { return .success(try body(fd, Int(st.st_size))) } catch { return .failure(error) }
    }

    /// One `read` into `buffer` from `offset` to its end, retried when a signal interrupts it;
    /// the number of bytes read (0 at the end of the file).
    private static func readSome(_ fd: Int32, into buffer: inout [UInt8], at offset: Int) throws(Failure) -> Int {
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset) }
            if n >= 0 { return n }
            if errno != EINTR { throw .system(POSIX.errorText()) }
        }
    }
}

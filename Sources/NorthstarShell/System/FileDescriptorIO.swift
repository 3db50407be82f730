#if canImport(Glibc)
import Glibc
#endif

/// Whole reads and writes on a file descriptor: the loop that retries a call a signal
/// interrupted, and goes on after a short one, written once.
public enum FileDescriptorIO {
    /// Writes all of `bytes` to `fd`. Returns how many were written and, when it stopped
    /// short, the errno (`EIO` for a write that wrote nothing).
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> (written: Int, failure: Int32?) {
        var written = 0
        while written < bytes.count {
            let n = write(fd, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return (written, errno)
            }
            if n == 0 { return (written, EIO) }
            written += n
        }
        return (written, nil)
    }

    /// `writeAll` of an array's bytes.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> (written: Int, failure: Int32?) {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Reads `count` bytes at `offset` of `fd` into `buffer` from index `at`. Returns how many
    /// were read (fewer at the end of the file) and the errno of a failure.
    public static func readFully(_ fd: Int32, into buffer: inout [UInt8], at: Int = 0, count: Int, offset: Int) -> (read: Int, failure: Int32?) {
        var got = 0
        while got < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { pread(fd, $0 + at + got, count - got, off_t(offset + got)) } ?? -1
            }
            if n < 0 {
                if errno == EINTR { continue }
                return (got, errno)
            }
            if n == 0 { break }
            got += n
        }
        return (got, nil)
    }
}

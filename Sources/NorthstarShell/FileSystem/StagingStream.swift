#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFileRange
import NorthstarCore

/// New contents of one output arriving in pieces, compared with the file they would replace
/// while they match it, and written to a temporary beside it from the first difference on.
/// The shell half of `AtomicFile.stage(_:for:)`.
struct StagingStream {
    let path: String
    let temporary: String
    /// The file being replaced, open for comparing (-1: none, or no longer needed).
    private var old: Int32
    /// Its size: new contents that outgrow it differ without reading it.
    private var oldSize = 0
    /// The temporary file, once the new contents differ (-1 until then).
    private var fd: Int32 = -1
    /// How many leading bytes equal the old file (while no temporary exists).
    private var matched = 0
    private var failure: String?
    private var scratch: [UInt8] = []
    /// Bytes in the temporary so far, and how many of them the disk has been asked to write.
    private var written = 0, writebackStarted = 0
    /// How much is written before the disk is asked to start on it: large enough that the
    /// requests stay few, small enough that most of a large output is on its way to the disk
    /// by the time it is flushed.
    static let writebackStep = 8 << 20

    /// Whether the equal prefix may be copied inside the kernel (tests turn it off to check
    /// the buffered copy every filesystem allows).
    private let copiesInKernel: Bool

    init(path: String, copiesInKernel: Bool) {
        self.path = path
        self.copiesInKernel = copiesInKernel
        temporary = "\(Paths.directory(of: path))/\(AtomicFile.temporaryPrefix)\(getpid())-\(Paths.fileName(of: path))"
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        var st = stat()
        if fd >= 0, fstat(fd, &st) == 0, POSIX.isRegular(st) {
            old = fd
            oldSize = Int(st.st_size)
        } else {
            if fd >= 0 { close(fd) }
            old = -1
        }
    }

    /// Takes the next piece of the new contents.
    mutating func append(_ bytes: [UInt8]) {
        guard failure == nil, !bytes.isEmpty else { return }
        if fd < 0, old >= 0, continuesOld(bytes) {
            matched += bytes.count
            return
        }
        if fd < 0 { diverge() }
        writeAll(bytes)
    }

    /// The staged temporary, or `nil` when the old file already held exactly these bytes.
    mutating func finish() throws(ShellError) -> AtomicFile.Staged? {
        if failure == nil, fd < 0 {
            var st = stat()
            if old >= 0, fstat(old, &st) == 0, Int(st.st_size) == matched {
                close(old)
                return nil
            }
            diverge()
        }
        if old >= 0 { close(old); old = -1 }
        if failure == nil, fsync(fd) != 0 { failure = POSIX.errorText() }
        if fd >= 0, close(fd) != 0, failure == nil { failure = POSIX.errorText() }
        fd = -1
        if let failure {
            unlink(temporary)
            throw ShellError(.cannotWrite, path: path, "cannot write: \(failure); the previous file is left as it was")
        }
        return AtomicFile.Staged(path: path, temporary: temporary)
    }

    /// Whether the old file holds `bytes` at the current offset.
    private mutating func continuesOld(_ bytes: [UInt8]) -> Bool {
        guard matched + bytes.count <= oldSize else { return false }
        if scratch.count < bytes.count { scratch = [UInt8](repeating: 0, count: bytes.count) }
        guard FileDescriptorIO.readFully(old, into: &scratch, count: bytes.count, offset: matched) == (bytes.count, nil) else { return false }
        return bytes.withUnsafeBytes { a in
            scratch.withUnsafeBytes { b in
                guard let pa = a.baseAddress, let pb = b.baseAddress else { return false }
                return memcmp(pa, pb, bytes.count) == 0
            }
        }
    }

    /// Opens the temporary and copies into it the prefix that matched the old file: inside the
    /// kernel where the filesystem allows it (a filesystem with shared extents shares them),
    /// else through a buffer.
    private mutating func diverge() {
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { failure = POSIX.errorText(); return }
        var copied = 0
        while copiesInKernel, copied < matched {
            var from = Int64(copied)
            let n = copy_file_range(old, &from, fd, nil, matched - copied, 0)
            if n < 0 && errno == EINTR { continue }
            // Not supported here (or the old file shrank): the buffered copy takes over and
            // says what went wrong, if anything did.
            guard n > 0 else { break }
            copied += n
            wrote(n)
        }
        var buffer = [UInt8](repeating: 0, count: min(max(matched - copied, 1), 1 << 20))
        while copied < matched, failure == nil {
            let want = min(buffer.count, matched - copied)
            let n = buffer.withUnsafeMutableBytes { pread(old, $0.baseAddress, want, off_t(copied)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { failure = n == 0 ? "the previous file shrank while it was read" : POSIX.errorText(); break }
            buffer.withUnsafeBytes { writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            copied += n
        }
        if old >= 0 { close(old); old = -1 }
    }

    private mutating func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { writeAll($0) }
    }

    private mutating func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, fd >= 0 else { return }
        if let code = FileDescriptorIO.writeAll(fd, bytes).failure { failure = POSIX.errorText(code); return }
        wrote(bytes.count)
    }

    /// Counts `count` more bytes in the temporary and, every `writebackStep` bytes, asks the
    /// disk to start writing them, so that the `fsync` at the end waits for the last few
    /// megabytes of a large output rather than all of it. Only a request: the `fsync` is what
    /// makes the file durable, so a failure here changes nothing.
    private mutating func wrote(_ count: Int) {
        written += count
        guard written - writebackStarted >= Self.writebackStep else { return }
        _ = sync_file_range(fd, Int64(writebackStarted), Int64(written - writebackStarted), UInt32(NORTHSTAR_SYNC_FILE_RANGE_WRITE))
        writebackStarted = written
    }
}

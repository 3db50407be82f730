#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    init(path: String) {
        self.path = path
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

    /// Opens the temporary and copies into it the prefix that matched the old file.
    private mutating func diverge() {
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { failure = POSIX.errorText(); return }
        var copied = 0
        var buffer = [UInt8](repeating: 0, count: min(max(matched, 1), 1 << 20))
        while copied < matched, failure == nil {
            let want = min(buffer.count, matched - copied)
            let n = buffer.withUnsafeMutableBytes { pread(old, $0.baseAddress, want, off_t(copied)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { failure = n == 0 ? "the previous file shrank while it was read" : POSIX.errorText(); break }
            writeAll(Array(buffer[0..<n]))
            copied += n
        }
        if old >= 0 { close(old); old = -1 }
    }

    private mutating func writeAll(_ bytes: [UInt8]) {
        guard failure == nil, fd >= 0 else { return }
        if let code = FileDescriptorIO.writeAll(fd, bytes).failure { failure = POSIX.errorText(code) }
    }
}

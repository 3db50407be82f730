#if canImport(Glibc)
import Glibc
#endif
import NorthstarCore

/// Writes change-log entries into the output folder: a line appended to `changes.jsonl`
/// (fsynced; a torn last line from a crash is cut off before the next append, so the file
/// only ever holds whole lines) and `CHANGELOG.md`, the newest entries first, replaced
/// atomically.
public enum ChangeLogWriter {
    /// The append-only log.
    public static let jsonLinesName = "changes.jsonl"
    /// The readable view.
    public static let markdownName = "CHANGELOG.md"
    /// How many entries `CHANGELOG.md` keeps (`changes.jsonl` keeps all).
    public static let markdownEntries = 100

    /// Appends `change` to both files.
    public static func append(_ change: ChangeSet, config: Config) throws(ShellError) {
        try POSIX.makeDirectories(config.outputPath)
        try appendLine(ChangeLogJSON.bytes(change), to: config.outputPath + "/" + jsonLinesName)
        let path = config.outputPath + "/" + markdownName
        var out = Array((ChangeLogMarkdown.header + "\n" + ChangeLogMarkdown.entry(change, config: config)).utf8)
        if case .success(let bytes) = FileReader.read(path, limit: 64 << 20) {
            out += keptEntries(bytes)
        }
        try AtomicFile.write(out, to: path)
    }

    /// The newest `markdownEntries - 1` entries of an existing CHANGELOG.md (each starts with
    /// `## ` at the start of a line), as bytes, ending with one blank line. Works on bytes: the
    /// file is never split into strings.
    public static func keptEntries(_ bytes: [UInt8]) -> [UInt8] {
        var starts: [Int] = []
        var i = 0
        while i + 3 < bytes.count, starts.count < markdownEntries {
            if bytes[i] == 0x0A, bytes[i + 1] == 0x23, bytes[i + 2] == 0x23, bytes[i + 3] == 0x20 { starts.append(i + 1) }
            i += 1
        }
        guard let first = starts.first else { return [] }
        let end = starts.count >= markdownEntries ? starts[markdownEntries - 1] : bytes.count
        var kept = Array(bytes[first..<end])
        while kept.last == 0x0A { kept.removeLast() }
        return kept + [0x0A, 0x0A]
    }

    /// Appends one line (a newline is added), first cutting off a torn last line if a crash left one.
    static func appendLine(_ line: consuming [UInt8], to path: String) throws(ShellError) {
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ShellError(.cannotOpen, path: path, "cannot open: \(POSIX.errorText())", errno: errno) }
        defer { close(fd) }
        try repairTornTail(fd, path: path)
        // The line is handed over: the newline goes on in place (a first ranking's line is 8 MB).
        var bytes = line
        bytes.append(0x0A)
        let (written, failure) = FileDescriptorIO.writeAll(fd, bytes)
        if let failure {
            // Never leave half a line: take back what this call wrote.
            var st = stat()
            if fstat(fd, &st) == 0 { _ = ftruncate(fd, st.st_size - off_t(written)) }
            throw ShellError(.cannotAppend, path: path, "cannot append: \(POSIX.errorText(failure))", errno: failure)
        }
        guard fsync(fd) == 0 else { throw ShellError(.cannotAppend, path: path, "cannot sync: \(POSIX.errorText())", errno: errno) }
    }

    /// Cuts the file back to its last newline when it does not end with one.
    static func repairTornTail(_ fd: Int32, path: String) throws(ShellError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ShellError(.cannotAppend, path: path, "cannot stat: \(POSIX.errorText())", errno: errno) }
        var end = off_t(st.st_size)
        guard end > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        func read(_ count: Int, at offset: off_t) throws(ShellError) {
            let (got, failure) = FileDescriptorIO.readFully(fd, into: &chunk, count: count, offset: Int(offset))
            guard got == count else { throw ShellError(.cannotAppend, path: path, "cannot read: \(POSIX.errorText(failure ?? EIO))", errno: failure ?? EIO) }
        }
        try read(1, at: end - 1)
        if chunk[0] == 0x0A { return }
        while end > 0 {
            let start = max(0, end - off_t(chunk.count))
            let count = Int(end - start)
            try read(count, at: start)
            if let i = chunk[0..<count].lastIndex(of: 0x0A) {
                end = start + off_t(i) + 1
                break
            }
            end = start
        }
        guard ftruncate(fd, end) == 0 else { throw ShellError(.cannotAppend, path: path, "cannot repair a torn last line: \(POSIX.errorText())", errno: errno) }
    }
}

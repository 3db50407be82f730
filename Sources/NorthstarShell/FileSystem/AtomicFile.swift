#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NorthstarCore
import Synchronization

/// Writes outputs so that readers only ever see a complete old file or a complete new one:
/// a dot-prefixed temporary file in the same folder, fsync, rename over the target, fsync the
/// folder. A file whose bytes would not change is not touched (its modification time stays).
public enum AtomicFile {
    /// The prefix of temporary names, which the watcher ignores.
    public static let temporaryPrefix = ".northstar-tmp-"

    /// New contents written and flushed to a temporary file beside the target, not yet in
    /// place: `commit()` renames it over the target, `discard()` removes it. Staging several
    /// outputs and committing them together keeps the window in which they disagree short.
    public struct Staged: Sendable {
        /// The target.
        public let path: String
        let temporary: String

        /// Puts the new contents in place (rename, then fsync of the folder).
        public func commit() throws(ShellError) { try AtomicFile.commit([self]) }

        /// Removes the temporary file; the target stays as it was.
        public func discard() { unlink(temporary) }
    }

    /// The previous versions of files a commit put new ones over, still linked under temporary
    /// names: the file system frees a replaced file's blocks when its last name goes, which
    /// for a large `ranking.json` holds up the rename (see docs/performance.md), and this way
    /// it happens after the new outputs are in place, when the caller calls `remove()`. Left behind by a
    /// crash, they are abandoned temporaries like any other (`removeAbandonedTemporaries`).
    public struct Replaced: Sendable {
        let names: [String]

        /// Nothing kept.
        public init() { names = [] }

        init(names: [String]) { self.names = names }

        /// Whether no previous version is kept.
        public var isEmpty: Bool { names.isEmpty }

        /// Lets the previous versions go.
        public func remove() { for name in names { unlink(name) } }
    }

    /// Tells apart the names under which one process keeps replaced files.
    private static let replacedCount = Atomic<Int>(0)
    /// Tells this process's kept files from those of an earlier process that had the same pid
    /// (a restarted container's daemon is often pid 1) and died before removing them.
    private static let processToken = String(UInt64.random(in: 0...UInt64.max), radix: 36)

    /// The start of the names under which the process `pid` keeps replaced files.
    private static func replacedPrefix(_ pid: pid_t) -> String { "\(pid)-replaced-" }

    /// Puts staged files in place in the given order, then flushes each folder once. When a
    /// rename fails, the files not yet in place are discarded and the error is thrown.
    /// With `keepingReplaced`, the files they replace are kept under temporary names until
    /// the `Replaced` returned is removed (on failure they are removed here).
    @discardableResult
    public static func commit(_ batch: [Staged], keepingReplaced: Bool = false) throws(ShellError) -> Replaced {
        var folders: [String] = []
        var kept: [String] = []
        for (index, staged) in batch.enumerated() {
            if keepingReplaced {
                let number = replacedCount.wrappingAdd(1, ordering: .relaxed).newValue
                let name = Paths.directory(of: staged.path) + "/" + temporaryPrefix + replacedPrefix(getpid()) + "\(processToken)-\(number)"
                // No previous file (or no hard links here): the rename frees what it replaces.
                if link(staged.path, name) == 0 { kept.append(name) }
            }
            if rename(staged.temporary, staged.path) != 0 {
                let failure = POSIX.errorText()
                for rest in batch[index...] { rest.discard() }
                Replaced(names: kept).remove()
                throw ShellError(.cannotWrite, path: staged.path, "cannot write: \(failure); the previous file is left as it was")
            }
            let folder = Paths.directory(of: staged.path)
            if !folders.contains(folder) { folders.append(folder) }
        }
        for folder in folders {
            let dirFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dirFD >= 0 {
                fsync(dirFD)
                close(dirFD)
            }
        }
        return Replaced(names: kept)
    }

    /// Writes `bytes` to `path` unless it already holds exactly them. Returns whether it wrote.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String) throws(ShellError) -> Bool {
        guard let staged = try stage(bytes, for: path) else { return false }
        try staged.commit()
        return true
    }

    /// Writes `bytes` to a flushed temporary file beside `path`, or returns `nil` when `path`
    /// already holds exactly them.
    public static func stage(_ bytes: [UInt8], for path: String) throws(ShellError) -> Staged? {
        try stage(OutputAssembly(whole: bytes), for: path)
    }

    /// Writes the file `assembly` describes to a flushed temporary beside `path`, piece by piece
    /// through a buffer of about `chunkSize` bytes, or returns `nil` when `path` already holds
    /// exactly those bytes. The new bytes are compared with the old file as they are produced;
    /// no temporary is created until they differ, and the equal prefix is then copied from the
    /// old file. So a large output is never whole in memory, and an unchanged one is only read.
    public static func stage(_ assembly: OutputAssembly, for path: String, chunkSize: Int = 1 << 20) throws(ShellError) -> Staged? {
        try stage(assembly, for: path, chunkSize: chunkSize, copiesInKernel: true)
    }

    /// `stage(_:for:chunkSize:)`, with the equal prefix copied inside the kernel only when
    /// `copiesInKernel` (tests check the buffered copy with it off).
    static func stage(_ assembly: OutputAssembly, for path: String, chunkSize: Int, copiesInKernel: Bool) throws(ShellError) -> Staged? {
        // A folder where the file goes would make the final rename fail; say so now, before
        // any output of the pass is replaced.
        if let st = POSIX.status(path), POSIX.isDirectory(st) {
            throw ShellError(.cannotWrite, path: path, "cannot write: a folder is in the way; the previous outputs are left as they were")
        }
        var stream = StagingStream(path: path, copiesInKernel: copiesInKernel)
        assembly.write(chunkSize: chunkSize) { stream.append($0) }
        return try stream.finish()
    }

    /// Removes temporaries in `folder` left by a process that died between flushing and
    /// renaming (a `kill -9` or a power cut): their writer's pid is in the name, and only those
    /// whose process is gone are removed, so another `northstar` writing the same folder at the
    /// same time keeps its own. Replaced files kept under this process's pid by an earlier
    /// process (`commit(_:keepingReplaced:)`) are removed too. Returns the names removed.
    @discardableResult
    public static func removeAbandonedTemporaries(in folder: String) -> [String] {
        guard case .success(let names) = POSIX.listDirectory(folder) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(temporaryPrefix) {
            let rest = name.dropFirst(temporaryPrefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]) else { continue }
            if pid == getpid() {
                let replaced = replacedPrefix(pid)
                guard rest.hasPrefix(replaced), !rest.dropFirst(replaced.count).hasPrefix(processToken + "-") else { continue }
            } else if kill(pid, 0) == 0 || errno != ESRCH {
                continue
            }
            if unlink(folder + "/" + name) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Writes `text` as UTF-8 (see `write(_:to:)`).
    @discardableResult
    public static func write(_ text: String, to path: String) throws(ShellError) -> Bool {
        try write(Array(text.utf8), to: path)
    }
}

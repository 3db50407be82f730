import Glibc

/// A file-system failure at a path, in words for the person reading the log, with a code a
/// caller can act on and the `errno` behind it when there was one.
public struct ShellError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure it was.
    public enum Code: String, Sendable, Hashable {
        /// A folder could not be listed or read.
        case unreadable
        /// A path that must be a folder is something else.
        case notAFolder
        /// A folder could not be created.
        case cannotCreate
        /// A file could not be opened.
        case cannotOpen
        /// An output could not be written, synced or put in place.
        case cannotWrite
        /// The change log could not be appended to, read back or repaired.
        case cannotAppend
        /// The config file is missing or invalid.
        case config
        /// inotify could not be started.
        case watcher
    }

    /// What kind of failure it was.
    public var code: Code
    /// The path concerned.
    public var path: String
    /// What went wrong, for a person.
    public var message: String
    /// The system's error number, when a system call failed.
    public var errno: Int32?

    /// A failure of kind `code` at `path`.
    public init(_ code: Code, path: String, _ message: String, errno: Int32? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.errno = errno
    }

    /// `path: error: message`.
    public var description: String { "\(path): error: \(message)" }
}

/// A failure of the shell around the core: a folder that cannot be read, an output that
/// cannot be written, a missing config. These are I/O problems (exit code 2), not bad input.
public struct ShellError: Error, Sendable, CustomStringConvertible {
    /// The path concerned.
    public var path: String
    /// What went wrong, for a person.
    public var message: String

    /// A failure at `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    /// `path: error: message`.
    public var description: String { "\(path): error: \(message)" }
}

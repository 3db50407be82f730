/// Why a question to git about revisions could not be answered, in words for the person who
/// asked (`northstar diff` prints it and exits 2).
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// A failure described by `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// How a command ends when it does not succeed, with the exit code the README's command table gives:
/// 1 for invalid input, 2 for usage or I/O errors.
public struct CommandFailure: Error, Sendable {
    /// The process exit code.
    public var exitCode: Int32
    /// A message already printed, or to print, on stderr (empty: nothing more to say).
    public var message: String

    /// Invalid input (exit 1).
    public static func invalidInput(_ message: String = "") -> CommandFailure { CommandFailure(exitCode: 1, message: message) }
    /// Usage or I/O error (exit 2).
    public static func ioOrUsage(_ message: String) -> CommandFailure { CommandFailure(exitCode: 2, message: message) }
}

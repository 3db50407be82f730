/// A place in a source file, 1-based, as editors and compilers count lines and columns.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Line number, starting at 1.
    public var line: Int
    /// Column number, starting at 1 (counted in characters as libyaml counts them).
    public var column: Int

    /// A location at `line`:`column` (both 1-based).
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a file, used for problems that concern a whole file (unreadable, too large).
    public static let fileStart = SourceLocation(line: 1, column: 1)

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

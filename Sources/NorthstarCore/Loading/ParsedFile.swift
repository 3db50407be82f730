/// An id as declared in a file, valid or not, so duplicates and dependencies can be checked
/// across the whole backlog.
public struct DeclaredID: Sendable, Hashable {
    /// The item id.
    public var id: String
    /// The file, as displayed.
    public var path: String
    /// Where the `id:` value was written.
    public var location: SourceLocation

    /// A declared id.
    public init(id: String, path: String, location: SourceLocation) {
        self.id = id
        self.path = path
        self.location = location
    }
}

/// What one backlog file yields: its valid items, every id it declares, and its diagnostics.
///
/// The daemon keeps one of these per file in memory and re-reads only changed files.
public struct ParsedFile: Sendable, Equatable {
    /// The file, as displayed (relative to the backlog folder).
    public var path: String
    /// Items that passed the per-file checks.
    public var items: [Item]
    /// Every item id the file declares, including items with errors.
    public var declaredIDs: [DeclaredID]
    /// Problems found in this file alone.
    public var diagnostics: [Diagnostic]
    /// The items it declares that its own errors keep out of the ranking, each with its first
    /// error: why an item left the ranking although its file is still there.
    public var rejected: [(id: String, error: Diagnostic)] = []
    /// Whether the file as a whole could not be read (unreadable, too large, YAML syntax):
    /// nothing in it can be trusted, so a daemon keeps its last good items.
    public var isUnreadable: Bool
    /// The text of a file that was read but whose YAML did not parse (nil otherwise): its ids
    /// cannot be known, but whether an id is written in it can (see `BacklogValidator`).
    public var unparsedText: [UInt8]?

    /// A parsed file.
    public init(path: String, items: [Item], declaredIDs: [DeclaredID], diagnostics: [Diagnostic], isUnreadable: Bool,
                rejected: [(id: String, error: Diagnostic)] = [], unparsedText: [UInt8]? = nil) {
        self.rejected = rejected
        self.path = path
        self.items = items
        self.declaredIDs = declaredIDs
        self.diagnostics = diagnostics
        self.isUnreadable = isUnreadable
        self.unparsedText = unparsedText
    }

    /// Two readings agree when they found the same items, ids and problems.
    public static func == (a: ParsedFile, b: ParsedFile) -> Bool {
        a.path == b.path && a.items == b.items && a.declaredIDs == b.declaredIDs && a.diagnostics == b.diagnostics
            && a.isUnreadable == b.isUnreadable && a.unparsedText == b.unparsedText
            && a.rejected.map(\.id) == b.rejected.map(\.id) && a.rejected.map(\.error) == b.rejected.map(\.error)
    }

    /// A file that could not be read at all, with the reason.
    public static func unreadable(path: String, code: DiagnosticCode, message: String, at location: SourceLocation = .fileStart) -> ParsedFile {
        ParsedFile(path: path, items: [], declaredIDs: [],
                   diagnostics: [Diagnostic(.error, code, message, path: path, at: location)],
                   isUnreadable: true)
    }
}

/// A problem found in a backlog or config file, located as `path:line:col`.
///
/// Errors keep an item out of the ranking (from this version of its file); warnings never
/// stop ranking. Printed in the compiler style that editors and CI annotate.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The item (or file, or config) cannot be used as written.
        case error
        /// Worth fixing, but ranking goes on.
        case warning

        public static func < (a: Severity, b: Severity) -> Bool {
            a == .error && b == .warning
        }
    }

    /// Error or warning.
    public var severity: Severity
    /// The file, as the user should see it (relative to the backlog folder where possible).
    public var path: String
    /// Where in the file.
    public var location: SourceLocation
    /// What kind of problem it is (`duplicate-id`, `yaml-syntax`...).
    public var code: DiagnosticCode
    /// One sentence for a person (without the related places; see `text`).
    public var message: String
    /// Other places the problem involves (the other definitions of a duplicated id), with
    /// paths displayed like `path`, so that a command that re-paths one re-paths all.
    public var related: [RelatedPlace] = []

    /// A place a diagnostic refers to besides its own.
    public struct RelatedPlace: Sendable, Hashable {
        /// The file, displayed like the diagnostic's own path.
        public var path: String
        /// Where in it.
        public var location: SourceLocation

        /// A place.
        public init(path: String, location: SourceLocation) {
            self.path = path
            self.location = location
        }
    }

    /// The message with its related places: `id 'X' is defined 2 times; also at b.yaml:1:5`.
    public var text: String {
        guard !related.isEmpty else { return message }
        return message + "; also at " + related.map { "\($0.path):\($0.location.line):\($0.location.column)" }.joined(separator: ", ")
    }

    /// A diagnostic of `severity` at `path`:`location`.
    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, path: String, at location: SourceLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.path = path
        self.location = location
    }

    /// `path:line:col: error: message`.
    public var description: String {
        "\(path):\(location.line):\(location.column): \(severity.rawValue): \(text)"
    }

    /// The same diagnostic with its own and its related places' paths displayed by `display`,
    /// so every path in one line is relative to the same place.
    public func repathed(_ display: (String) -> String) -> Diagnostic {
        var copy = self
        copy.path = display(path)
        for index in copy.related.indices { copy.related[index].path = display(copy.related[index].path) }
        return copy
    }

    /// Diagnostics sort by file, then position, then severity, then message: a stable order.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity < b.severity }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }
}

extension Array where Element == Diagnostic {
    /// How many of these are errors.
    public var errorCount: Int { count(where: { $0.severity == .error }) }
    /// How many of these are warnings.
    public var warningCount: Int { count(where: { $0.severity == .warning }) }
}

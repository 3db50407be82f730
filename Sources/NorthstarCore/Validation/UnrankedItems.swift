/// The items a backlog declares that cannot be ranked as written, and the files that could
/// not be read at all, each with its first error: how the change log tells an item that left
/// the ranking because of an error from one whose entry was deleted, and how `explain` answers
/// for an id that exists but is not ranked.
public struct UnrankedItems: Sendable, Equatable {
    /// The first error of each declared item kept out of the ranking (its own errors, a
    /// duplicate id, a dependency cycle, a config check), by id.
    public var byID: [String: Diagnostic] = [:]
    /// The error of each file that could not be read at all (YAML syntax, size, encoding), by
    /// the file's displayed path: the items it held are unknown.
    public var byFile: [String: Diagnostic] = [:]

    /// Nothing unranked.
    public init() {}

    /// Why an item that was ranked (in `file`, when known) no longer is: its first error, or
    /// nil when nothing says it still exists (its entry or file was deleted).
    public func error(for id: String, file: String?) -> Diagnostic? {
        byID[id] ?? file.flatMap { byFile[$0] }
    }

    /// Records `error` for `id` unless an earlier one is known (the first error is the one shown).
    mutating func reject(_ id: String, _ error: Diagnostic) {
        if let known = byID[id], known <= error { return }
        byID[id] = error
    }
}

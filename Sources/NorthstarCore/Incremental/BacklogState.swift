/// The daemon's in-memory backlog: the latest parse of every file, keyed by its path relative to
/// the backlog folder, plus the last good version of every item, so that a file that stops
/// reading keeps its items in the ranking (marked stale) until it is fixed. Pure value type.
public struct BacklogState: Sendable {
    /// One file's latest parse and the last good version of each of its items.
    public struct Entry: Sendable {
        /// The file as it reads now.
        public let current: ParsedFile
        /// The last version of each item id that passed the per-file checks, in file order.
        public let lastGood: [Item]
        /// The file as the ranking sees it (see `effectiveFiles`), worked out once per update
        /// rather than for every file at every recomputation.
        let effective: ParsedFile
        /// Ids of the items `effective` keeps from an earlier version (stale).
        let staleIDs: [String]

        init(current: ParsedFile, lastGood: [Item]) {
            self.current = current
            self.lastGood = lastGood
            (effective, staleIDs) = Self.effective(current, lastGood: lastGood)
        }

        /// The current items plus the last good version of items that no longer read (with a
        /// warning naming them), and the ids of those.
        static func effective(_ current: ParsedFile, lastGood: [Item]) -> (ParsedFile, [String]) {
            // The last good items include every current one; anything more is kept from before.
            guard lastGood.count > current.items.count else { return (current, []) }
            var file = current
            let freshIDs = Set(file.items.map(\.id))
            let kept = lastGood.filter { !freshIDs.contains($0.id) }
            guard !kept.isEmpty else { return (current, []) }
            file.items += kept
            let declared = Set(file.declaredIDs.map(\.id))
            for item in kept where !declared.contains(item.id) {
                file.declaredIDs.append(DeclaredID(id: item.id, path: file.path, location: item.location))
            }
            let ids = kept.map(\.id).joined(separator: ", ")
            let why = file.isUnreadable ? "this file does not read" : "these items have errors"
            file.diagnostics.append(Diagnostic(.warning, .staleItems, "\(why); the ranking keeps the last good version of \(ids), marked stale", path: file.path, at: .fileStart))
            return (file, kept.map(\.id))
        }
    }

    /// Entries by display path.
    public private(set) var entries: [String: Entry] = [:]
    /// The paths of the entries that keep stale items: what `staleIDs()` reads, so that a pass
    /// that only needs those ids does not visit ten thousand files.
    private var stalePaths: Set<String> = []

    /// Each file changed since `clearChanges()`, as the ranking saw it before the first of those
    /// changes (`nil`: the file was not there): what `EvaluationUpdate` compares.
    private var changesSinceClear: [String: ParsedFile?] = [:]

    /// Starts a new record of changes (after a recomputation has taken the current state in).
    public mutating func clearChanges() { changesSinceClear = [:] }

    /// Notes that the file at `path` is about to change, keeping its version before the first change.
    private mutating func noteChange(_ path: String) {
        if changesSinceClear[path] == nil { changesSinceClear[path] = .some(entries[path]?.effective) }
    }

    /// The changes since `clearChanges()`, each file's version before and now (`nil`: absent).
    public func changes() -> [(before: ParsedFile?, after: ParsedFile?)] {
        changesSinceClear.keys.sorted().map { (changesSinceClear[$0] ?? nil, entries[$0]?.effective) }
    }

    /// An empty backlog.
    public init() {}

    /// Number of files known.
    public var fileCount: Int { entries.count }

    /// Records a new parse of a file, keeping last good items for ids that no longer read.
    public mutating func update(_ parsed: ParsedFile) {
        noteChange(parsed.path)
        var lastGood = entries[parsed.path]?.lastGood ?? []
        if parsed.isUnreadable {
            // Nothing in the file can be trusted: keep every last good item as it was.
        } else {
            let declared = Set(parsed.declaredIDs.map(\.id))
            let fresh = Dictionary(parsed.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            // Items deleted from the file leave; items that read now are refreshed; items that
            // are declared but invalid keep their last good version.
            lastGood = lastGood.filter { declared.contains($0.id) && fresh[$0.id] == nil }
                + parsed.items
        }
        let entry = Entry(current: parsed, lastGood: lastGood)
        if entry.staleIDs.isEmpty { stalePaths.remove(parsed.path) } else { stalePaths.insert(parsed.path) }
        entries[parsed.path] = entry
    }

    /// Forgets a file (deleted or moved out of the tree): its items leave the ranking.
    public mutating func remove(_ path: String) {
        noteChange(path)
        entries[path] = nil
        stalePaths.remove(path)
    }

    /// Forgets every file in a folder (relative path) and below.
    public mutating func removeAll(under folder: String) {
        for path in entries.keys where path.hasPrefix(folder + "/") {
            noteChange(path)
            entries[path] = nil
            stalePaths.remove(path)
        }
    }

    /// Paths of the files known under a folder (relative path), or all with `nil`.
    public func paths(under folder: String? = nil) -> [String] {
        guard let folder else { return Array(entries.keys) }
        return entries.keys.filter { $0.hasPrefix(folder + "/") }
    }

    /// The files as the ranking should see them: each file's current items plus the last good
    /// version of items that no longer read, and the ids of those stale items.
    public func effectiveFiles() -> (files: [ParsedFile], staleIDs: Set<String>) {
        (entries.values.map(\.effective), staleIDs())
    }

    /// The ids of the items kept at their last good version (stale), in every file.
    public func staleIDs() -> Set<String> {
        var stale: Set<String> = []
        for path in stalePaths { stale.formUnion(entries[path]?.staleIDs ?? []) }
        return stale
    }
}

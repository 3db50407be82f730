import NorthstarCore
import NorthstarShell

/// Brings the in-memory backlog in line with the disk. Events are hints: changed files are
/// read again; any change to folders makes the whole tree be walked again (cheap: no file is
/// read unless its fingerprint changed), so that what the daemon sees is exactly what a cold
/// scan would see — symlinked folders, loops and all.
struct BacklogSync {
    let config: Config
    /// What belongs to the backlog (the rule the scanner and the watcher share).
    var paths: BacklogPaths { BacklogPaths(root: config.backlogPath, excluded: [config.outputPath]) }

    /// Walks the whole tree: drops files that are gone, reads files that are new or whose
    /// fingerprint changed (every file with `force`). Returns the walk's own diagnostics
    /// (unreadable folders, symlink loops, symlinks out of the backlog), the files touched, and
    /// the symlinks to folders it met (for `apply`).
    func walk(_ state: inout BacklogState, fingerprints: inout [String: FileFingerprint], force: Bool) throws(ShellError)
        -> (diagnostics: [Diagnostic], touched: [String], symlinkedFolders: Set<String>) {
        let scan = try BacklogScanner.scan(root: config.backlogPath, excluding: [config.outputPath])
        let found = Set(scan.files.map(\.displayPath))
        var touched: [String] = []
        for path in state.paths() where !found.contains(path) {
            state.remove(path)
            fingerprints[path] = nil
            touched.append(path)
        }
        let toRead = scan.files.filter { force || $0.fingerprint == nil || fingerprints[$0.displayPath] != $0.fingerprint }
        for file in toRead { fingerprints[file.displayPath] = file.fingerprint }
        for parsed in BacklogReader.readAll(toRead, maxBytes: config.maxFileBytes) { state.update(parsed) }
        return (scan.diagnostics, touched + toRead.map(\.displayPath), scan.symlinkedFolders)
    }

    /// Re-reads (or drops) the files named by change events, under the scan's rule for symlinks:
    /// nothing is read through a link that leads out of the backlog folder. `symlinkedFolders`
    /// are the last walk's; with `checkAll` (folders changed in the same batch, so that list may
    /// be out of date) every path is resolved. Returns the files it touched.
    func apply(files: Set<String>, to state: inout BacklogState, fingerprints: inout [String: FileFingerprint],
               symlinkedFolders: Set<String> = [], checkAll: Bool = false) -> [String] {
        var toRead: [ScannedFile] = []
        var touched: [String] = []
        var fence: SymlinkFence?
        let paths = self.paths
        for absolute in files.sorted() {
            guard let rel = paths.relative(absolute) else { continue }
            let isBacklogFile = BacklogPaths.isBacklogFile(relative: rel)
            touched.append(rel)
            // One lstat, as the stat it replaces: a regular file reached through real folders
            // costs no realpath; a symlink, or a path under a symlinked folder, is resolved.
            let own = POSIX.status(absolute, follow: false)
            let isLink = own.map(POSIX.isSymlink) ?? false
            let underLink = own != nil && (checkAll || Self.isUnder(rel, anyOf: symlinkedFolders))
            if isLink || underLink {
                let resolved = fence ?? SymlinkFence(root: config.backlogPath)
                fence = resolved
                if underLink && !resolved.allows(Paths.directory(of: absolute)) {
                    // Not part of the backlog (a cold scan does not go there; it warns about the
                    // folder's link): whatever was read from this path leaves.
                    state.remove(rel)
                    fingerprints[rel] = nil
                    continue
                }
                if isLink, POSIX.status(absolute) != nil, !resolved.allows(absolute), isBacklogFile {
                    // Reported as a cold scan reports it, without reading it; its items leave.
                    state.update(ParsedFile(path: rel, items: [], declaredIDs: [], diagnostics: [SymlinkFence.outside(rel)], isUnreadable: false))
                    fingerprints[rel] = nil
                    continue
                }
            }
            if let st = isLink ? POSIX.status(absolute) : own, !POSIX.isDirectory(st), isBacklogFile {
                let fingerprint = FileFingerprint(st)
                fingerprints[rel] = fingerprint
                toRead.append(ScannedFile(absolutePath: absolute, displayPath: rel, fingerprint: fingerprint))
            } else if let broken = BacklogScanner.brokenSymlink(absolute, display: rel) {
                // Reported as a cold scan reports it; its items (if any) leave the ranking.
                state.update(ParsedFile(path: rel, items: [], declaredIDs: [], diagnostics: [broken], isUnreadable: false))
                fingerprints[rel] = nil
            } else {
                state.remove(rel)
                fingerprints[rel] = nil
            }
        }
        for parsed in BacklogReader.readAll(toRead, maxBytes: config.maxFileBytes) { state.update(parsed) }
        return touched
    }

    /// Whether `rel` lies below one of `folders` (relative paths); no work when there are none.
    static func isUnder(_ rel: String, anyOf folders: Set<String>) -> Bool {
        guard !folders.isEmpty else { return false }
        var prefix = Substring(rel)
        while let slash = prefix.lastIndex(of: "/") {
            prefix = prefix[..<slash]
            if folders.contains(String(prefix)) { return true }
        }
        return false
    }
}

import NorthstarCore
import NorthstarShell

/// Brings the in-memory backlog in line with the disk. Events are hints: changed files are
/// read again; any change to folders makes the whole tree be walked again (cheap: no file is
/// read unless its fingerprint changed), so that what the daemon sees is exactly what a cold
/// scan would see — symlinked folders, loops and all.
struct BacklogSync {
    let config: Config

    /// The path of `absolute` relative to the backlog folder, if it lies inside it.
    func relative(_ absolute: String) -> String? {
        guard Paths.isInside(absolute, config.backlogPath), absolute != config.backlogPath else { return nil }
        if Paths.isInside(absolute, config.outputPath) { return nil }
        return Paths.relative(absolute, to: config.backlogPath)
    }

    /// Walks the whole tree: drops files that are gone, reads files that are new or whose
    /// fingerprint changed (every file with `force`). Returns the walk's own diagnostics
    /// (unreadable folders, symlink loops) and the files touched.
    func walk(_ state: inout BacklogState, fingerprints: inout [String: FileFingerprint], force: Bool) throws(ShellError) -> (diagnostics: [Diagnostic], touched: [String]) {
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
        return (scan.diagnostics, touched + toRead.map(\.displayPath))
    }

    /// Re-reads (or drops) the files named by change events. Returns the files it touched.
    func apply(files: Set<String>, to state: inout BacklogState, fingerprints: inout [String: FileFingerprint]) -> [String] {
        var toRead: [ScannedFile] = []
        var touched: [String] = []
        for absolute in files.sorted() {
            guard let rel = relative(absolute) else { continue }
            touched.append(rel)
            if let st = POSIX.status(absolute), !POSIX.isDirectory(st),
               BacklogScanner.isBacklogFileName(Paths.fileName(of: absolute)),
               !hasIgnoredFolder(rel) {
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

    /// Whether a relative path runs through a hidden or ignored folder (never part of the backlog).
    private func hasIgnoredFolder(_ rel: String) -> Bool {
        rel.split(separator: "/").dropLast().contains { BacklogScanner.isIgnoredName(String($0)) }
    }
}

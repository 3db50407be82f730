import NorthstarCore
import NorthstarShell

/// Brings the in-memory backlog in line with the disk, either for a handful of changed paths
/// or for the whole tree. Events are hints: every path is looked at again.
struct BacklogSync {
    let config: Config

    /// The path of `absolute` relative to the backlog folder, if it lies inside it.
    func relative(_ absolute: String) -> String? {
        guard Paths.isInside(absolute, config.backlogPath), absolute != config.backlogPath else { return nil }
        if config.outputPath != config.backlogPath, Paths.isInside(absolute, config.outputPath) { return nil }
        return Paths.relative(absolute, to: config.backlogPath)
    }

    /// Reads the whole tree again. Returns the scan's own diagnostics (unreadable folders...).
    func full(_ state: inout BacklogState) throws(ShellError) -> (diagnostics: [Diagnostic], files: Int) {
        let scan = try BacklogScanner.scan(root: config.backlogPath, excluding: [config.outputPath])
        let found = Set(scan.files.map(\.displayPath))
        for path in state.paths() where !found.contains(path) { state.remove(path) }
        for parsed in BacklogReader.readAll(scan.files, maxBytes: config.maxFileBytes) { state.update(parsed) }
        return (scan.diagnostics, scan.files.count)
    }

    /// Applies a settled batch of hints. Returns how many files were re-read or dropped.
    func apply(files: Set<String>, foldersAppeared: Set<String>, foldersGone: Set<String>, to state: inout BacklogState) -> Int {
        var touched: Set<String> = []
        for folder in foldersGone {
            guard let rel = relative(folder) else { continue }
            let gone = state.paths(under: rel)
            touched.formUnion(gone)
            state.removeAll(under: rel)
        }
        var toRead: [ScannedFile] = []
        for folder in foldersAppeared {
            guard let rel = relative(folder) else { continue }
            // Files may have landed before the folder was watched: scan it.
            guard let scan = try? BacklogScanner.scan(root: folder, excluding: [config.outputPath]) else { continue }
            let found = scan.files.map { ScannedFile(absolutePath: $0.absolutePath, displayPath: rel + "/" + $0.displayPath) }
            let foundPaths = Set(found.map(\.displayPath))
            for path in state.paths(under: rel) where !foundPaths.contains(path) {
                state.remove(path)
                touched.insert(path)
            }
            toRead += found
        }
        for absolute in files {
            guard let rel = relative(absolute) else { continue }
            touched.insert(rel)
            if let st = POSIX.status(absolute), !POSIX.isDirectory(st),
               BacklogScanner.isBacklogFileName(Paths.fileName(of: absolute)),
               !hasIgnoredFolder(rel) {
                toRead.append(ScannedFile(absolutePath: absolute, displayPath: rel))
            } else {
                state.remove(rel)
            }
        }
        var seen: Set<String> = []
        toRead = toRead.filter { seen.insert($0.displayPath).inserted }
        touched.formUnion(seen)
        for parsed in BacklogReader.readAll(toRead, maxBytes: config.maxFileBytes) { state.update(parsed) }
        return touched.count
    }

    /// Whether a relative path runs through a hidden or ignored folder (never part of the backlog).
    private func hasIgnoredFolder(_ rel: String) -> Bool {
        rel.split(separator: "/").dropLast().contains { BacklogScanner.isIgnoredName(String($0)) }
    }
}

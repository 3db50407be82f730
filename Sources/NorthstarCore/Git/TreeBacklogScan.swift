/// Finds a revision's backlog files in its git tree by the rules a scan of the checked-out
/// folder follows (README: "Backlog files"): `*.yaml` and `*.yml`, hidden names and editor
/// temporaries skipped, the output folder left out, symlinks followed to files and folders only
/// while they stay inside the backlog folder, each folder read once. Pure.
public enum TreeBacklogScan {
    /// A backlog file in the tree.
    public struct File: Sendable, Equatable {
        /// Path relative to the backlog folder, as outputs and diagnostics show it.
        public var displayPath: String
        /// The blob holding its text.
        public var object: String
        /// Its size in bytes.
        public var size: Int
    }

    /// What the scan found: the files sorted by display path, and the problems met.
    public struct Result: Sendable {
        /// Backlog files, sorted.
        public var files: [File]
        /// Broken symlinks, links out of the backlog folder, loops.
        public var diagnostics: [Diagnostic]
    }

    /// Scans the backlog folder `paths.root` in `tree`; `repositoryRoot` is where the tree's
    /// paths start on disk (the work tree), so the config's absolute folders apply. Nil when the
    /// backlog folder is not a folder of this tree.
    public static func scan(_ tree: GitTree, repositoryRoot: String, paths: BacklogPaths) -> Result? {
        guard Paths.isInside(paths.root, repositoryRoot) else { return nil }
        let rootPath = paths.root == repositoryRoot ? "" : Paths.relative(paths.root, to: repositoryRoot)
        guard case .found(let root, let rootEntry) = tree.resolve(rootPath), rootEntry.kind == .folder else { return nil }
        var files: [File] = []
        var diagnostics: [Diagnostic] = []
        var pending: [(tree: String, display: String)] = [(root, "")]
        var queued: Set<String> = [root]
        func inside(_ path: String) -> Bool { root.isEmpty || path == root || path.hasPrefix(root + "/") }
        while let (folder, display) = pending.popLast() {
            for name in tree.children[folder] ?? [] where !BacklogPaths.isIgnoredName(name) {
                let childDisplay = display.isEmpty ? name : display + "/" + name
                if paths.isExcluded(paths.root + "/" + childDisplay) { continue }
                let own = folder.isEmpty ? name : folder + "/" + name
                guard var entry = tree.entries[own] else { continue }
                var path = own
                let isLink = entry.kind == .symlink
                if isLink {
                    switch tree.resolve(own) {
                    case .broken(let loop):
                        if BacklogPaths.isBacklogFileName(name) {
                            diagnostics.append(BacklogPaths.brokenLink(childDisplay, loop: loop))
                        }
                        continue
                    case .outside:
                        if BacklogPaths.isBacklogFileName(name) { diagnostics.append(BacklogPaths.linkOutside(childDisplay)) }
                        continue
                    case .found(let resolved, let target):
                        if target.kind == .folder || BacklogPaths.isBacklogFileName(name), !inside(resolved) {
                            diagnostics.append(BacklogPaths.linkOutside(childDisplay))
                            continue
                        }
                        path = resolved
                        entry = target
                    }
                }
                switch entry.kind {
                case .folder:
                    guard queued.insert(path).inserted else {
                        if isLink {
                            diagnostics.append(BacklogPaths.linkLoop(childDisplay))
                        }
                        continue
                    }
                    pending.append((path, childDisplay))
                case .file where BacklogPaths.isBacklogFileName(name):
                    files.append(File(displayPath: childDisplay, object: entry.object, size: entry.size ?? 0))
                default:
                    continue
                }
            }
        }
        files.sort { $0.displayPath.utf8.lexicographicallyPrecedes($1.displayPath.utf8) }
        return Result(files: files, diagnostics: diagnostics.sorted())
    }
}

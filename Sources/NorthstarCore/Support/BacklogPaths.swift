/// What belongs to the backlog, decided from paths alone: the one rule the scanner, the
/// watcher and the daemon's re-reads share. A backlog file is a `*.yaml` or `*.yml` file inside
/// the backlog folder, outside the output folder, with no hidden or editor-temporary name on
/// the way down. Pure: it never looks at the disk (symlinks are the shell's business).
public struct BacklogPaths: Sendable, Equatable {
    /// The backlog folder (absolute, normalised).
    public var root: String
    /// Folders never read as backlog (the output folder), absolute and normalised.
    public var excluded: [String]

    /// The rule for the backlog at `root`, skipping `excluded`.
    public init(root: String, excluded: [String]) {
        self.root = root
        self.excluded = excluded
    }

    /// What a path is to the backlog.
    public enum Verdict: Sendable, Equatable {
        /// A backlog file, by its path relative to the backlog folder.
        case backlogFile(String)
        /// Inside the backlog but never read: a hidden or ignored name on the way, or not YAML.
        case ignored
        /// Outside the backlog folder, the folder itself, or inside an excluded folder.
        case outside
    }

    /// What `absolute` (a normalised absolute path of a file) is to the backlog.
    public func classify(_ absolute: String) -> Verdict {
        guard let relative = relative(absolute) else { return .outside }
        return Self.isBacklogFile(relative: relative) ? .backlogFile(relative) : .ignored
    }

    /// Whether a path already known to be inside the backlog (relative to it) is a backlog
    /// file: a YAML name with no hidden or ignored name on the way down.
    public static func isBacklogFile(relative: String) -> Bool {
        let names = relative.split(separator: "/")
        guard let last = names.last, !names.dropLast().contains(where: { isIgnoredName(String($0)) }) else { return false }
        return isBacklogFileName(String(last))
    }

    /// `absolute` relative to the backlog folder, when it lies inside it (not the folder
    /// itself) and outside every excluded folder.
    public func relative(_ absolute: String) -> String? {
        guard Paths.isInside(absolute, root), absolute != root,
              !excluded.contains(where: { Paths.isInside(absolute, $0) }) else { return nil }
        return Paths.relative(absolute, to: root)
    }

    /// Whether `absolute` is inside an excluded folder.
    public func isExcluded(_ absolute: String) -> Bool {
        excluded.contains { Paths.isInside(absolute, $0) }
    }

    /// Whether a file or folder name is never part of the backlog: hidden (`.x`, including
    /// vim's `.x.swp` and Emacs' `.#x`), backups (`x~`), Emacs autosaves (`#x#`) and vim's
    /// write test `4913`.
    public static func isIgnoredName(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name == "4913"
            || (name.hasPrefix("#") && name.hasSuffix("#"))
    }

    /// Whether a file name is a backlog file's: `*.yaml` or `*.yml`, not ignored.
    public static func isBacklogFileName(_ name: String) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !isIgnoredName(name)
    }

    /// The warning for a symlink at `display` (relative to the backlog folder) that leads out of
    /// it, or out of a revision's tree: it names neither the target nor anything in it, so a CI
    /// run of `check` or `diff` cannot be made to echo a file it was pointed at.
    public static func linkOutside(_ display: String) -> Diagnostic {
        Diagnostic(.warning, .symlinkOutside, "symlink points outside the backlog folder; not read", path: display, at: .fileStart)
    }

    /// The warning for a symlink at `display` that leads back to a folder the scan has already
    /// entered (or queued): its files are read once, by their other path.
    public static func linkLoop(_ display: String) -> Diagnostic {
        Diagnostic(.warning, .symlinkLoop, "symlink leads back to a folder already scanned; not followed", path: display, at: .fileStart)
    }

    /// The error for a backlog file name at `display` that is a symlink leading nowhere: a loop,
    /// or a missing target.
    public static func brokenLink(_ display: String, loop: Bool) -> Diagnostic {
        Diagnostic(.error, .brokenSymlink, "\(loop ? "a symlink loop" : "a symlink to nothing"); skipped", path: display, at: .fileStart)
    }
}

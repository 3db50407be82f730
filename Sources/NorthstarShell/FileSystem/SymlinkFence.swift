import NorthstarCore

/// Where a symlink in the backlog may lead: inside the backlog folder, with every link on the
/// way resolved. A link out of it is never followed, so that a file a contributor points at
/// (`x.yaml -> /etc/…`) cannot be read and echoed in diagnostics by a CI run of `check`.
///
/// Only symlinks are resolved (a `realpath` each): regular files and folders reached without
/// a link are inside by construction, and the daemon's hot path stays free of it.
public struct SymlinkFence: Sendable {
    /// The backlog folder with every link resolved; nil when it cannot be resolved, and then
    /// no symlink is allowed.
    public let resolvedRoot: String?

    /// The fence around the backlog folder `root` (absolute).
    public init(root: String) {
        resolvedRoot = POSIX.realPath(root)
    }

    /// Whether `path` (a symlink, or a path through one) resolves to somewhere inside the backlog
    /// folder. A path-component check: `/srv/backlog2` is not inside `/srv/backlog`.
    public func allows(_ path: String) -> Bool {
        guard let resolvedRoot, let resolved = POSIX.realPath(path) else { return false }
        return Paths.isInside(resolved, resolvedRoot)
    }

    /// The warning for a symlink at `display` (relative to the backlog folder) that leads out of
    /// it. It names neither the target nor anything in it.
    public static func outside(_ display: String) -> Diagnostic {
        BacklogPaths.linkOutside(display)
    }
}

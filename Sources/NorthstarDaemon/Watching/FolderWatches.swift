#if canImport(Glibc)
import Glibc
#endif
import CInotifyTools

/// Adds and removes folder watches through libinotifytools, and finds out which watch
/// descriptor a new watch got, which the library does not return.
///
/// The library keeps each watch under its file name in a search tree and answers
/// `inotifytools_wd_from_filename` from it. Two things in that tree bite a long-running watcher:
/// - A watch the kernel dropped (its folder was deleted) keeps its record, and a later watch on
///   a new folder of the same name is not filed under that name: looking the name up gives
///   the dead descriptor. Removing the dead record fails (the kernel no longer knows it).
/// - Renaming a record (`inotifytools_set_filename_by_wd`) changes its key without moving it in
///   the tree, so later searches go astray: records are not found, a removal frees a record the
///   tree still points to, and the next search crashes in `strcmp`.
///
/// So records are never renamed, and a folder whose name is taken is watched under another
/// spelling of the same path (`a/b/./.`, `a/b/.//.`, ...) that no record holds yet: the record found
/// under a name nobody held is the one just made, with the kernel's descriptor. Dead records
/// stay (about 300 bytes for each folder deleted while watched). Watching a folder whose inode
/// is already watched (it moved) gives that watch's descriptor again. Watcher thread only.
struct FolderWatches {
    /// For each path watched under another spelling, the attempt that last worked: the search
    /// for a free spelling starts there rather than going past every dead record again.
    private var lastAttempt: [String: Int] = [:]

    /// Watches the folder at `path` for `events`. Returns its watch descriptor, or the `errno`
    /// of the failure (`ENOENT`, `EACCES`, `ENOSPC` when the watch budget is spent).
    mutating func add(_ path: String, events: InotifyEvents) -> Result<Int32, WatchFailure> {
        var attempt = lastAttempt[path] ?? 0
        var spelling = attempt == 0 ? path : Self.spelling(of: path, attempt)
        while Self.taken(spelling) {
            attempt += 1
            spelling = Self.spelling(of: path, attempt)
        }
        if attempt > 0 { lastAttempt[path] = attempt }
        guard inotifytools_watch_file(spelling, events.watchMask) != 0 else { return .failure(WatchFailure(errno: inotifytools_error())) }
        // The library files a folder under its name with a slash added; a name without one
        // means the folder was gone by the time it looked (its departure event follows).
        for name in [Self.key(spelling), spelling] {
            let wd = inotifytools_wd_from_filename(name)
            if wd > 0 { return .success(wd) }
        }
        return .failure(WatchFailure(errno: ENOENT))
    }

    /// Stops the watch `wd` (a folder moved out of the tree, or a new target).
    func remove(_ wd: Int32) {
        inotifytools_remove_watch_by_wd(wd)
    }

    /// Whether a record (live or dead) already holds `spelling`'s name.
    private static func taken(_ spelling: String) -> Bool {
        inotifytools_wd_from_filename(key(spelling)) > 0 || inotifytools_wd_from_filename(spelling) > 0
    }

    /// The name the library files a folder under: its path with a slash at the end.
    private static func key(_ spelling: String) -> String {
        spelling.hasSuffix("/") ? spelling : spelling + "/"
    }

    /// The `attempt`th other spelling of `path` (from 1): `/.`, then the bits of `attempt`
    /// below its top one, each written `/.` (1) or `/` (0), then `/.`. Distinct attempts give
    /// distinct names (never ending in a slash, so adding one keeps them distinct), a few
    /// characters longer per doubling of the attempts, all naming the same folder.
    static func spelling(of path: String, _ attempt: Int) -> String {
        var text = path.hasSuffix("/") ? String(path.dropLast()) : path
        text += "/."
        let bits = Int.bitWidth - attempt.leadingZeroBitCount
        for bit in stride(from: bits - 2, through: 0, by: -1) {
            text += attempt & (1 << bit) != 0 ? "/." : "/"
        }
        return text + "/."
    }
}

/// Why a folder could not be watched: the C library's error number.
struct WatchFailure: Error, Equatable {
    /// `ENOENT`, `EACCES`, `ENOSPC` (the watch budget is spent), ...
    let errno: Int32
}

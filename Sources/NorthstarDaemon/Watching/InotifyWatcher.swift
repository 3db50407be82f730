#if canImport(Glibc)
import Glibc
#endif
import CInotifyTools
import Foundation
import Synchronization
import NorthstarCore
import NorthstarShell

/// Watches the backlog tree and the config file through libinotifytools, on one dedicated
/// thread (the library's state is process-global, its event buffer is reused, and its wait is
/// blocking with whole-second timeouts). Events are copied out at once and posted to the
/// daemon's inbox as `DaemonInput` hints; settling happens on the daemon's side.
///
/// The tree is walked by this file, not by `inotifytools_watch_recursively`, so that hidden
/// folders (`.git`), the output folder, symlink loops and symlinks out of the backlog folder
/// are never watched. New folders are
/// watched as soon as they appear, before the daemon scans them, so files written into them
/// in between are not missed.
public final class InotifyWatcher: @unchecked Sendable {
    /// What to watch.
    public struct Target: Sendable, Equatable {
        /// The backlog folder (absolute).
        public var root: String
        /// Folders never to watch or report (the output folder).
        public var excluded: [String]
        /// The config file (absolute).
        public var configPath: String

        /// A watch target.
        public init(root: String, excluded: [String], configPath: String) {
            self.root = root
            self.excluded = excluded
            self.configPath = configPath
        }
    }

    /// Requests from other threads, read by the watcher thread between events.
    private struct Requests {
        var target: Target?
        var stop = false
        var rewatchDone: [Semaphore] = []
        var watchedCount = 0
        var lastLoop: UInt64 = 0
    }

    private let inbox: DaemonInbox
    private let requests = Mutex(Requests())

    // Owned by the watcher thread only.
    private var target: Target
    private var watched: [Int32: (path: String, device: UInt64, inode: UInt64)] = [:]
    private var configFolderWatch: Int32?
    private var folderWatches = FolderWatches()
    private var degraded = false
    /// With `NORTHSTAR_TRACE_EVENTS=1`, every raw event and every watch added or removed goes
    /// to stderr: for hunting an event that never became an input (the soak's daemon runs so).
    private let tracing = ProcessInfo.processInfo.environment["NORTHSTAR_TRACE_EVENTS"] == "1"

    /// A watcher that will post to `inbox`.
    public init(target: Target, inbox: DaemonInbox) {
        self.target = target
        self.inbox = inbox
    }

    /// Starts the watcher thread. Returns after the initial watches are in place, with the
    /// number of folders watched, or an error if inotify cannot be used at all.
    public func start() throws(ShellError) -> Int {
        let ready = Semaphore()
        let outcome = HandOff<Result<Int, ShellError>>(.success(0))
        let thread = Thread { [self] in
            let result = self.setUp()
            outcome.value = result
            ready.signal()
            if case .success = result { self.loop() }
        }
        thread.name = "northstar-inotify"
        thread.start()
        ready.wait()
        return try outcome.value.get()
    }

    /// Asks the watcher to watch another target (after a config reload changed the folders).
    public func retarget(_ newTarget: Target) {
        requests.withLock { $0.target = newTarget }
    }

    /// Watches the backlog folder again after it was gone or replaced: drops the watches of
    /// folders that are no longer where they were watched, adds watches for whatever is not
    /// watched, and returns once they are in place (at most a second or two: the watcher thread
    /// acts between its one-second waits), so that a scan made afterwards misses nothing.
    public func rewatch() {
        let done = Semaphore()
        requests.withLock { $0.rewatchDone.append(done) }
        done.wait()
    }

    /// Asks the watcher thread to end (within a second).
    public func stop() {
        requests.withLock { $0.stop = true }
    }

    /// Folders currently watched.
    public var watchedFolderCount: Int { requests.withLock { $0.watchedCount } }

    /// Whether the watcher thread went round its loop within `nanoseconds` (it does at least
    /// once a second while healthy): the systemd watchdog is fed only while this holds.
    public func isAlive(within nanoseconds: UInt64) -> Bool {
        let last = requests.withLock { $0.lastLoop }
        return MonotonicClock.now() &- last < nanoseconds
    }

    // MARK: - Watcher thread

    private func setUp() -> Result<Int, ShellError> {
        guard inotifytools_initialize() != 0 else {
            let code = inotifytools_error()
            return .failure(ShellError(.watcher, path: target.root, "cannot start inotify: \(POSIX.errorText(code)) (fs.inotify.max_user_instances may be exhausted)", errno: code))
        }
        watchEverything()
        return .success(watched.count)
    }

    private func loop() {
        while true {
            let now = MonotonicClock.now()
            let (stop, newTarget, rewatch) = requests.withLock { r -> (Bool, Target?, [Semaphore]) in
                defer { r.target = nil; r.rewatchDone = [] }
                r.lastLoop = now
                return (r.stop, r.target, r.rewatchDone)
            }
            if !rewatch.isEmpty {
                unwatchDeparted()
                watchEverything(relist: true)
                for done in rewatch { done.signal() }
            }
            if stop { break }
            if let newTarget, newTarget != target {
                for (wd, entry) in watched { unwatch(wd, entry.path, why: "the config changed what is watched") }
                if let c = configFolderWatch { unwatch(c, Paths.directory(of: target.configPath), why: "the config changed what is watched") }
                target = newTarget
                watchEverything()
            }
            guard let event = inotifytools_next_event(1) else { continue }
            // Copy everything out now: the library reuses the buffer on the next call.
            let wd = event.pointee.wd
            let mask = event.pointee.mask
            let name = Self.name(of: event)
            if tracing {
                let at = watched[wd]?.path ?? (wd == configFolderWatch ? "(config folder)" : "(no folder)")
                trace("event wd \(wd) mask 0x\(String(mask, radix: 16)) name \(name.isEmpty ? "-" : name) in \(at)")
            }
            handle(wd: wd, events: InotifyEvents(rawValue: mask), name: name)
        }
        inotifytools_cleanup()
    }

    /// The file name carried just past the event struct (Swift does not import the flexible
    /// array member).
    static func name(of event: UnsafeMutablePointer<inotify_event>) -> String {
        let length = Int(event.pointee.len)
        guard length > 0 else { return "" }
        let raw = UnsafeRawPointer(event).advanced(by: MemoryLayout<inotify_event>.size)
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        let count = (0..<length).first(where: { bytes[$0] == 0 }) ?? length
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func handle(wd: Int32, events: InotifyEvents, name: String) {
        if events.contains(.queueOverflow) {
            unwatchDeparted()
            watchEverything(relist: true)
            inbox.post(.rescan(reason: .queueOverflow))
            return
        }
        if events.contains(.watchDropped) {
            // The kernel dropped the watch (its folder is gone, or it was removed here). The
            // library's record stays; `FolderWatches` watches a new folder of the same name around it.
            watched[wd] = nil
            if wd == configFolderWatch { configFolderWatch = nil }
            return
        }
        let folder: String
        if let entry = watched[wd] {
            folder = entry.path
        } else if wd == configFolderWatch {
            folder = Paths.directory(of: target.configPath)
        } else {
            return  // a watch already removed; its late events mean nothing
        }
        if !events.isDisjoint(with: .folderGone) {
            if folder == target.root {
                inbox.post(.rescan(reason: .backlogFolderReplaced))
            }
            return
        }
        guard !name.isEmpty else { return }
        let path = folder == "/" ? "/" + name : folder + "/" + name
        if path == target.configPath {
            inbox.post(.configChanged)
        }
        guard watched[wd] != nil, !isExcluded(path), !BacklogPaths.isIgnoredName(name) else { return }
        let isFolder = events.contains(.isFolder)
        let arrived = !events.isDisjoint(with: .arrival)
        let left = !events.isDisjoint(with: .departure)
        if isFolder || (arrived && !BacklogPaths.isBacklogFileName(name) && isDirectory(path)) {
            if arrived {
                watchTree(path)
                inbox.post(.folderAppeared(path))
            } else if left {
                unwatchTree(path)
                inbox.post(.folderGone(path))
            }
            return
        }
        if BacklogPaths.isBacklogFileName(name) {
            inbox.post(.fileChanged(path))
        }
    }

    /// One trace line on stderr, whole (a single write).
    private func trace(_ text: String) {
        let line = Array(("northstar-trace " + text + "\n").utf8)
        line.withUnsafeBufferPointer { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    private func isExcluded(_ path: String) -> Bool {
        BacklogPaths(root: target.root, excluded: target.excluded).isExcluded(path)
    }

    private func isDirectory(_ path: String) -> Bool {
        POSIX.status(path).map(POSIX.isDirectory) ?? false
    }

    /// Watches the whole tree and the config's folder, adding only what is not yet watched
    /// (`relist`: see `watchTree`).
    private func watchEverything(relist: Bool = false) {
        watchTree(target.root, relist: relist)
        watchConfigFolder()
        publishCount()
    }

    /// Watches the config file's folder, unless its watch is in place or a backlog folder's
    /// watch covers it.
    private func watchConfigFolder() {
        let configFolder = Paths.directory(of: target.configPath)
        if configFolderWatch == nil, !watched.values.contains(where: { $0.path == configFolder }) {
            configFolderWatch = try? folderWatches.add(configFolder, events: .configFolder).get()
        }
    }

    private func publishCount() {
        let count = watched.count
        requests.withLock { $0.watchedCount = count }
    }

    /// Watches `top` and every folder below it that the scanner would read (the same walk).
    /// A folder already watched where it is now keeps its watch; what is below it is left as it
    /// is, unless `relist` (after a queue overflow, or the backlog folder replaced, folders made
    /// inside it may have lost their arrival events).
    private func watchTree(_ top: String, relist: Bool = false) {
        let watchedAt = Dictionary(watched.values.map { ([$0.device, $0.inode], $0.path) }, uniquingKeysWith: { first, _ in first })
        var walk = BacklogTreeWalk(BacklogPaths(root: target.root, excluded: target.excluded))
        guard let status = walk.enterable(top) else { return publishCount() }
        let start = BacklogTreeWalk.Folder(absolute: top, display: BacklogPaths(root: target.root, excluded: []).relative(top) ?? "")
        // Each folder is watched before it is listed, so a file created meanwhile is not missed.
        walk.walk(from: start, status: status, enter: { folder, st in
            let key = BacklogTreeWalk.key(st)
            if let at = watchedAt[key] {
                if at == folder.absolute { return relist ? .list : .skip }
                // Reached a second way (a symlink) while still where it was watched: one watch is
                // enough, and this may be the only way the walk lists it.
                if let there = POSIX.status(at), BacklogTreeWalk.key(there) == key { return relist ? .list : .skip }
            }
            // A folder watched under another path moved here, its departure not yet read (a
            // new folder made, then an old one moved into it): the kernel keeps its watch and
            // gives its descriptor again, and only the path changes, so that the departure,
            // when it is read, finds nothing left to unwatch there.
            switch folderWatches.add(folder.absolute, events: .backlogFolder) {
            case .success(let wd):
                if tracing { trace("watch wd \(wd) \(folder.absolute)\(watched[wd].map { " (was \($0.path))" } ?? "")") }
                watched[wd] = (folder.absolute, key[0], key[1])
                return .list
            case .failure(let failure) where failure.errno == ENOSPC:
                if !degraded {
                    degraded = true
                    inbox.post(.watchDegraded(reason: "the inotify watch limit (fs.inotify.max_user_watches = \(inotifytools_get_max_user_watches())) is reached; \(watched.count) folders are watched"))
                }
                return .stop
            case .failure:
                return .skip  // vanished or unreadable: the scanner reports it
            }
        }, found: { _ in })
        publishCount()
    }

    /// Stops watching every folder that is no longer where it was watched (gone, or another
    /// folder in its place): after a queue overflow its departure may be among the lost events,
    /// and a replaced backlog folder takes its old self's watches away with it. A folder moved
    /// elsewhere keeps its watch in the kernel, and its events would otherwise name its old
    /// path; one moved within the backlog is watched again at its new path by `watchTree`. A
    /// folder that cannot be looked at for now (a permission taken away) stays watched.
    private func unwatchDeparted() {
        let departed = watched.filter { _, entry in
            // errno is still the failed stat's: nothing runs in between.
            guard let st = POSIX.status(entry.path) else { return errno == ENOENT || errno == ENOTDIR }
            return BacklogTreeWalk.key(st) != [entry.device, entry.inode]
        }
        for (wd, entry) in departed { unwatch(wd, entry.path, why: "not there any more") }
    }

    /// Ends the watch `wd` on the folder at `path` (and the config folder's, when it is the same
    /// descriptor: `watchConfigFolder` then watches that folder again).
    private func unwatch(_ wd: Int32, _ path: String, why: String? = nil) {
        if tracing { trace("unwatch wd \(wd) \(path)\(why.map { " (\($0))" } ?? "")") }
        folderWatches.remove(wd)
        watched[wd] = nil
        if wd == configFolderWatch { configFolderWatch = nil }
    }

    /// Stops watching `top` and everything below it (a folder moved out keeps its watches in
    /// the kernel, with paths that would now be wrong).
    private func unwatchTree(_ top: String) {
        for (wd, entry) in watched where Paths.isInside(entry.path, top) { unwatch(wd, entry.path) }
        watchConfigFolder()  // in case its watch was one of those
        publishCount()
    }
}

/// A counting semaphore, to wait for the watcher thread's set-up.
final class Semaphore: @unchecked Sendable {
    private var semaphore = sem_t()
    init() { sem_init(&semaphore, 0, 0) }
    deinit { sem_destroy(&semaphore) }
    func signal() { sem_post(&semaphore) }
    func wait() { while sem_wait(&semaphore) != 0 && errno == EINTR {} }
}

/// The set-up result handed from the watcher thread to `start()` (written before the
/// semaphore is signalled, read after it is waited on).
final class HandOff<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

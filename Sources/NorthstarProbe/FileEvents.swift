import Foundation

/// Waits for files to change by listening to inotify itself (raw system calls: no global
/// state, safe beside other users in the same process), so tests and benchmarks block on real
/// events with a deadline instead of sleeping and polling.
public final class FileEvents {
    private let fd: Int32
    private var names: [Int32: String] = [:]
    /// How many times each file (by folder-relative name) was moved into place or closed after writing.
    public private(set) var landed: [String: Int] = [:]

    /// Listens to the given folders (which must exist).
    public init(folders: [String]) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        for folder in folders {
            let wd = inotify_add_watch(fd, folder, UInt32(IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE | IN_MODIFY | IN_DELETE))
            names[wd] = folder
        }
    }

    deinit { close(fd) }

    /// Waits until `condition` holds, re-checking after each batch of events; false at the deadline.
    @discardableResult
    public func wait(seconds: Double = 10, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            drain()
            if condition() { return true }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&pfd, 1, Int32(min(remaining, 1) * 1000))
        }
    }

    /// Reads every pending event, counting files that landed.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            var offset = 0
            while offset < n {
                let (mask, len, name) = buffer.withUnsafeBytes { raw -> (UInt32, Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let start = offset + MemoryLayout<inotify_event>.size
                    let bytes = raw[start..<(start + Int(event.len))].prefix { $0 != 0 }
                    return (event.mask, Int(event.len), String(decoding: bytes, as: UTF8.self))
                }
                if mask & UInt32(IN_MOVED_TO | IN_CLOSE_WRITE) != 0 { landed[name, default: 0] += 1 }
                offset += MemoryLayout<inotify_event>.size + len
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import NorthstarShell

/// The sd_notify protocol, spoken directly (no libsystemd): datagrams of `KEY=value` lines to
/// the Unix socket named by `NOTIFY_SOCKET` (a path, or an abstract name starting with `@`).
/// Without `NOTIFY_SOCKET` every call does nothing, so the daemon runs the same outside systemd.
public final class SystemdNotifier: @unchecked Sendable {
    private let fd: Int32
    private var address = sockaddr_un()
    private var addressLength: socklen_t = 0
    /// How often systemd expects a watchdog ping (from `WATCHDOG_USEC`), in nanoseconds.
    public let watchdogInterval: UInt64?

    /// A notifier for the environment this process was started in.
    public init(environment: [String: String] = SystemdNotifier.environment()) {
        if let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0,
           environment["WATCHDOG_PID"].flatMap(Int32.init).map({ $0 == getpid() }) ?? true {
            watchdogInterval = usec * 1000
        } else {
            watchdogInterval = nil
        }
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty, path.utf8.count < 108 else {
            fd = -1
            return
        }
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }  // abstract namespace
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        addressLength = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Whether systemd is listening.
    public var isActive: Bool { fd >= 0 }

    /// Sends one notification (several `KEY=value` lines). Never blocks: a datagram socket
    /// whose reader has fallen behind would otherwise freeze the daemon in `sendto` (seen in
    /// the benchmarks), so a full queue drops the message. Failures are ignored: systemd going
    /// away must never take the daemon down.
    public func send(_ lines: String...) {
        guard fd >= 0 else { return }
        let message = Array(lines.joined(separator: "\n").utf8)
        _ = message.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                    sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), sa, addressLength)
                }
            }
        }
    }

    /// `READY=1`.
    public func ready(status: String) { send("READY=1", "STATUS=\(status)") }
    /// `STATUS=...`.
    public func status(_ text: String) { send("STATUS=\(text)") }
    /// `RELOADING=1` with the `MONOTONIC_USEC` newer systemd requires.
    public func reloading() {
        send("RELOADING=1", "MONOTONIC_USEC=\(MonotonicClock.microseconds())", "STATUS=reloading the config")
    }
    /// `WATCHDOG=1`.
    public func watchdog() { send("WATCHDOG=1") }
    /// `STOPPING=1`.
    public func stopping() { send("STOPPING=1", "STATUS=stopping") }

    /// The process environment.
    public static func environment() -> [String: String] {
        var out: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(decoding: UnsafeRawBufferPointer(start: entry, count: strlen(entry)), as: UTF8.self)
            if let eq = text.firstIndex(of: "=") { out[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
            pointer += 1
        }
        return out
    }
}

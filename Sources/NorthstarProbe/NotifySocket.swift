import Foundation

/// A datagram socket standing in for systemd's notification socket.
public final class NotifySocket {
    let fd: Int32
    /// The value for `NOTIFY_SOCKET`.
    public let name: String
    /// Every notification received so far.
    public private(set) var messages: [String] = []

    /// Binds a socket at a file path, or in the abstract namespace (`@name`).
    public init(abstract: Bool, folder: String) {
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        name = abstract ? "@northstar-test-\(UUID().uuidString.prefix(12))" : folder + "/notify.sock"
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(name.utf8)
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
        let rc = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        precondition(rc == 0, "bind failed")
    }

    deinit { close(fd) }

    /// Receives until `condition` holds on everything received so far, or the deadline passes.
    @discardableResult
    public func receive(seconds: Double = 10, until condition: ([String]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !condition(messages) {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(min(remaining, 1) * 1000)) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { messages.append(String(decoding: buffer[0..<n], as: UTF8.self)) }
        }
        return true
    }
}


#if canImport(Glibc)
import Glibc
#endif
import NorthstarShell
import Logging

/// One line per event on stderr. Under journald (`JOURNAL_STREAM` set) each line starts with
/// its syslog priority (`<3>` error, `<4>` warning, `<6>` info, `<7>` debug) so the journal keeps
/// the levels; otherwise lines are plain, with the local time, for a person at a terminal.
public struct StderrLogHandler: LogHandler {
    /// Whether to write journald priority prefixes.
    public let journald: Bool
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    /// A handler; `journald` defaults to whether `JOURNAL_STREAM` is set.
    public init(label: String, journald: Bool = getenv("JOURNAL_STREAM") != nil) {
        self.journald = journald
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The syslog priority of a level.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    public func log(event: LogEvent) {
        var text = "\(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if !merged.isEmpty {
            text += " " + merged.keys.sorted().map { "\($0)=\(merged[$0].map { "\($0)" } ?? "")" }.joined(separator: " ")
        }
        // One event, one line: a newline inside a message must not forge a second entry.
        text = String(text.map { $0.isNewline ? " " : $0 })
        let line: String
        if journald {
            line = "<\(Self.priority(event.level))>\(text)\n"
        } else {
            let level: String
            switch event.level {
            case .warning: level = "warning: "
            case .error, .critical: level = "error: "
            default: level = ""
            }
            line = "\(Self.clock()) \(level)\(text)\n"
        }
        // A log line that cannot be written has nowhere else to go: it is dropped.
        FileDescriptorIO.writeAll(2, Array(line.utf8))
    }

    /// The local time as HH:MM:SS.
    static func clock() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}

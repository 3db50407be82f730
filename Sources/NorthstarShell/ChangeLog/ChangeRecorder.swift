#if canImport(Glibc)
import Glibc
#endif
import NorthstarCore

/// Decides and writes the change-log entry for a new ranking: diff against the previous one,
/// name the trigger and the git commit, append when anything moved.
public enum ChangeRecorder {
    /// The ranking last written to the output folder, as the baseline after a restart; `nil`
    /// when there is none or it cannot be read (then the next entry is a "first ranking").
    public static func baseline(_ config: Config) -> RankingSnapshot? {
        let path = config.outputPath + "/" + OutputFiles.fileName(for: .json)
        guard case .success(let bytes) = FileReader.read(path, limit: 512 << 20) else { return nil }
        return RankingSnapshot.read(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether the change log can be kept: it needs `ranking.json` as its memory across restarts.
    public static func isEnabled(_ config: Config) -> Bool { config.formats.contains(.json) }

    /// Appends the entry from `previous` to `current` when the ranking changed. Returns it.
    @discardableResult
    public static func record(from previous: RankingSnapshot?, to current: RankingSnapshot, kind: ChangeTrigger.Kind, files: [String], config: Config) throws(ShellError) -> ChangeSet? {
        guard isEnabled(config) else { return nil }
        var change = RankingDiff.diff(from: previous ?? .empty, to: current, trigger: ChangeTrigger(kind: kind, files: files), time: utcNow())
        guard !change.isEmpty else { return nil }
        change.trigger.commit = GitWorkTree.containing(config.backlogPath)?.headCommit()
        try ChangeLogWriter.append(change, config: config)
        return change
    }

    /// The current UTC time as ISO 8601 (`2026-11-24T06:10:00Z`).
    public static func utcNow() -> String {
        var now = time(nil)
        var t = tm()
        gmtime_r(&now, &t)
        func pad(_ v: Int32, _ width: Int = 2) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1))-\(pad(t.tm_mday))T\(pad(t.tm_hour)):\(pad(t.tm_min)):\(pad(t.tm_sec))Z"
    }
}

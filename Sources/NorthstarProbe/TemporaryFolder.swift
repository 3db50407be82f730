import Foundation

/// A scratch folder for a test or a benchmark run, removed with everything in it when the
/// last reference goes.
public final class TemporaryFolder {
    /// The folder's absolute path.
    public let path: String

    /// A new empty folder under `base` (the system temporary folder by default).
    public init(under base: String = NSTemporaryDirectory()) throws {
        path = base + (base.hasSuffix("/") ? "" : "/") + "northstar-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` at `relative`, creating folders.
    public func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    /// Reads the file at `relative`.
    public func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    /// The modification time of `relative`, in nanoseconds.
    public func modificationTime(_ relative: String) -> Int64? {
        var st = stat()
        guard stat(path + "/" + relative, &st) == 0 else { return nil }
        return Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }

}

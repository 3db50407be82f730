import NorthstarCore

/// Reads and parses backlog files, in parallel across cores. The parsing itself is the pure
/// `BacklogFileLoader`; this adds the disk.
public enum BacklogReader {
    /// Parses one file from disk.
    public static func read(_ file: ScannedFile, loader: BacklogFileLoader, maxBytes: Int) -> ParsedFile {
        parse(FileReader.read(file.absolutePath, limit: maxBytes), path: file.displayPath, loader: loader)
    }

    /// The file displayed as `path` whose read gave `read`: parsed, or the located error that
    /// says why it could not be read (too large, not a regular file, a system error).
    public static func parse(_ read: Result<[UInt8], FileReader.Failure>, path: String, loader: BacklogFileLoader) -> ParsedFile {
        switch read {
        case .success(let bytes):
            return loader.load(bytes, path: path)
        case .failure(let failure):
            let code: DiagnosticCode
            switch failure {
            case .tooLarge: code = .fileTooLarge
            case .notRegular: code = .notRegularFile
            case .system: code = .unreadableFile
            }
            return .unreadable(path: path, code: code, message: failure.message)
        }
    }

    /// Parses every file in `files`, keeping their order.
    public static func readAll(_ files: [ScannedFile], maxBytes: Int) -> [ParsedFile] {
        let loader = BacklogFileLoader()
        return Parallel.map(files.count, minimumChunk: 16) { read(files[$0], loader: loader, maxBytes: maxBytes) }
    }
}

import NorthstarCore

/// Reads and parses backlog files, in parallel across cores. The parsing itself is the pure
/// `BacklogFileLoader`; this adds the disk.
public enum BacklogReader {
    /// Parses one file from disk.
    public static func read(_ file: ScannedFile, loader: BacklogFileLoader, maxBytes: Int) -> ParsedFile {
        switch FileReader.read(file.absolutePath, limit: maxBytes) {
        case .success(let bytes):
            return loader.load(bytes, path: file.displayPath)
        case .failure(let failure):
            let code: DiagnosticCode
            switch failure {
            case .tooLarge: code = .fileTooLarge
            case .notRegular: code = .notRegularFile
            case .system: code = .unreadableFile
            }
            return .unreadable(path: file.displayPath, code: code, message: failure.message)
        }
    }

    /// Parses every file in `files`, keeping their order.
    public static func readAll(_ files: [ScannedFile], maxBytes: Int) -> [ParsedFile] {
        let loader = BacklogFileLoader()
        return Parallel.map(files.count, minimumChunk: 16) { read(files[$0], loader: loader, maxBytes: maxBytes) }
    }
}

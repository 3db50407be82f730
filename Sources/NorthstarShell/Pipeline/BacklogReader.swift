import Dispatch
import Synchronization
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
            let code: String
            switch failure {
            case .tooLarge: code = "file-too-large"
            case .notRegular: code = "not-regular-file"
            case .system: code = "unreadable-file"
            }
            return .unreadable(path: file.displayPath, code: code, message: failure.message)
        }
    }

    /// Parses every file in `files`, keeping their order.
    public static func readAll(_ files: [ScannedFile], maxBytes: Int) -> [ParsedFile] {
        let loader = BacklogFileLoader()
        let slots = Slots<ParsedFile>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            slots.set(index, read(files[index], loader: loader, maxBytes: maxBytes))
        }
        return slots.values()
    }
}

/// Fixed slots written once each from concurrent workers, then read when all are done.
final class Slots<Value: Sendable>: Sendable {
    private let storage: Mutex<[Value?]>

    init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Value) {
        storage.withLock { $0[index] = value }
    }

    func values() -> [Value] { storage.withLock { $0.compactMap { $0 } } }
}

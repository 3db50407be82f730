import Dispatch
import NorthstarCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Data-parallel helpers over the machine's cores, for pure per-item work (parsing files,
/// rendering item lines). Results keep their input order, so output stays deterministic.
public enum Parallel {
    /// `transform` applied to `0..<count`, in order, spread over the cores in contiguous chunks.
    public static func map<T: Sendable>(_ count: Int, minimumChunk: Int = 256, _ transform: @Sendable (Int) -> T) -> [T] {
        let chunks = min(max(1, count / minimumChunk), 4 * System.coreCount)
        guard chunks > 1 else { return (0..<count).map(transform) }
        let slots = WorkerResults<[T]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks, end = count * (chunk + 1) / chunks
            slots.set(chunk, (start..<end).map(transform))
        }
        return slots.values().flatMap { $0 }
    }

    /// Independent pieces of the core's work spread over the cores.
    public static let split = WorkSplit { count, body in
        guard System.coreCount > 1, count > 1 else { for i in 0..<count { body(i) }; return }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// Two independent pieces of the core's work side by side, on two cores when there are.
    public static let pair = WorkPair { first, second in
        guard System.coreCount > 1 else { first(); second(); return }
        DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? first() : second() }
    }
}

/// Facts about the machine.
enum System {
    /// Online processors (at least 1).
    static let coreCount: Int = {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }()
}

/// Fixed slots written once each from concurrent workers, then read when all are done.
final class WorkerResults<Value: Sendable>: Sendable {
    private let storage: Mutex<[Value?]>

    init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Value) {
        storage.withLock { $0[index] = value }
    }

    func values() -> [Value] { storage.withLock { $0.compactMap { $0 } } }
}

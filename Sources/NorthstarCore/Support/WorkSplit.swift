import Synchronization

/// Runs independent pieces of pure work `0..<count` and hands back their results in order:
/// one after the other, or across the cores when the shell provides them. The results are the
/// same either way; the core never starts a thread itself.
public struct WorkSplit: Sendable {
    private let run: @Sendable (_ count: Int, _ body: @Sendable (Int) -> Void) -> Void

    /// Work run by `run`, which must call `body` once for each index below `count` and return
    /// when all have returned.
    public init(_ run: @escaping @Sendable (_ count: Int, _ body: @Sendable (Int) -> Void) -> Void) {
        self.run = run
    }

    /// One after the other, on the calling thread.
    public static let serial = WorkSplit { count, body in for i in 0..<count { body(i) } }

    /// `body(i)` for each `i` below `count`, in order of `i`.
    func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Mutex<[T?]>(Array(repeating: nil, count: count))
        run(count) { i in
            let value = body(i)
            slots.withLock { $0[i] = value }
        }
        let values = slots.withLock { $0.compactMap { $0 } }
        guard values.count == count else { preconditionFailure("a WorkSplit skipped some of its pieces") }
        return values
    }
}

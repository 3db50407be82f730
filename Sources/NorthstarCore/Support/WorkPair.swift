import Synchronization

/// Runs two independent pieces of pure work and hands back both results: one after the other,
/// or on two cores when the shell provides them. The results are the same either way; the
/// core never starts a thread itself.
public struct WorkPair: Sendable {
    private let run: @Sendable (_ first: @Sendable () -> Void, _ second: @Sendable () -> Void) -> Void

    /// Work run by `run`, which must call both closures and return when both have returned.
    public init(_ run: @escaping @Sendable (_ first: @Sendable () -> Void, _ second: @Sendable () -> Void) -> Void) {
        self.run = run
    }

    /// One after the other, on the calling thread.
    public static let serial = WorkPair { first, second in first(); second() }

    /// `first()` and `second()`.
    func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let a = Mutex<A?>(nil), b = Mutex<B?>(nil)
        run({ let x = first(); a.withLock { $0 = x } }, { let y = second(); b.withLock { $0 = y } })
        // `run` returns only after both have run.
        guard let x = a.withLock({ $0 }), let y = b.withLock({ $0 }) else { preconditionFailure("a WorkPair ran only one of its pieces") }
        return (x, y)
    }
}

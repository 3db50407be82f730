/// When a burst of file changes is over: after `settle` of quiet, but never later than
/// `maxDelay` after the burst's first change (README: "The daemon"). Times are in nanoseconds on any
/// monotonic clock. Pure.
public struct SettlePolicy: Sendable, Hashable {
    /// Quiet time that ends a burst, in nanoseconds.
    public var settle: UInt64
    /// Longest a burst may hold back a recomputation, in nanoseconds.
    public var maxDelay: UInt64

    /// A policy from the config's watch settings.
    public init(_ settings: WatchSettings) {
        settle = UInt64(max(0, settings.settleMs)) * 1_000_000
        maxDelay = UInt64(max(0, settings.maxDelayMs)) * 1_000_000
    }

    /// A policy in nanoseconds.
    public init(settle: UInt64, maxDelay: UInt64) {
        self.settle = settle
        self.maxDelay = maxDelay
    }

    /// The moment a burst that began at `first` and last changed at `last` should be processed.
    public func deadline(first: UInt64, last: UInt64) -> UInt64 {
        min(last &+ settle, first &+ max(maxDelay, 0))
    }
}

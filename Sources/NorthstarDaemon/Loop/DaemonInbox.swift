#if canImport(Glibc)
import Glibc
#endif
import NorthstarShell
import NorthstarCore

/// Where the watcher thread and the signal handlers leave inputs for the daemon loop, and
/// where bursts are settled: `nextBatch` returns once `settle` has passed without a new input,
/// or `maxDelay` after the burst's first input, whichever is sooner (a stop returns at once).
public final class DaemonInbox: @unchecked Sendable {
    private var pending: [DaemonInput] = []
    private var firstAt: UInt64 = 0
    private var lastAt: UInt64 = 0
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    /// An empty inbox.
    public init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Leaves an input for the daemon (from any thread).
    public func post(_ input: DaemonInput) {
        pthread_mutex_lock(mutex)
        let now = MonotonicClock.now()
        if pending.isEmpty { firstAt = now }
        lastAt = now
        pending.append(input)
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Whether an input is waiting (a newer change, a reload, a stop): long work checks it to
    /// give way.
    public var hasPending: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return !pending.isEmpty
    }

    /// A task run every `interval` nanoseconds while the daemon loop waits (the systemd
    /// watchdog ping: it is sent only from the live loop, so a wedged loop stops it).
    public struct Heartbeat {
        /// Nanoseconds between beats.
        public var interval: UInt64
        /// What to do on each beat.
        public var beat: () -> Void

        /// A heartbeat.
        public init(interval: UInt64, beat: @escaping () -> Void) {
            self.interval = interval
            self.beat = beat
        }
    }

    private var nextBeat: UInt64 = 0

    /// Waits for the next settled batch. With `poll`, returns a `.rescan` when nothing has
    /// arrived for that long (the fallback when not everything can be watched). `hold` is asked
    /// at the deadline whether to keep waiting (a git operation in progress), up to `maxDelay`.
    public func nextBatch(policy: SettlePolicy, poll: UInt64? = nil, heartbeat: Heartbeat? = nil, hold: () -> Bool = { false }) -> [DaemonInput] {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        let waitStart = MonotonicClock.now()
        func wait(until deadline: UInt64) {
            guard let heartbeat else { return self.wait(until: deadline) }
            let now = MonotonicClock.now()
            if now >= nextBeat {
                heartbeat.beat()
                nextBeat = now &+ heartbeat.interval
            }
            self.wait(until: min(deadline, nextBeat))
        }
        while pending.isEmpty {
            if let poll {
                let deadline = waitStart &+ poll
                if MonotonicClock.now() >= deadline { return [.rescan(reason: .periodic)] }
                wait(until: deadline)
            } else if heartbeat != nil {
                wait(until: UInt64.max / 2)
            } else {
                pthread_cond_wait(condition, mutex)
            }
        }
        while true {
            if pending.contains(where: \.isUrgent) { break }
            let deadline = policy.deadline(first: firstAt, last: lastAt)
            let now = MonotonicClock.now()
            if now >= deadline {
                let hardLimit = firstAt &+ policy.maxDelay
                if now < hardLimit, hold() {
                    wait(until: min(now &+ max(policy.settle, 10_000_000), hardLimit))
                    continue
                }
                break
            }
            wait(until: deadline)
        }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        return batch
    }

    /// Waits on the condition until `deadline` (monotonic nanoseconds) or a signal.
    private func wait(until deadline: UInt64) {
        var ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        pthread_cond_timedwait(condition, mutex, &ts)
    }
}

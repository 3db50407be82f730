#if canImport(Glibc)
import Glibc
#endif

/// Time on CLOCK_MONOTONIC, which wall-clock changes never move: the one clock for settling
/// bursts, timing phases and systemd's `MONOTONIC_USEC`.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary start.
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Microseconds since the same start (what systemd's `MONOTONIC_USEC=` wants).
    public static func microseconds() -> UInt64 { now() / 1000 }
}

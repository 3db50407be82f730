import CMalloc

/// Memory the process has freed but the allocator still holds.
public enum FreedMemory {
    /// Hands the freed pages back to the system. The how-sure analysis allocates its draws' rank
    /// tables and scratch on every core's own heap; once they are freed, glibc keeps those pages
    /// (a daemon would sit on them until the next analysis, a `rank` would render its outputs on
    /// top of them), so the peak and the resting size stay that much higher.
    public static func returnToSystem() {
        _ = malloc_trim(0)
    }
}

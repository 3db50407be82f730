/// Values a one-off command deliberately never frees. `rank`, `check` and `explain` hold a
/// whole organisation's evaluation (100,000 items, each with its strings, factors and
/// locations) until the process exits; freeing it object by object took ~270 ms of a 2 s
/// `rank` on the org benchmark, while the kernel reclaims the same memory at exit in one go.
/// (Compilers do the same with their syntax trees.) Only for values the command uses until
/// its very end — never in the daemon, which lives on.
enum KeptUntilExit {
    private final class Holder<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Keeps `value` alive, unreleased, until the process exits.
    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Holder(value))
    }
}

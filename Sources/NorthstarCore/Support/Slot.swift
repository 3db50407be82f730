import Synchronization

/// One value handed from work run on another core back to the code that started it: put once
/// there, taken once here, after that work has returned.
final class Slot<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    /// An empty slot.
    init() {}

    /// Puts `v` in the slot (replacing anything put before).
    func put(_ v: sending Value) { value.withLock { $0 = v } }

    /// What was put, leaving the slot empty; nil if nothing was.
    func take() -> Value? { value.withLock { $0.take() } }
}

/// Bytes written through a pointer into memory this value owns, growing as needed: what the
/// JSON writer fills for every item of a ranking. An array checks that its storage is not
/// shared on every append; this cannot be shared (it cannot be copied), so an append is a
/// capacity check and a store.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// How many bytes have been written.
    private var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Appends two bytes (a separator and its space) with one check for room.
    @inline(__always)
    mutating func append(_ first: UInt8, _ second: UInt8) {
        if count + 2 > capacity { grow(toHold: count + 2) }
        base[count] = first
        base[count + 1] = second
        count += 2
    }

    /// Appends `bytes` as they are.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Lets `body` write at most `maximum` bytes in place; it returns how many it wrote (a
    /// number formatted straight into the buffer).
    @inline(__always)
    mutating func write(atMost maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maximum > capacity { grow(toHold: count + maximum) }
        let written = body(base + count)
        // Detects, after the fact, a writer that went past its room: a bug worth stopping on.
        precondition(written >= 0 && written <= maximum, "wrote past the room it was given")
        count += written
    }

    /// The bytes written, as an array.
    var array: [UInt8] { [UInt8](UnsafeBufferPointer(start: base, count: count)) }

    /// Appends the bytes written to `bytes` (one copy).
    func append(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    /// Moves the bytes to a larger allocation, at least doubling it so appends stay amortised.
    @inline(never)
    private mutating func grow(toHold needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.initialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = newCapacity
    }
}

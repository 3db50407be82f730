/// Text assembled as UTF-8 bytes. An explanation prints tens of figures per item and the report
/// prints hundreds of explanations; building each piece as its own `String` cost more than the
/// figures themselves.
struct TextBuffer {
    /// The text so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// The text as a `String`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `s` as it is.
    mutating func add(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Appends a figure for people (`NumberFormat.human`).
    mutating func add(_ x: Double, digits: Int) { NumberFormat.appendHuman(x, digits: digits, to: &bytes) }

    /// Appends `s` padded with spaces to `width` characters (ids and names line up in columns).
    mutating func add(_ s: String, paddedTo width: Int) {
        bytes.append(contentsOf: s.utf8)
        let count = s.utf8.allSatisfy { $0 < 0x80 } ? s.utf8.count : s.count
        if count < width { bytes.append(contentsOf: repeatElement(0x20, count: width - count)) }
    }
}

/// Where each ranked item's line comes from when a ranking file is assembled.
public enum ItemLineSource: Sendable {
    /// Lines rendered earlier, aligned with the ranked items (the daemon's memory of them), and
    /// the closed items' part of `ranking.json` (`RankingJSON.closedPart`) when remembered too.
    case remembered([ItemLines], closed: [UInt8]? = nil)
    /// Each line rendered as the file is assembled, and forgotten once written: a one-off
    /// `rank` keeps no 100 MB of lines it would never reuse.
    case rendered

    /// The remembered lines, if any.
    public var rows: [ItemLines]? {
        if case .remembered(let rows, _) = self { return rows }
        return nil
    }

    /// The closed items' part of `ranking.json`, if remembered.
    public var closedJSON: [UInt8]? {
        if case .remembered(_, let closed) = self { return closed }
        return nil
    }
}

/// One output file as pieces — the part before the ranked items, one line per ranked item, the
/// part after — so that a 73 MB `ranking.json` can be written through a small buffer instead of
/// being built whole in memory. Pure: the shell decides where the bytes go.
public struct OutputAssembly {
    /// Everything before the first item line.
    public let head: [UInt8]
    /// Number of item lines.
    public let count: Int
    /// Everything after the last item line.
    public let tail: [UInt8]
    private let line: (Int, inout [UInt8]) -> Void

    /// An assembly of `count` lines, the line at an index appended by `line`.
    public init(head: [UInt8], count: Int, tail: [UInt8], line: @escaping (Int, inout [UInt8]) -> Void) {
        self.head = head
        self.count = count
        self.tail = tail
        self.line = line
    }

    /// A file with no item lines (diagnostics).
    public init(whole: [UInt8]) {
        self.init(head: whole, count: 0, tail: []) { _, _ in }
    }

    /// Produces the file in pieces of about `chunkSize` bytes (at least one piece, possibly
    /// empty), in order. `emit` receives a buffer it may read but must not keep.
    public func write(chunkSize: Int, _ emit: ([UInt8]) -> Void) {
        var buffer = head
        buffer.reserveCapacity(min(chunkSize, 1 << 22) + 4096)
        for index in 0..<count {
            line(index, &buffer)
            if buffer.count >= chunkSize {
                emit(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer.append(contentsOf: tail)
        emit(buffer)
    }

    /// The whole file in memory (small outputs and tests).
    public var bytes: [UInt8] {
        var all = head
        for index in 0..<count { line(index, &all) }
        all.append(contentsOf: tail)
        return all
    }
}

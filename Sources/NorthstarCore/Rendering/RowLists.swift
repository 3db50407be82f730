/// A list of item ids for each row of a ranking (what blocks the item, what it unblocks), all
/// in one array: every output reads them row after row, so they are walked in order instead of
/// each row's list being a separate object to reach and count references on.
struct RowLists: Sendable {
    /// Where each row's list starts in `ids`; the last entry is `ids.count`.
    private var start: [Int]
    /// The lists, row after row.
    private var ids: [String]

    /// `count` rows, each empty.
    init(count: Int) {
        start = Array(repeating: 0, count: count + 1)
        ids = []
    }

    /// `count` rows: the rows named in `lists` hold their list (a row named twice, the last),
    /// the others are empty.
    init(count: Int, lists: [(row: Int, list: [String])]) {
        var length = [Int](repeating: 0, count: count)
        for (row, list) in lists { length[row] = list.count }
        var start = [Int](repeating: 0, count: count + 1)
        for row in 0..<count { start[row + 1] = start[row] + length[row] }
        var ids = [String](repeating: "", count: start[count])
        for (row, list) in lists where list.count == length[row] {
            for (k, id) in list.enumerated() { ids[start[row] + k] = id }
        }
        self.start = start
        self.ids = ids
    }

    /// Number of rows.
    var count: Int { start.count - 1 }

    /// `body` given the list of `row`, borrowed for the call.
    func withList<R>(_ row: Int, _ body: (UnsafeBufferPointer<String>) -> R) -> R {
        let range = start[row]..<start[row + 1]
        return ids.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The list of `row`, as an array.
    subscript(row: Int) -> [String] { Array(ids[start[row]..<start[row + 1]]) }

    /// Takes `row` out; the rows after it move up one.
    mutating func remove(at row: Int) {
        let range = start[row]..<start[row + 1]
        ids.removeSubrange(range)
        start.remove(at: row + 1)
        for k in (row + 1)..<start.count { start[k] -= range.count }
    }

    /// Puts a row holding `list` in at `row`; that row and the ones after it move down one.
    mutating func insert(_ list: [String], at row: Int) {
        let at = start[row]
        ids.insert(contentsOf: list, at: at)
        start.insert(at, at: row)
        for k in (row + 1)..<start.count { start[k] += list.count }
    }

    /// Makes `list` the list of `row`.
    mutating func replace(_ row: Int, with list: [String]) {
        let range = start[row]..<start[row + 1]
        ids.replaceSubrange(range, with: list)
        let delta = list.count - range.count
        guard delta != 0 else { return }
        for k in (row + 1)..<start.count { start[k] += delta }
    }
}

/// A few values by name: an item's contribution to each objective, its reach in each group.
///
/// Held as one small array sorted by name rather than as a hash table. An item names two or
/// three objectives and groups, a large backlog holds a hundred thousand items, and a
/// dictionary's table took twice the memory and a hash of every name on every look-up. The
/// order is the names' sorted order, so iterating needs no sorting and is the same on every run.
public struct NamedValues<Value: Sendable & Hashable>: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One name and its value, as a dictionary's element reads.
    public typealias Element = (key: String, value: Value)

    /// One stored name and value (what `keys` and `values` read through).
    public struct Entry: Sendable, Hashable {
        /// The name.
        public fileprivate(set) var key: String
        /// Its value.
        public fileprivate(set) var value: Value
    }

    private var entries: [Entry] = []

    /// No values.
    public init() {}

    /// No values, with room for `minimumCapacity` of them.
    public init(minimumCapacity: Int) {
        entries.reserveCapacity(minimumCapacity)
    }

    /// The values of a literal; a name written twice keeps its last value.
    public init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements { self[key] = value }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    /// The `position`th name and value, in the names' order.
    public subscript(position: Int) -> Element {
        let e = entries[position]
        return (e.key, e.value)
    }

    /// The value named `key`, or nil; setting nil removes it.
    public subscript(key: String) -> Value? {
        get {
            let (place, found) = search(key)
            return found ? entries[place].value : nil
        }
        set {
            let (place, found) = search(key)
            switch (found, newValue) {
            case (true, let value?): entries[place].value = value
            case (true, nil): entries.remove(at: place)
            case (false, let value?): entries.insert(Entry(key: key, value: value), at: place)
            case (false, nil): break
            }
        }
    }

    /// The names, sorted.
    public var keys: LazyMapSequence<[Entry], String> { entries.lazy.map(\.key) }

    /// The values, in their names' order.
    public var values: LazyMapSequence<[Entry], Value> { entries.lazy.map(\.value) }

    /// Makes room for `minimumCapacity` values.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        entries.reserveCapacity(minimumCapacity)
    }

    /// Where `key` is or would go, and whether it is there.
    private func search(_ key: String) -> (place: Int, found: Bool) {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let name = entries[middle].key
            if name == key { return (middle, true) }
            if name < key { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }
}

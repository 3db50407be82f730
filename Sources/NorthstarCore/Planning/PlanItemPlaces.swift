extension PlanItems {
    /// Each ranked item's place by id, through a slot that stays with the item while it is
    /// ranked: when rows move, only the places of the slots between are written again (integers
    /// in a list), and the id table changes only for the items that came or went.
    struct Places: Sendable {
        /// Each id's slot.
        private var slotOf: [String: Int] = [:]
        /// Each place's slot, in rank order, and each slot's place.
        private var slotAt: [Int] = [], placeOf: [Int] = []
        /// Slots given up by items that left, to be used again.
        private var free: [Int] = []

        init() {}

        /// Places for `ids` in their order.
        init(_ ids: [String]) {
            slotOf.reserveCapacity(ids.count)
            for (i, id) in ids.enumerated() { slotOf[id] = i }
            slotAt = Array(ids.indices)
            placeOf = slotAt
        }

        var count: Int { slotOf.count }

        func place(of id: String) -> Int? { slotOf[id].map { placeOf[$0] } }

        /// The slot of the ranked item `id`, and the place of `slot` (current after `renumber`).
        func slot(of id: String) -> Int? { slotOf[id] }
        func place(ofSlot slot: Int) -> Int { placeOf[slot] }

        /// The row of `id` at `at` taken out; the places after it are stale until `renumber`.
        mutating func remove(_ id: String, at position: Int) {
            let slot = slotAt.remove(at: position)
            slotOf[id] = nil
            left[id] = slot
            free.append(slot)
        }

        /// The slots of the ids taken out, for as long as they are free.
        private var left: [String: Int] = [:]

        /// A row for `id` put in at `at`; its place and those after it are stale until `renumber`.
        /// With `keepingSlot`, an id taken out since `forgetLeft` gets its slot back if it is
        /// still free. Returns whether it did (always true without `keepingSlot`).
        @discardableResult
        mutating func insert(_ id: String, at position: Int, keepingSlot: Bool = false) -> Bool {
            var reused: Int?
            if keepingSlot, let slot = left[id], let k = free.lastIndex(of: slot) {
                free.remove(at: k)
                reused = slot
            }
            left[id] = nil
            let slot = reused ?? free.popLast() ?? placeOf.count
            if slot == placeOf.count { placeOf.append(position) }
            slotAt.insert(slot, at: position)
            slotOf[id] = slot
            return reused != nil || !keepingSlot
        }

        /// Forgets which slots the ids taken out had (the end of one move).
        mutating func forgetLeft() { left = [:] }

        /// Writes the places of the rows in `range` again.
        mutating func renumber(_ range: Range<Int>) {
            for k in range { placeOf[slotAt[k]] = k }
        }
    }
}

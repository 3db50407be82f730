/// Each candidate's dependencies (or dependants) in one flat array: a plan walks them millions
/// of times, and one array is read without a reference count or a cache miss per candidate.
struct PlanEdges {
    /// Where each candidate's run starts in `list`; the last entry is `list.count`.
    private let start: [Int]
    /// The runs, candidate after candidate.
    let list: [Int]

    /// Each candidate's dependencies, as written (a candidate depending on itself is dropped).
    init(dependenciesOf candidates: [PlanProblem.Candidate]) {
        var start = [0], list: [Int] = []
        start.reserveCapacity(candidates.count + 1)
        for i in candidates.indices {
            for d in candidates[i].dependsOn where d != i { list.append(d) }
            start.append(list.count)
        }
        self.start = start
        self.list = list
    }

    /// Each candidate's dependants, in candidate order, from their dependencies.
    init(dependantsFrom forward: PlanEdges) {
        let count = forward.start.count - 1
        var start = [Int](repeating: 0, count: count + 1)
        for d in forward.list { start[d + 1] += 1 }
        for i in 0..<count { start[i + 1] += start[i] }
        var fill = start, list = [Int](repeating: 0, count: forward.list.count)
        for i in 0..<count {
            for k in forward.range(i) {
                let d = forward.list[k]
                list[fill[d]] = i
                fill[d] += 1
            }
        }
        self.start = start
        self.list = list
    }

    /// Where candidate `i`'s run is in `list`.
    func range(_ i: Int) -> Range<Int> { start[i]..<start[i + 1] }

    /// Whether candidate `i` has none.
    func isEmpty(_ i: Int) -> Bool { start[i] == start[i + 1] }
}

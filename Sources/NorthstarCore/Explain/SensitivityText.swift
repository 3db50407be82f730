/// How sure an item's rank is, in the sentences `explain` and the report use: its interval,
/// its chance, and the weight that would move it soonest.
enum SensitivityText {
    /// "How sure (1,000 draws of the estimates' ranges): median rank 3, between 2nd and 6th in
    /// the middle 80% of draws; funded in 87% of draws." and the most sensitive weight's
    /// sentence; "" before the analysis is done or without it.
    static func lines(_ index: Int, in e: Evaluation) -> String {
        guard let u = e.uncertainty, index < u.items.count else { return "" }
        let x = u.items[index]
        var out = "How sure (\(NumberFormat.count(u.draws, "draw")) of the estimates' ranges): "
        out += x.rankP10 == x.rankP90 ? "rank \(x.medianRank) in the middle 80% of draws"
            : "median rank \(x.medianRank), between \(ChangeLogMarkdown.ordinal(x.rankP10)) and \(ChangeLogMarkdown.ordinal(x.rankP90)) in the middle 80% of draws"
        out += u.chanceIsFunded ? "; funded in \(UncertaintyText.percent(x.chance)) of draws.\n" : "; in the top \(u.top) in \(UncertaintyText.percent(x.chance)) of draws.\n"
        if index < u.sensitivity.count, let sentence = mostSensitive(index, u.sensitivity[index], in: e) { out += sentence + "\n" }
        return out
    }

    /// "FA-12 stays 1st until the weight of food-security falls below 1.8 (from 3), when FA-14
    /// overtakes it." for the crossing nearest the weight's value (relative to it).
    static func mostSensitive(_ index: Int, _ weights: [WeightSensitivity], in e: Evaluation) -> String? {
        let r = e.ranked[index]
        var best: (distance: Double, weight: WeightSensitivity, crossing: WeightSensitivity.Crossing, rises: Bool)?
        for w in weights {
            for (crossing, rises) in [(w.down, false), (w.up, true)] {
                guard let crossing else { continue }
                let distance = abs(crossing.at - w.value) / max(w.value, 1e-12)
                if distance < (best?.distance ?? .infinity) { best = (distance, w, crossing, rises) }
            }
        }
        guard let best else { return "No single weight, moved on its own, changes \(r.item.id)'s rank." }
        let key = best.weight.weight
        let name = key.split(separator: ".", maxSplits: 1).last.map(String.init) ?? key
        let weight = key == "equity.default" ? "the default equity weight"
            : key.hasPrefix("objectives.") ? "the weight of objective \(name)" : "the equity weight of \(name)"
        let other = best.crossing.swapsWith
        let otherIsBelow = (e.ranked(other)?.rank ?? 0) > r.rank
        let move = best.rises ? "rises above" : "falls below"
        // As many decimals as it takes to tell the crossing from the value (a near tie moves
        // at the fifth decimal).
        var digits = 3
        while digits < 9, NumberFormat.human(best.crossing.at, digits: digits) == NumberFormat.human(best.weight.value, digits: digits) { digits += 1 }
        if best.crossing.at == best.weight.value {
            let change = best.rises ? "rise" : "fall"
            return "\(r.item.id) is level with \(other) on score (the smaller id ranks first): any \(change) in \(weight) \(otherIsBelow ? "puts \(other) ahead" : "puts it ahead of \(other)")."
        }
        return "\(r.item.id) stays \(ChangeLogMarkdown.ordinal(r.rank)) until \(weight) \(move) \(NumberFormat.human(best.crossing.at, digits: digits)) (from \(NumberFormat.human(best.weight.value, digits: 3))), when \(otherIsBelow ? "\(other) overtakes it" : "it overtakes \(other)")."
    }
}

/// Need against equity-weighted reach as an inline SVG: one bubble per item (area = cost,
/// shade = score, funded items outlined), the ten best labelled with their ids, the four
/// quadrants named. Past `drawn` items the rest are summed into a density layer, so the chart
/// stays readable and small at 100,000 items.
enum NeedReachChart {
    static let width = 860.0, height = 440.0
    /// The legend sits in the right margin, clear of the bubbles.
    static let left = 70.0, right = 170.0, top = 20.0, bottom = 50.0
    /// The most items drawn as bubbles; the rest go into the density layer.
    static let drawn = 1_500
    /// Score shades, palest first (light to dark blue). The pale ones are below 3:1 against
    /// white, so every bubble has a dark outline, and the legend names each shade's scores.
    static let shades = ["#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c"]

    /// An item's place on the chart: need (1-5), equity-weighted reach, cost, score, and whether
    /// the plan funds it (read for the drawn bubbles only: false in the density layer).
    struct Point { var id: String; var need: Double; var reach: Double; var cost: Double; var score: Double; var funded: Bool }

    /// What the chart reads of one scored item, its score aside: its need figure (nil: no need
    /// given, so not on the chart), its equity-weighted reach per point of need, and its cost.
    /// Remembered with the item's lines (`ItemLines`), so that a long-running process draws the
    /// chart from one flat list instead of reading every item again.
    struct Figures: Sendable, Equatable {
        var need: Double?
        var reach: Double
        var cost: Double
    }

    /// The chart's figures of `s`.
    static func figures(_ s: ScoredItem) -> Figures {
        guard let need = ItemSummary.needFigure(s.item) else { return Figures(need: nil, reach: 0, cost: s.cost) }
        let reach: Double
        if case .impact(let f) = s.factors, need > 0 {
            reach = f.weightedNeedReach / need
        } else {
            reach = s.item.totalReach
        }
        return Figures(need: need, reach: max(reach, 0), cost: s.cost)
    }

    /// The points of `e`'s ranked items that have a need figure, in rank order. `rows` are the
    /// ranked items' remembered lines, in the same order as `e.ranked` (as the daemon's memo
    /// gives them, and as every ranking file already trusts them to be); they supply the figures
    /// they remember. Rows of another count are ignored.
    static func points(_ e: Evaluation, rows: [ItemLines]? = nil) -> [Point] {
        let rows = rows.flatMap { $0.count == e.ranked.count ? $0 : nil }
        var out: [Point] = []
        out.reserveCapacity(e.ranked.count)
        for i in e.ranked.indices {
            let f = rows?[i].chart ?? figures(e.ranked[i].scored)
            guard let need = f.need else { continue }
            let id = rows?[i].id ?? e.ranked[i].item.id
            // Only the bubbles show funding; the density layer behind them does not.
            let funded = out.count < drawn && e.contextColumns.funded(i, id: id, e) == true
            out.append(Point(id: id, need: need, reach: f.reach, cost: f.cost, score: e.ranked[i].scored.score, funded: funded))
        }
        return out
    }

    /// A fixed offset in -0.3...0.3 from the id, so that equal needs do not overlap and the
    /// chart is the same on every run.
    static func jitter(_ id: String) -> Double {
        var h: UInt64 = 0xcbf29ce484222325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return (Double(h % 1000) / 999 - 0.5) * 0.6
    }

    /// The chart of `e` (`rows` as for `points`).
    static func svg(_ e: Evaluation, rows: [ItemLines]? = nil) -> String {
        let all = points(e, rows: rows)
        guard !all.isEmpty else { return "" }
        let shown = all.prefix(drawn), rest = all.dropFirst(drawn)
        let maxReach = max(all.map(\.reach).max() ?? 1, 10)
        // From the power of ten below the smallest reach, so the bubbles fill the height.
        let minReach = pow10(Int(Math.log10(max(all.map(\.reach).filter { $0 > 0 }.min() ?? 1, 1)).rounded(.down)))
        let logMin = Math.log10(minReach), logMax = Math.log10(maxReach) + 0.05
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ need: Double) -> Double { left + (need - 0.5) / 5 * plotW }
        func y(_ reach: Double) -> Double {
            let l = (Math.log10(max(reach, minReach)) - logMin) / (logMax - logMin)
            return top + plotH - min(max(l, 0), 1) * plotH
        }
        let maxCost = max(all.map(\.cost).max() ?? 1, 1e-9)
        // Shades by quintile of score, so a few outstanding items do not leave the rest pale.
        let sorted = RadixSort.ascending(all.map(\.score))
        let cuts = (1..<shades.count).map { sorted[min(sorted.count - 1, sorted.count * $0 / shades.count)] }
        func shade(_ s: Double) -> Int { cuts.count(where: { s >= $0 }) }
        let medianReach = RadixSort.ascending(all.map(\.reach))[all.count / 2]

        var out = """
        <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="needreach-title needreach-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="needreach-title">Need against reach</title>
        <desc id="needreach-desc">\(all.count) items by need (1 to 5) and equity-weighted reach (log scale); bubble area is cost, darker is a higher score, outlined bubbles are funded. \(min(10, all.count)) best-ranked items are labelled\(rest.isEmpty ? "" : "; \(rest.count) lower-ranked items are shown as shaded cells by how many fall there").</desc>

        """
        // Quadrants: need above 3 and reach above the median.
        let midX = x(3.5), midY = y(medianReach)
        out += "<g class=\"quadrant\">\n<line x1=\"\(HTMLText.coord(midX))\" y1=\"\(top)\" x2=\"\(HTMLText.coord(midX))\" y2=\"\(top + plotH)\"/>\n<line x1=\"\(left)\" y1=\"\(HTMLText.coord(midY))\" x2=\"\(width - right)\" y2=\"\(HTMLText.coord(midY))\"/>\n"
        out += "<text x=\"\(width - right - 6)\" y=\"\(top + 14)\" text-anchor=\"end\">high need, wide reach: do first</text>\n"
        out += "<text x=\"\(left + 6)\" y=\"\(top + 14)\">lower need, wide reach: broad</text>\n"
        out += "<text x=\"\(width - right - 6)\" y=\"\(top + plotH - 6)\" text-anchor=\"end\">high need, narrow reach: targeted</text>\n"
        out += "<text x=\"\(left + 6)\" y=\"\(top + plotH - 6)\">lower need, narrow reach: later</text>\n</g>\n"
        out += axes(x: x, y: y, logMin: logMin, logMax: logMax)
        if !rest.isEmpty { out += density(rest, x: x, y: y) }
        // Bubbles, lowest-ranked first so the best are drawn on top; smaller the more there are.
        let largest = max(3, 14 * min(1, (100 / Double(shown.count)).squareRoot()))
        // Up to `drawn` bubbles: written as bytes, like the table's rows.
        var bubbles = Array("<g class=\"bubbles\">\n".utf8)
        bubbles.reserveCapacity(shown.count * 90)
        for p in shown.reversed() {
            let r = 1.5 + largest * (p.cost / maxCost).squareRoot()
            bubbles.append(contentsOf: "<circle class=\"s".utf8)
            NumberFormat.appendInteger(shade(p.score), to: &bubbles)
            if p.funded { bubbles.append(contentsOf: " funded".utf8) }
            bubbles.append(contentsOf: "\" cx=\"".utf8)
            HTMLText.appendCoord(x(p.need + jitter(p.id)), to: &bubbles)
            bubbles.append(contentsOf: "\" cy=\"".utf8)
            HTMLText.appendCoord(y(p.reach), to: &bubbles)
            bubbles.append(contentsOf: "\" r=\"".utf8)
            HTMLText.appendCoord(r, to: &bubbles)
            bubbles.append(contentsOf: "\"><title>".utf8)
            HTMLText.append(p.id, to: &bubbles)
            bubbles.append(contentsOf: "</title></circle>\n".utf8)
        }
        out += String(decoding: bubbles, as: UTF8.self)
        out += "</g>\n<g class=\"labels\">\n"
        out += labels(all.prefix(10).map { (id: $0.id, x: x($0.need + jitter($0.id)), y: y($0.reach)) })
        out += "</g>\n" + legend(from: [sorted.first ?? 0] + cuts)
        return out + "</svg>\n"
    }

    /// Each id beside its bubble, at the first of four corners where it overlaps no label
    /// placed before it (the best-ranked first), else at the first corner.
    static func labels(_ points: [(id: String, x: Double, y: Double)]) -> String {
        var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        var out = ""
        for p in points {
            // A bold 11px character is about 7 units wide; 2 more keep the halos apart.
            let w = 7.5 * Double(p.id.count) + 2, h = 12.0
            let corners = [(p.x + 6, p.y - 6), (p.x + 6, p.y + 14), (p.x - 6 - w, p.y - 6), (p.x - 6 - w, p.y + 14)]
            let free = corners.first { cx, cy in
                !placed.contains { $0.x0 < cx + w && cx < $0.x1 && $0.y0 < cy && cy - h < $0.y1 }
            } ?? corners[0]
            placed.append((free.0, free.1 - h, free.0 + w, free.1))
            out += "<text x=\"\(HTMLText.coord(free.0))\" y=\"\(HTMLText.coord(free.1))\">\(HTMLText.escape(p.id))</text>\n"
        }
        return out
    }

    static func axes(x: (Double) -> Double, y: (Double) -> Double, logMin: Double, logMax: Double) -> String {
        let plotH = height - top - bottom
        var out = "<g class=\"axis\">\n<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(width - right)\" y2=\"\(top + plotH)\"/>\n<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotH)\"/>\n"
        for need in 1...5 {
            out += "<text x=\"\(HTMLText.coord(x(Double(need))))\" y=\"\(top + plotH + 16)\" text-anchor=\"middle\">\(need)</text>\n"
        }
        // A tick at each power of ten, and at 2 and 5 times it when the axis spans few decades.
        let steps: [Double] = logMax - logMin <= 3 ? [1, 2, 5] : [1]
        var power = Int(logMin.rounded(.down))
        while Double(power) <= logMax {
            for step in steps {
                let v = step * pow10(power)
                guard Math.log10(v) >= logMin - 1e-9, Math.log10(v) <= logMax else { continue }
                out += "<text x=\"\(left - 6)\" y=\"\(HTMLText.coord(y(v) + 4))\" text-anchor=\"end\">\(HTMLText.escape(NumberFormat.human(v, digits: 0)))</text>\n"
            }
            power += 1
        }
        out += "<text x=\"\(left + (width - left - right) / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\">need (1-5)</text>\n"
        out += "<text x=\"16\" y=\"\(top + plotH / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(top + plotH / 2))\">equity-weighted reach (log)</text>\n"
        return out + "</g>\n"
    }

    static func pow10(_ k: Int) -> Double {
        var v = 1.0
        for _ in 0..<abs(k) { v *= 10 }
        return k < 0 ? 1 / v : v
    }


    /// The items past the drawn ones, counted in cells of the plot, each cell shaded by count.
    static func density(_ points: ArraySlice<Point>, x: (Double) -> Double, y: (Double) -> Double) -> String {
        let columns = 25, rows = 20
        let plotW = width - left - right, plotH = height - top - bottom
        var counts = [Int](repeating: 0, count: columns * rows)
        for p in points {
            let cx = min(columns - 1, max(0, Int((x(p.need + jitter(p.id)) - left) / plotW * Double(columns))))
            let cy = min(rows - 1, max(0, Int((y(p.reach) - top) / plotH * Double(rows))))
            counts[cy * columns + cx] += 1
        }
        let most = max(counts.max() ?? 1, 1)
        var out = "<g class=\"density\">\n"
        for (k, n) in counts.enumerated() where n > 0 {
            let opacity = 0.08 + 0.5 * Double(n) / Double(most)
            out += "<rect x=\"\(HTMLText.coord(left + Double(k % columns) * plotW / Double(columns)))\" y=\"\(HTMLText.coord(top + Double(k / columns) * plotH / Double(rows)))\" width=\"\(HTMLText.coord(plotW / Double(columns)))\" height=\"\(HTMLText.coord(plotH / Double(rows)))\" fill-opacity=\"\(NumberFormat.json((opacity * 100).rounded() / 100))\"><title>\(n) items</title></rect>\n"
        }
        return out + "</g>\n"
    }

    /// Score shades with the lowest score of each, and what the outline and the size mean.
    static func legend(from lows: [Double]) -> String {
        var out = "<g class=\"legend\">\n"
        let x0 = width - right + 16
        for (k, low) in lows.enumerated() {
            out += "<rect class=\"s\(k)\" x=\"\(x0)\" y=\"\(top + 30 + Double(k) * 16)\" width=\"12\" height=\"12\"/><text x=\"\(x0 + 18)\" y=\"\(top + 40 + Double(k) * 16)\">score from \(HTMLText.escape(NumberFormat.score(low)))</text>\n"
        }
        let y0 = top + 30 + Double(shades.count) * 16 + 6
        out += "<circle class=\"s2 funded\" cx=\"\(x0 + 6)\" cy=\"\(y0 + 6)\" r=\"6\"/><text x=\"\(x0 + 18)\" y=\"\(y0 + 10)\">funded (outlined)</text>\n"
        out += "<text x=\"\(x0)\" y=\"\(y0 + 28)\">bubble area: cost</text>\n"
        return out + "</g>\n"
    }
}

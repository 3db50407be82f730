/// Who the plan serves, as an inline SVG: for each beneficiary group and each objective, its
/// share of the funded value (solid bar) beside its share of the whole backlog's value
/// (outlined bar), each labelled with its percentage, and any floor marked with a tick.
enum SharesChart {
    static let width = 720.0, left = 160.0, right = 70.0, rowHeight = 34.0, top = 40.0

    static func svg(_ plan: Plan) -> String {
        let shares = plan.shares
        guard !shares.isEmpty else { return "" }
        let height = top + Double(shares.count) * rowHeight + 20
        let plotW = width - left - right
        let most = max(shares.map { max($0.funded, $0.backlog) }.max() ?? 0, plan.floors.map(\.floor.share).max() ?? 0, 0.05)
        func x(_ share: Double) -> Double { left + share / most * plotW }
        func pct(_ share: Double) -> String { NumberFormat.human(share * 100, digits: 1) + "%" }
        var out = """
        <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="shares-title shares-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="shares-title">Who the plan serves</title>
        <desc id="shares-desc">For each group and objective, its share of the funded value beside its share of the whole backlog's value; floors are marked.</desc>
        <g class="legend"><rect class="funded-bar" x="\(left)" y="8" width="14" height="10"/><text x="\(left + 20)" y="17">share of the funded value</text><rect class="backlog-bar" x="\(left + 220)" y="8" width="14" height="10"/><text x="\(left + 240)" y="17">share of the whole backlog's value</text><line class="floor" x1="\(left + 470)" y1="6" x2="\(left + 470)" y2="20"/><text x="\(left + 476)" y="17">floor</text></g>

        """
        for (k, s) in shares.enumerated() {
            let y0 = top + Double(k) * rowHeight
            let kind = s.kind == .groups ? "group" : "objective"
            out += "<text class=\"row-label\" x=\"\(left - 8)\" y=\"\(HTMLText.coord(y0 + 16))\" text-anchor=\"end\">\(HTMLText.escape(s.name)) <tspan class=\"kind\">(\(kind))</tspan></text>\n"
            out += "<rect class=\"funded-bar\" x=\"\(left)\" y=\"\(HTMLText.coord(y0 + 2))\" width=\"\(HTMLText.coord(x(s.funded) - left))\" height=\"12\"><title>funded: \(pct(s.funded))</title></rect>\n"
            out += "<text x=\"\(HTMLText.coord(x(s.funded) + 4))\" y=\"\(HTMLText.coord(y0 + 12))\">\(pct(s.funded))</text>\n"
            out += "<rect class=\"backlog-bar\" x=\"\(left)\" y=\"\(HTMLText.coord(y0 + 16))\" width=\"\(HTMLText.coord(x(s.backlog) - left))\" height=\"12\"><title>backlog: \(pct(s.backlog))</title></rect>\n"
            out += "<text x=\"\(HTMLText.coord(x(s.backlog) + 4))\" y=\"\(HTMLText.coord(y0 + 26))\">\(pct(s.backlog))</text>\n"
            for f in plan.floors where f.floor.kind == s.kind && f.floor.name == s.name {
                out += "<line class=\"floor\" x1=\"\(HTMLText.coord(x(f.floor.share)))\" y1=\"\(HTMLText.coord(y0))\" x2=\"\(HTMLText.coord(x(f.floor.share)))\" y2=\"\(HTMLText.coord(y0 + 30))\"><title>floor \(pct(f.floor.share))\(f.met ? ", met" : ", not met")</title></line>\n"
            }
        }
        return out + "</svg>\n"
    }
}

/// The value-for-money frontier as an inline SVG: the best plan's value, its proven bound and
/// funding down the list by score at each budget from 0 to twice the capacity, with the
/// capacity as a vertical line. Lines differ in dash as well as colour.
enum FrontierChart {
    static let width = 720.0, height = 360.0
    static let left = 90.0, right = 40.0, top = 20.0, bottom = 50.0

    static func svg(_ plan: Plan, config: Config) -> String {
        let points = plan.frontier
        guard let maxBudget = points.map(\.budget).max(), maxBudget > 0 else { return "" }
        let maxValue = max(points.map { max($0.best, $0.bound, $0.greedy) }.max() ?? 0, 1)
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ b: Double) -> Double { left + b / maxBudget * plotW }
        func y(_ v: Double) -> Double { top + plotH - v / maxValue * plotH }
        func path(_ value: (Plan.FrontierPoint) -> Double) -> String {
            points.enumerated().map { k, p in "\(k == 0 ? "M" : "L")\(HTMLText.coord(x(p.budget))) \(HTMLText.coord(y(value(p))))" }.joined(separator: " ")
        }
        let unit = config.costUnit
        var out = """
        <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="frontier-title frontier-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="frontier-title">Value for money frontier</title>
        <desc id="frontier-desc">Best plan value, its proven bound and the value of funding down the list by score, at \(points.count) budgets from 0 to \(HTMLText.escape(NumberFormat.human(maxBudget, digits: 0))) \(HTMLText.escape(unit)); the capacity (\(HTMLText.escape(NumberFormat.human(plan.capacity, digits: 0)))) is marked.</desc>

        """
        out += axes(maxBudget: maxBudget, maxValue: maxValue, x: x, y: y, unit: unit)
        out += "<line class=\"capacity\" x1=\"\(HTMLText.coord(x(plan.capacity)))\" y1=\"\(top)\" x2=\"\(HTMLText.coord(x(plan.capacity)))\" y2=\"\(top + plotH)\"/>\n"
        out += "<text class=\"note\" x=\"\(HTMLText.coord(x(plan.capacity) + 4))\" y=\"\(top + 12)\">capacity</text>\n"
        out += "<path class=\"bound\" d=\"\(path(\.bound))\"/>\n"
        out += "<path class=\"best\" d=\"\(path(\.best))\"/>\n"
        out += "<path class=\"greedy\" d=\"\(path(\.greedy))\"/>\n"
        // The legend: each line's style beside its name.
        let legend: [(String, String)] = [("best", "best plan found"), ("bound", "proven bound"), ("greedy", "down the list by score")]
        for (k, (cls, name)) in legend.enumerated() {
            let ly = top + 10 + Double(k) * 18
            out += "<line class=\"\(cls)\" x1=\"\(left + 10)\" y1=\"\(ly)\" x2=\"\(left + 40)\" y2=\"\(ly)\"/><text class=\"legend\" x=\"\(left + 46)\" y=\"\(ly + 4)\">\(name)</text>\n"
        }
        return out + "</svg>\n"
    }

    /// Axes with five ticks each and their labels.
    static func axes(maxBudget: Double, maxValue: Double, x: (Double) -> Double, y: (Double) -> Double, unit: String) -> String {
        let plotH = height - top - bottom
        var out = "<g class=\"axis\">\n<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(width - right)\" y2=\"\(top + plotH)\"/>\n<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotH)\"/>\n"
        for k in 0...4 {
            let b = maxBudget * Double(k) / 4, v = maxValue * Double(k) / 4
            out += "<text x=\"\(HTMLText.coord(x(b)))\" y=\"\(top + plotH + 16)\" text-anchor=\"middle\">\(HTMLText.escape(NumberFormat.human(b, digits: 0)))</text>\n"
            out += "<text x=\"\(left - 6)\" y=\"\(HTMLText.coord(y(v) + 4))\" text-anchor=\"end\">\(HTMLText.escape(NumberFormat.human(v, digits: 0)))</text>\n"
        }
        out += "<text x=\"\(left + (width - left - right) / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\">budget (\(HTMLText.escape(unit)))</text>\n"
        out += "<text x=\"16\" y=\"\(top + plotH / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(top + plotH / 2))\">value funded</text>\n"
        return out + "</g>\n"
    }
}

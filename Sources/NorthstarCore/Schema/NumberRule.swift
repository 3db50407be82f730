/// The figures a number field accepts: its bounds, whether the lower one is excluded, whether it
/// must be whole. The loaders check values against it and word their complaints from it, and
/// the JSON Schemas state the same bounds, so an editor and `northstar check` never disagree.
public struct NumberRule: Sendable, Equatable {
    /// How a complaint is worded.
    public enum Wording: Sendable, Equatable {
        /// "must be between 1 and 5".
        case between
        /// "must not be negative" / "must be greater than 0", and "must be at most 1,000,000,000".
        case limits
        /// "must be a whole number between 1 and 10000".
        case whole
    }

    /// The smallest value (or the bound just below the smallest, when `minimumExcluded`).
    public var minimum: Double
    /// Whether `minimum` itself is refused.
    public var minimumExcluded: Bool
    /// The largest value (infinite: none).
    public var maximum: Double
    /// How a complaint is worded (and whether the value must be whole).
    public var wording: Wording
    /// Said after "must be at most …" (why the limit: "more people than live on Earth").
    public var note: String?

    /// From `low` to `high`, both included.
    public static func between(_ low: Double, _ high: Double) -> NumberRule {
        NumberRule(minimum: low, minimumExcluded: false, maximum: high, wording: .between, note: nil)
    }

    /// Zero or more, at most `maximum`.
    public static func nonNegative(max maximum: Double = .infinity, note: String? = nil) -> NumberRule {
        NumberRule(minimum: 0, minimumExcluded: false, maximum: maximum, wording: .limits, note: note)
    }

    /// More than zero, at most `maximum`.
    public static func positive(max maximum: Double = .infinity) -> NumberRule {
        NumberRule(minimum: 0, minimumExcluded: true, maximum: maximum, wording: .limits, note: nil)
    }

    /// A whole number from `low` to `high`.
    public static func whole(_ low: Double, _ high: Double) -> NumberRule {
        NumberRule(minimum: low, minimumExcluded: false, maximum: high, wording: .whole, note: nil)
    }

    /// Whether `value` is accepted.
    public func allows(_ value: Double) -> Bool {
        (minimumExcluded ? value > minimum : value >= minimum) && value <= maximum && (wording != .whole || value == value.rounded())
    }

    /// What is wrong with `value` ("must be between 1 and 5"), or nil when it is accepted.
    public func problem(_ value: Double) -> String? {
        guard !allows(value) else { return nil }
        switch wording {
        case .between:
            return "must be between \(Self.figure(minimum)) and \(Self.figure(maximum))"
        case .whole:
            return "must be a whole number between \(Self.figure(minimum)) and \(Self.figure(maximum))"
        case .limits:
            if value > maximum {
                return "must be at most \(Self.figure(maximum, grouped: true))" + (note.map { " (\($0))" } ?? "")
            }
            return minimumExcluded ? "must be greater than \(Self.figure(minimum))"
                : (minimum == 0 ? "must not be negative" : "must be at least \(Self.figure(minimum))")
        }
    }

    /// A bound as a person writes it: whole bounds in full (`9007199254740992`, or grouped
    /// `1,000,000,000`), others as the YAML would have them.
    static func figure(_ x: Double, grouped: Bool = false) -> String {
        guard x == x.rounded(), abs(x) < 9.3e18 else { return NumberFormat.plain(x) }
        let digits = String(Int64(x).magnitude)
        guard grouped else { return (x < 0 ? "-" : "") + digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (x < 0 ? "-" : "") + out
    }
}

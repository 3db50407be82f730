/// Reads typed fields out of located YAML nodes for one file, collecting located diagnostics
/// instead of stopping at the first problem.
struct FieldReader {
    /// The file being read, as displayed.
    let path: String
    /// Everything found so far.
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    /// Number of errors reported so far (to tell whether an item stayed clean).
    var errorCount: Int { diagnostics.errorCount }

    mutating func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, code, message, path: path, at: location))
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, code, message, path: path, at: location))
    }

    /// One of `T`'s names (a status, a funding pin, a reach scale), or a located error that
    /// lists them with a did-you-mean; `advice` ends that message.
    mutating func choice<T: CaseIterable & RawRepresentable>(_ node: YAMLNode, field: @autoclosure () -> String, code: DiagnosticCode, noun: String,
                                                              allowNull: Bool = false, advice: String = "") -> T? where T.RawValue == String {
        guard let text = text(node, field: field(), allowNull: allowNull) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        error(code, "unknown \(noun) '\(text)'\(Suggestion.hint(for: text, in: names)); use one of \(names.joined(separator: ", "))\(advice)", at: node.location)
        return nil
    }

    /// A scalar read as text (plain numbers keep their written text); `nil` after an error.
    mutating func text(_ node: YAMLNode, field: @autoclosure () -> String, allowNull: Bool = false) -> String? {
        guard let scalar = node.scalar else {
            error(.type, "'\(field())' should be text, found \(node.kindDescription)", at: node.location)
            return nil
        }
        switch scalar.value {
        case .null:
            if !allowNull { error(.type, "'\(field())' is empty", at: node.location) }
            return nil
        case .bool:
            error(.type, "'\(field())' should be text, found the boolean '\(scalar.text)' (quote it if you mean the word)", at: node.location)
            return nil
        default:
            return scalar.text
        }
    }

    /// A finite number; `nil` after an error.
    mutating func number(_ node: YAMLNode, field: @autoclosure () -> String) -> Double? {
        guard let scalar = node.scalar else {
            error(.type, "'\(field())' should be a number, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard let value = scalar.value.number else {
            let hint = NumberHint.hint(for: scalar.text).map { " (\($0))" }
                ?? (scalar.isPlain ? "" : " (quoted values are text: remove the quotes)")
            error(.type, "'\(field())' should be a number, found \(node.kindDescription) '\(scalar.text)'\(hint)", at: node.location)
            return nil
        }
        guard value.isFinite else {
            error(.type, "'\(field())' should be a finite number, found '\(scalar.text)'", at: node.location)
            return nil
        }
        return value
    }

    /// A finite number within `rule`; `nil` after an error (`'field' must be ...` for one
    /// outside it).
    mutating func number(_ node: YAMLNode, field: @autoclosure () -> String, within rule: NumberRule) -> Double? {
        guard let value = number(node, field: field()) else { return nil }
        if let problem = rule.problem(value) {
            error(.range, "'\(field())' \(problem)", at: node.location)
            return nil
        }
        return value
    }

    /// Whether a mapping is written as a range: its only keys are among low, likely, high.
    static func isRange(_ pairs: [YAMLPair]) -> Bool {
        !pairs.isEmpty && pairs.allSatisfy { pair in
            switch pair.key.scalar?.text {
            case "low", "likely", "high": return true
            default: return false
            }
        }
    }

    /// A number or a range `{low, likely, high}` / `{low, high}`, each value checked by `check`
    /// (which returns a complaint such as "must be between 1 and 5").
    mutating func estimate(_ node: YAMLNode, field: @autoclosure () -> String, check: (Double) -> String?) -> Estimate? {
        if let pairs = node.mapping {
            guard Self.isRange(pairs) else {
                error(.type, "'\(field())' should be a number or a range {low, likely, high}, found a mapping with other keys", at: node.location)
                return nil
            }
            var low: Double?, likely: Double?, high: Double?
            var failed = false
            for pair in pairs {
                let key = pair.key.scalar?.text ?? ""
                guard let v = number(pair.value, field: "\(field()).\(key)") else { failed = true; continue }
                if let complaint = check(v) {
                    error(.range, "'\(field()).\(key)' \(complaint), found \(NumberFormat.plain(v))", at: pair.value.location)
                    failed = true
                }
                switch key {
                case "low": low = v
                case "likely": likely = v
                default: high = v
                }
            }
            if failed { return nil }
            guard let low, let high else {
                error(.range, "a range for '\(field())' needs both 'low' and 'high'", at: node.location)
                return nil
            }
            if low > high || (likely.map { $0 < low || $0 > high } ?? false) {
                error(.range, "the range for '\(field())' must satisfy low <= likely <= high", at: node.location)
                return nil
            }
            return Estimate(low: low, likely: likely, high: high)
        }
        guard let v = number(node, field: field()) else { return nil }
        if let complaint = check(v) {
            error(.range, "'\(field())' \(complaint), found \(NumberFormat.plain(v))", at: node.location)
            return nil
        }
        return Estimate(v)
    }

    /// A list of texts (a single text is a list of one).
    mutating func textList(_ node: YAMLNode, field: @autoclosure () -> String) -> [(String, SourceLocation)]? {
        if node.scalar != nil {
            if case .null = node.scalar?.value { return [] }
            return text(node, field: field()).map { [($0, node.location)] }
        }
        guard let entries = node.sequence else {
            error(.type, "'\(field())' should be a list, found \(node.kindDescription)", at: node.location)
            return nil
        }
        var out: [(String, SourceLocation)] = []
        for entry in entries {
            if let t = text(entry, field: field()) { out.append((t, entry.location)) }
        }
        return out
    }

    /// Reports every key of `pairs` not in `known` (see `unknownKey`).
    mutating func warnUnknownKeys(_ pairs: [YAMLPair], known: [String], context: @autoclosure () -> String, alwaysError: Bool = false) {
        for pair in pairs {
            guard let key = pair.key.scalar?.text else {
                keyNotText(at: pair.key.location, context: context())
                continue
            }
            if !known.contains(key) { unknownKey(key, at: pair.key.location, known: known, context: context(), alwaysError: alwaysError) }
        }
    }

    /// The error for a key that is a mapping or a list rather than text.
    mutating func keyNotText(at location: SourceLocation, context: String) {
        error(.type, "keys in \(context) should be plain text", at: location)
    }

    /// A key outside `known`. Within two edits of a known key it is an error (`misspelt-field`):
    /// the value it carries would silently be ignored (`objetives:` scores an item 0, `equty:`
    /// sets every equity weight to 1). Any other unknown key is a warning, unless `alwaysError`.
    mutating func unknownKey(_ key: String, at location: SourceLocation, known: [String], context: String, alwaysError: Bool = false) {
        if let meant = Suggestion.misspelt(key, of: known) {
            error(.misspeltField, "unknown field '\(key)' in \(context) (did you mean '\(meant)'?); a misspelt field would be ignored, so it is an error", at: location)
        } else if alwaysError {
            error(.unknownField, "unknown field '\(key)' in \(context)\(Suggestion.hint(for: key, in: known)); use one of \(known.joined(separator: ", "))", at: location)
        } else {
            warning(.unknownField, "unknown field '\(key)' in \(context)\(Suggestion.hint(for: key, in: known)); it is ignored", at: location)
        }
    }
}

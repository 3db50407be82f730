/// Why a YAML file could not be turned into located values.
public enum YAMLReadError: Error, Sendable, Equatable {
    /// libyaml rejected the text (bad indentation, a tab, invalid UTF-8...), with its message.
    case syntax(message: String, at: SourceLocation)
    /// Expanding aliases would create more nodes than the per-file budget (an alias bomb).
    case aliasBudgetExceeded(budget: Int, at: SourceLocation)
    /// Mappings and lists are nested deeper than the limit.
    case tooDeep(limit: Int, at: SourceLocation)
    /// The file holds a second `---` document; a backlog file holds one.
    case multipleDocuments(at: SourceLocation)
    /// An alias (`*name`) refers to an anchor (`&name`) that was never defined.
    case unknownAnchor(name: String, at: SourceLocation)
    /// A mapping has the same key twice.
    case duplicateKey(key: String, at: SourceLocation, first: SourceLocation)
    /// A tab where YAML allows only spaces; `indenting` when it is in a line's leading blanks.
    case tab(indenting: Bool, at: SourceLocation)
    /// A plain value holds ': ' (`title: Fix: login`), which YAML reads as a second key. `key`
    /// and `value` are the line's, when they are simple enough to show the quoted form.
    case colonInValue(key: String?, value: String?, at: SourceLocation)
    /// A line has a key but no ':' after it (`need 4`); located on that line.
    case missingColon(key: String, at: SourceLocation)
    /// A ':' ends text that runs on from the line above (an over-indented key, or a line above
    /// missing its ':').
    case runOnKey(at: SourceLocation)

    /// Where the problem is.
    public var location: SourceLocation {
        switch self {
        case .syntax(_, let at), .aliasBudgetExceeded(_, let at), .tooDeep(_, let at),
             .multipleDocuments(let at), .unknownAnchor(_, let at), .duplicateKey(_, let at, _),
             .tab(_, let at), .colonInValue(_, _, let at), .missingColon(_, let at), .runOnKey(let at):
            return at
        }
    }

    /// A one-line message for a person, without the location.
    public var message: String {
        switch self {
        case .syntax(let message, _):
            return "YAML syntax: \(message)"
        case .aliasBudgetExceeded(let budget, _):
            return "aliases expand to more than \(budget) values; refusing to expand (possible alias bomb)"
        case .tooDeep(let limit, _):
            return "values are nested more than \(limit) levels deep"
        case .multipleDocuments:
            return "a second YAML document ('---') in one file; put each item in its own file or use 'items:'"
        case .unknownAnchor(let name, _):
            return "alias '*\(name)' refers to no anchor '&\(name)' defined before it"
        case .duplicateKey(let key, _, let first):
            return "key '\(key)' appears twice in this mapping (first at line \(first.line))"
        case .tab(let indenting, _):
            return indenting ? "YAML syntax: tab characters cannot indent YAML; use spaces"
                : "YAML syntax: a tab character is not allowed here; use spaces"
        case .colonInValue(let key?, let value?, _):
            return "YAML syntax: a value containing ': ' must be quoted: write \(key): \"\(value)\""
        case .colonInValue:
            return "YAML syntax: a value containing ': ' must be quoted (put it in double quotes)"
        case .missingColon(let key, _):
            return "YAML syntax: is a ':' missing after '\(key)'? Each field is written 'key: value'"
        case .runOnKey:
            return "YAML syntax: this line reads as the continuation of the value above: is it indented too far, or is a ':' missing on the line above?"
        }
    }

    /// A short stable code for tools that filter diagnostics.
    public var code: DiagnosticCode {
        switch self {
        case .syntax, .tab, .colonInValue, .missingColon, .runOnKey: return .yamlSyntax
        case .aliasBudgetExceeded: return .yamlAliasBudget
        case .tooDeep: return .yamlTooDeep
        case .multipleDocuments: return .yamlMultipleDocuments
        case .unknownAnchor: return .yamlUnknownAnchor
        case .duplicateKey: return .yamlDuplicateKey
        }
    }
}

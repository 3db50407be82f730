/// What kind of problem a diagnostic reports: a short stable name that tools filter on
/// (`diagnostics.json` and `changes.jsonl` write the raw value), and that the code itself
/// decides on (what only a whole-backlog pass can settle, what a re-read file replaces).
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A backlog file name that is a symlink to nothing, or round a loop.
    case brokenSymlink = "broken-symlink"
    /// The config file could not be read on reload (the previous one stays in force).
    case configUnreadable = "config-unreadable"
    /// Items that depend on each other in a circle.
    case dependencyCycle = "dependency-cycle"
    /// An id defined more than once (every place is named).
    case duplicateID = "duplicate-id"
    /// A backlog file that holds no item.
    case emptyFile = "empty-file"
    /// A file over `limits.max_file_bytes`.
    case fileTooLarge = "file-too-large"
    /// The backlog and output folders overlap the wrong way.
    case folders
    /// An unknown output format in the config.
    case format
    /// An unknown `funding:` value, or a `funding: must` that conflicts with a `never`.
    case funding
    /// An id that is blank, has control characters or is too long.
    case id
    /// A field the scoring model needs is missing.
    case missingField = "missing-field"
    /// An item without `id`.
    case missingID = "missing-id"
    /// A config without objectives.
    case missingObjectives = "missing-objectives"
    /// An objective without a weight.
    case missingWeight = "missing-weight"
    /// An unknown field that is a near miss of a known one.
    case misspeltField = "misspelt-field"
    /// An unknown scoring model.
    case model
    /// A reached group with no need in a per-group `need`.
    case needGroup = "need-group"
    /// An item aligned to no objective (it scores 0).
    case noObjective = "no-objective"
    /// A backlog path that is a folder, FIFO, socket or device.
    case notRegularFile = "not-regular-file"
    /// A setting accepted but not acted on yet.
    case notYet = "not-yet"
    /// A figure outside its allowed range, or a malformed range.
    /// A plan constraint that cannot be kept: a `funding: must` or in-progress item that does
    /// not fit the capacity, or a floor no plan can meet.
    case plan
    case range
    /// An unknown reach scale.
    case reachScale = "reach-scale"
    /// Items kept at their last good version because their file stopped reading.
    case staleItems = "stale-items"
    /// An unknown status.
    case status
    /// A symlink that leads back to a folder already scanned.
    case symlinkLoop = "symlink-loop"
    /// A symlink that leads out of the backlog folder (not read).
    case symlinkOutside = "symlink-outside"
    /// A value of the wrong type.
    case type
    /// A dependency on an id no file defines.
    case unknownDependency = "unknown-dependency"
    /// A field Northstar does not know.
    case unknownField = "unknown-field"
    /// A beneficiary group the config does not weigh.
    case unknownGroup = "unknown-group"
    /// An objective the config does not name.
    case unknownObjective = "unknown-objective"
    /// A file the system would not let Northstar read.
    case unreadableFile = "unreadable-file"
    /// A folder that could not be listed.
    case unreadableFolder = "unreadable-folder"
    /// Watch settings that contradict each other.
    case watch
    /// Aliases that expand past the budget (an alias bomb).
    case yamlAliasBudget = "yaml-alias-budget"
    /// A key written twice in one mapping.
    case yamlDuplicateKey = "yaml-duplicate-key"
    /// More than one YAML document in one file.
    case yamlMultipleDocuments = "yaml-multiple-documents"
    /// A YAML syntax error.
    case yamlSyntax = "yaml-syntax"
    /// Nesting deeper than the limit.
    case yamlTooDeep = "yaml-too-deep"
    /// An alias to an anchor that does not exist.
    case yamlUnknownAnchor = "yaml-unknown-anchor"

    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }
}

/// What set off a recomputation.
public struct ChangeTrigger: Sendable, Equatable {
    /// The kind of trigger.
    public enum Kind: String, Sendable {
        /// The daemon started (the baseline is the previous `ranking.json`).
        case startup
        /// Backlog files changed.
        case files
        /// The config was reloaded.
        case config
        /// The whole backlog was read again (overflow, watch error).
        case rescan
        /// A one-shot `northstar rank`.
        case rank
        /// `northstar diff`: a change under review, from a base revision to a head.
        case diff
    }

    /// The kind.
    public var kind: Kind
    /// Files involved, relative to the backlog folder, sorted.
    public var files: [String]
    /// The git commit the backlog was at, when known (for `diff`, the head's).
    public var commit: GitCommitInfo?
    /// For `diff`: the commit compared with (nil when it had no config or backlog).
    public var base: GitCommitInfo?

    /// A trigger.
    public init(kind: Kind, files: [String] = [], commit: GitCommitInfo? = nil, base: GitCommitInfo? = nil) {
        self.kind = kind
        self.files = files.sorted()
        self.commit = commit
        self.base = base
    }
}

/// A git commit, as the change log names it.
public struct GitCommitInfo: Sendable, Equatable {
    /// Abbreviated hash.
    public var hash: String
    /// Author name.
    public var author: String
    /// First line of the message, at most 72 characters.
    public var subject: String
    /// Whether the files behind the entry differ from this commit: the change is uncommitted
    /// work on top of it, not the commit's.
    public var uncommitted: Bool

    /// A commit; `subject` is cut to its first line and to `subjectLimit` characters.
    public init(hash: String, author: String, subject: String, uncommitted: Bool = false) {
        self.hash = hash
        self.author = author
        self.subject = Self.firstLine(subject)
        self.uncommitted = uncommitted
    }

    /// The longest subject kept, as git's own advice on commit messages has it.
    public static let subjectLimit = 72

    /// `text`'s first line, cut to `subjectLimit` characters with an ellipsis.
    static func firstLine(_ text: String) -> String {
        let line = text.prefix { $0 != "\n" && $0 != "\r" }
        return line.count <= subjectLimit ? String(line) : String(line.prefix(subjectLimit - 1)) + "…"
    }
}

/// One input that changed: `reach.rural 300 -> 1200`, `depends_on +FA-3`.
public struct FieldChange: Sendable, Equatable {
    /// Field path (`reach.rural`, `objective weight food-security`).
    public var field: String
    /// Value before (nil: absent).
    public var from: String?
    /// Value after (nil: absent).
    public var to: String?

    /// A change of `field`.
    public init(field: String, from: String?, to: String?) {
        self.field = field
        self.from = from
        self.to = to
    }

    /// `reach.rural 300 -> 1200`, `depends_on +FA-3`.
    public var description: String {
        if field == "depends_on" { return "depends_on \(to ?? from ?? "")" }
        return "\(field) \(from ?? "(none)") -> \(to ?? "(none)")"
    }
}

/// Why an item's rank or score changed.
public enum MoveCause: String, Sendable {
    /// Its own inputs changed.
    case inputs
    /// Only the config (weights) changed.
    case config
    /// Neither: other items moved past it.
    case others
}

/// An item whose rank or score changed.
public struct ItemMove: Sendable, Equatable {
    /// Item id.
    public var id: String
    /// Title.
    public var title: String
    /// Rank before.
    public var fromRank: Int
    /// Rank after.
    public var toRank: Int
    /// Score before.
    public var fromScore: Double
    /// Score after.
    public var toScore: Double
    /// Its own inputs that changed.
    public var inputs: [FieldChange]
    /// The main reason.
    public var cause: MoveCause
    /// Items that were below it and are now above it.
    public var overtakenBy: [String]
}

/// An item that entered or left the ranking.
public struct ItemPresence: Sendable, Equatable {
    /// Item id.
    public var id: String
    /// Title.
    public var title: String
    /// Rank in the ranking it is in (the new one for added items, the old one for removed).
    public var rank: Int?
    /// Score in that ranking.
    public var score: Double?
    /// Status now (for closed items: done or dropped; for reopened: the old status).
    public var status: String?
    /// For an item that left the ranking: why.
    public var removal: RemovalReason? = nil
}

/// Why an item left the ranking.
public enum RemovalReason: Sendable, Equatable {
    /// Its entry or its file is gone.
    case deleted
    /// Its file is still there but has an error that keeps it out (the first one).
    case error(Diagnostic)

    /// `deleted` or `error`, as `changes.jsonl` writes it.
    public var name: String {
        switch self {
        case .deleted: return "deleted"
        case .error: return "error"
        }
    }
}

/// One change-log entry: everything that moved in the ranking between two recomputations,
/// and why (docs/change-log.md).
public struct ChangeSet: Sendable, Equatable {
    /// UTC time, ISO 8601.
    public var time: String
    /// What set it off.
    public var trigger: ChangeTrigger
    /// Config digest before and after.
    public var configDigest: (from: String, to: String)
    /// Weighting that changed.
    public var configChanges: [FieldChange]
    /// Items that entered the ranking (new, or moved into the backlog).
    public var added: [ItemPresence]
    /// Items that were closed before and are ranked again.
    public var reopened: [ItemPresence]
    /// Items that left the ranking: their file or entry is gone, or an error keeps them out.
    public var removed: [ItemPresence]
    /// Items newly marked done or dropped.
    public var closed: [ItemPresence]
    /// Items that moved relative to the others, or whose score changed, in new rank order.
    public var moves: [ItemMove]
    /// Items whose rank number changed only because others moved past them (not listed: they
    /// keep their relative order, so the moves above place them).
    public var shifted: Int
    /// Number of ranked items after.
    public var rankedCount: Int
    /// Items the plan funds now and did not before, in rank order.
    public var funded: [ItemPresence] = []
    /// Items the plan funded before and no longer does, in rank order.
    public var unfunded: [ItemPresence] = []

    public static func == (a: ChangeSet, b: ChangeSet) -> Bool {
        a.time == b.time && a.trigger == b.trigger && a.configDigest == b.configDigest && a.configChanges == b.configChanges
            && a.added == b.added && a.reopened == b.reopened && a.removed == b.removed && a.closed == b.closed
            && a.moves == b.moves && a.shifted == b.shifted && a.rankedCount == b.rankedCount
            && a.funded == b.funded && a.unfunded == b.unfunded
    }

    /// Whether anything in the ranking changed (no entry is written otherwise).
    public var isEmpty: Bool {
        configChanges.isEmpty && added.isEmpty && reopened.isEmpty && removed.isEmpty && closed.isEmpty && moves.isEmpty
            && funded.isEmpty && unfunded.isEmpty
    }
}

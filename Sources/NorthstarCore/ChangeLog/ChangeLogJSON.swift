/// Renders a change set as one line of `changes.jsonl` (schema 1; see the README's "Change
/// log" section for every field).
public enum ChangeLogJSON {
    /// The line, without its newline.
    public static func line(_ c: ChangeSet) -> String {
        var trigger: [(String, JSONValue)] = [("kind", .string(c.trigger.kind.rawValue))]
        if !c.trigger.files.isEmpty { trigger.append(("files", .array(c.trigger.files.map { .string($0) }))) }
        var pairs: [(String, JSONValue)] = [
            ("schema", .number(1)),
            ("time", .string(c.time)),
            ("trigger", .object(trigger)),
        ]
        if let commit = c.trigger.commit {
            pairs.append(("commit", .object([("hash", .string(commit.hash)), ("author", .string(commit.author)), ("subject", .string(commit.subject))])))
        }
        pairs += [
            ("config_digest", .object([("from", .string(c.configDigest.from.isEmpty ? nil : c.configDigest.from)), ("to", .string(c.configDigest.to))])),
            ("ranked", .number(Double(c.rankedCount))),
            ("shifted", .number(Double(c.shifted))),
            ("config_changes", .array(c.configChanges.map(field))),
            ("added", .array(c.added.map(presence))),
            ("reopened", .array(c.reopened.map(presence))),
            ("removed", .array(c.removed.map(presence))),
            ("closed", .array(c.closed.map(presence))),
            ("moves", .array(c.moves.map { m in
                var p: [(String, JSONValue)] = [
                    ("id", .string(m.id)), ("title", .string(m.title)),
                    ("rank", .object([("from", .number(Double(m.fromRank))), ("to", .number(Double(m.toRank)))])),
                    ("score", .object([("from", .number(m.fromScore)), ("to", .number(m.toScore))])),
                    ("cause", .string(m.cause.rawValue)),
                    ("inputs", .array(m.inputs.map(field))),
                ]
                if !m.overtakenBy.isEmpty { p.append(("overtaken_by", .array(m.overtakenBy.map { .string($0) }))) }
                return .object(p)
            })),
        ]
        return JSONValue.object(pairs).rendered(compact: true)
    }

    static func field(_ f: FieldChange) -> JSONValue {
        .object([("field", .string(f.field)), ("from", .string(f.from)), ("to", .string(f.to))])
    }

    static func presence(_ p: ItemPresence) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("id", .string(p.id)), ("title", .string(p.title))]
        if let rank = p.rank { pairs.append(("rank", .number(Double(rank)))) }
        if let score = p.score { pairs.append(("score", .number(score))) }
        if let status = p.status { pairs.append(("status", .string(status))) }
        return .object(pairs)
    }
}

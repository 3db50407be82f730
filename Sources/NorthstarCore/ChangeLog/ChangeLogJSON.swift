/// Renders a change set as one line of `changes.jsonl` (schema 1; docs/change-log.md gives
/// every field). Written straight into bytes: the first ranking of a large
/// backlog lists every item as added, and a tree of values for 100,000 of them cost a third
/// of a second and 60 MB.
public enum ChangeLogJSON {
    /// The line, without its newline.
    public static func line(_ c: ChangeSet) -> String {
        String(decoding: bytes(c), as: UTF8.self)
    }

    /// The line's bytes, without its newline.
    public static func bytes(_ c: ChangeSet) -> [UInt8] {
        var w = JSONTextWriter(capacity: 1024 + 96 * (c.added.count + c.removed.count + c.moves.count), compact: true)
        w.open(0x7B)
        w.field("schema", 1)
        w.field("time", c.time)
        w.key("trigger"); w.open(0x7B)
        w.field("kind", c.trigger.kind.rawValue)
        if !c.trigger.files.isEmpty {
            w.key("files"); w.open(0x5B); for f in c.trigger.files { w.string(f) }; w.close(0x5D)
        }
        w.close(0x7D)
        for (key, commit) in [("commit", c.trigger.commit), ("base", c.trigger.base)] {
            guard let commit else { continue }
            w.key(named: key); w.open(0x7B)
            w.field("hash", commit.hash); w.field("author", commit.author); w.field("subject", commit.subject)
            w.key("uncommitted"); w.bool(commit.uncommitted)
            w.close(0x7D)
        }
        w.key("config_digest"); w.open(0x7B)
        w.field("from", c.configDigest.from.isEmpty ? nil : c.configDigest.from); w.field("to", c.configDigest.to)
        w.close(0x7D)
        w.field("ranked", c.rankedCount)
        w.field("shifted", c.shifted)
        w.key("config_changes"); w.open(0x5B); for f in c.configChanges { field(f, into: &w) }; w.close(0x5D)
        for (key, list) in [("added", c.added), ("reopened", c.reopened), ("removed", c.removed), ("closed", c.closed)] {
            w.key(named: key); w.open(0x5B); for p in list { presence(p, into: &w) }; w.close(0x5D)
        }
        for (key, list) in [("funded", c.funded), ("unfunded", c.unfunded)] where !list.isEmpty {
            w.key(named: key); w.open(0x5B); for p in list { w.string(p.id) }; w.close(0x5D)
        }
        w.key("moves"); w.open(0x5B)
        for m in c.moves {
            w.open(0x7B)
            w.field("id", m.id); w.field("title", m.title)
            w.key("rank"); w.open(0x7B); w.field("from", m.fromRank); w.field("to", m.toRank); w.close(0x7D)
            w.key("score"); w.open(0x7B); w.field("from", m.fromScore); w.field("to", m.toScore); w.close(0x7D)
            w.field("cause", m.cause.rawValue)
            w.key("inputs"); w.open(0x5B); for f in m.inputs { field(f, into: &w) }; w.close(0x5D)
            if !m.overtakenBy.isEmpty {
                w.key("overtaken_by"); w.open(0x5B); for id in m.overtakenBy { w.string(id) }; w.close(0x5D)
            }
            w.close(0x7D)
        }
        w.close(0x5D)
        w.close(0x7D)
        return w.bytes
    }

    static func field(_ f: FieldChange, into w: inout JSONTextWriter) {
        w.open(0x7B); w.field("field", f.field); w.field("from", f.from); w.field("to", f.to); w.close(0x7D)
    }

    static func presence(_ p: ItemPresence, into w: inout JSONTextWriter) {
        w.open(0x7B)
        w.field("id", p.id); w.field("title", p.title)
        if let rank = p.rank { w.field("rank", rank) }
        if let score = p.score { w.field("score", score) }
        if let status = p.status { w.field("status", status) }
        if let removal = p.removal {
            w.field("reason", removal.name)
            if case .error(let d) = removal {
                w.key("error"); w.open(0x7B)
                w.field("at", "\(d.path):\(d.location.line):\(d.location.column)"); w.field("message", d.text)
                w.close(0x7D)
            }
        }
        w.close(0x7D)
    }
}

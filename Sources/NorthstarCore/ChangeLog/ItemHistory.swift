/// What the change log last said about one item, in the change log's own words: how `explain`
/// answers "what changed?" after a save. An item that only shifted because others moved past
/// it is not named by that entry, so the newest entry naming it may be older. Pure: it reads
/// lines of `changes.jsonl` given to it.
public enum ItemHistory {
    /// The newest entry among `lines` (`changes.jsonl` lines, oldest first) in which `id` moved,
    /// entered, left, closed or reopened, as one plain-text sentence with the entry's time and
    /// trigger; nil when no line mentions it.
    public static func latest(_ id: String, in lines: [ArraySlice<UInt8>], config: Config) -> String? {
        // Entries are compact JSON: an entry that mentions the item holds this exact text.
        let needle = Array(("\"id\":" + JSONValue.string(id).rendered()).utf8)
        for line in lines.reversed() where contains(line, needle) {
            guard let entry = try? JSONParser.parse(String(decoding: line, as: UTF8.self), maxDepth: 16),
                  let sentence = sentence(for: id, in: entry, config: config) else { continue }
            let time = (entry["time"]?.stringValue ?? "").replacingAll("T", with: " ").replacingAll("Z", with: " UTC")
            let trigger = entry["trigger"].flatMap(trigger) ?? "a recomputation"
            return "Newest change-log entry naming \(id) (\(time), \(trigger)): \(id) \(sentence)."
        }
        return nil
    }

    /// What the entry says about `id`, after its id: "rose from 14th to 6th: reach among ...".
    static func sentence(for id: String, in entry: JSONValue, config: Config) -> String? {
        func find(_ key: String) -> JSONValue? { entry[key]?.arrayValue?.first { $0["id"]?.stringValue == id } }
        func rank(_ v: JSONValue?) -> String { ChangeLogMarkdown.ordinal(whole(v)) }
        if let m = find("moves") {
            let move = ItemMove(
                id: id, title: m["title"]?.stringValue ?? "",
                fromRank: whole(m["rank"]?["from"]), toRank: whole(m["rank"]?["to"]),
                fromScore: m["score"]?["from"]?.numberValue ?? 0, toScore: m["score"]?["to"]?.numberValue ?? 0,
                inputs: (m["inputs"]?.arrayValue ?? []).compactMap { f in
                    f["field"]?.stringValue.map { FieldChange(field: $0, from: f["from"]?.stringValue, to: f["to"]?.stringValue) }
                },
                cause: MoveCause(rawValue: m["cause"]?.stringValue ?? "") ?? .others,
                overtakenBy: (m["overtaken_by"]?.arrayValue ?? []).compactMap(\.stringValue))
            let movement = ChangeLogMarkdown.movement(move).replacingAll("→", with: "->")
            switch move.cause {
            case .inputs:
                return movement + ": " + move.inputs.map { ChangeLogMarkdown.inputPhrase($0, config: config, escape: { $0 }) }.joined(separator: "; ")
            case .config:
                return movement + " because of a change in the config's weights"
            case .others:
                return movement + (move.overtakenBy.isEmpty ? " as items above it changed or left" : ", overtaken by " + move.overtakenBy.joined(separator: ", "))
            }
        }
        if let a = find("added") {
            // The first entry of a log lists every item as added.
            if case .null? = entry["config_digest"]?["from"] { return "was ranked \(rank(a["rank"])) in the first ranking" }
            return "entered the ranking at \(rank(a["rank"]))"
        }
        if let r = find("reopened") { return "was reopened and ranked \(rank(r["rank"]))" }
        if let c = find("closed") { return "was marked \(c["status"]?.stringValue ?? "closed") (it ranked \(rank(c["rank"])))" }
        if let r = find("removed") {
            if let at = r["error"]?["at"]?.stringValue { return "left the ranking (it ranked \(rank(r["rank"]))): its file has an error at \(at)" }
            return "left the ranking (it ranked \(rank(r["rank"]))): its entry or file is gone"
        }
        return nil
    }

    /// A rank as written in the file, or 0 when it is not a whole number a rank can be (the
    /// file is read, not trusted: `1e400` must not crash `explain`).
    static func whole(_ v: JSONValue?) -> Int {
        guard let x = v?.numberValue, x.isFinite, x >= 0, x <= 1e15 else { return 0 }
        return Int(x)
    }

    static func trigger(_ t: JSONValue) -> String? {
        let files = (t["files"]?.arrayValue ?? []).compactMap(\.stringValue)
        switch t["kind"]?.stringValue {
        case "startup": return "start-up"
        case "rank": return "northstar rank"
        case "rescan": return "full rescan"
        case "config": return "config reloaded"
        case "files": return files.count == 1 ? files[0] + " changed" : "\(files.count) files changed"
        default: return nil
        }
    }

    static func contains(_ line: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, line.count >= needle.count else { return false }
        var i = line.startIndex
        let last = line.endIndex - needle.count
        while i <= last {
            if line[i] == first, line[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}

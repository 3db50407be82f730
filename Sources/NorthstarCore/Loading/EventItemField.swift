/// The item fields `EventItemReader` reads itself (every other key is a scoring model's field
/// or unknown), told apart by their bytes.
enum EventItemField: Int, CaseIterable {
    case id, title, status, objectives, need, reach, confidence, cost, dependsOn, tags, owner, funding
    case description, notes, links

    /// The field's name in a backlog file.
    var name: StaticString {
        switch self {
        case .id: return "id"
        case .title: return "title"
        case .status: return "status"
        case .objectives: return "objectives"
        case .need: return "need"
        case .reach: return "reach"
        case .confidence: return "confidence"
        case .cost: return "cost"
        case .dependsOn: return "depends_on"
        case .tags: return "tags"
        case .owner: return "owner"
        case .funding: return "funding"
        case .description: return "description"
        case .notes: return "notes"
        case .links: return "links"
        }
    }

    /// The bytes of the field's name.
    var nameBytes: UnsafeBufferPointer<UInt8> { name.utf8Bytes }

    /// The field's bit in a set of fields met (an item's keys, to catch one written twice).
    var bit: UInt32 { 1 << UInt32(rawValue) }

    /// The field whose name is `key`, if the fast reader knows it: told by length and first
    /// byte (every key of every item goes through here), then confirmed byte for byte.
    static func named(_ key: UnsafeBufferPointer<UInt8>) -> EventItemField? {
        guard let first = key.first else { return nil }
        let candidate: EventItemField
        switch (key.count, first) {
        case (2, UInt8(ascii: "i")): candidate = .id
        case (5, UInt8(ascii: "t")): candidate = .title
        case (6, UInt8(ascii: "s")): candidate = .status
        case (10, UInt8(ascii: "o")): candidate = .objectives
        case (4, UInt8(ascii: "n")): candidate = .need
        case (5, UInt8(ascii: "r")): candidate = .reach
        case (10, UInt8(ascii: "c")): candidate = .confidence
        case (4, UInt8(ascii: "c")): candidate = .cost
        case (10, UInt8(ascii: "d")): candidate = .dependsOn
        case (4, UInt8(ascii: "t")): candidate = .tags
        case (5, UInt8(ascii: "o")): candidate = .owner
        case (7, UInt8(ascii: "f")): candidate = .funding
        case (11, UInt8(ascii: "d")): candidate = .description
        case (5, UInt8(ascii: "n")): candidate = .notes
        case (5, UInt8(ascii: "l")): candidate = .links
        default: return nil
        }
        return candidate.nameBytes.sameBytes(as: key) ? candidate : nil
    }
}

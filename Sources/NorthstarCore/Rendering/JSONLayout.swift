/// Lays out compact JSON for people and for git: two spaces per level, one member per line,
/// lists of plain values on one line, a newline at the end. Pure.
enum JSONLayout {
    /// `json` (compact, as `JSONTextWriter(compact: true)` writes it) laid out.
    static func indented(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count * 2)
        var depth = 0, i = 0
        var inline: [Bool] = []   // per open bracket: printed on one line
        func newline() {
            out.append(10)
            out.append(contentsOf: repeatElement(32, count: 2 * depth))
        }
        /// Whether the list opening at `start` holds no object or list.
        func flat(_ start: Int) -> Bool {
            var j = start + 1, level = 0, quoted = false
            while j < json.count {
                let c = json[j]
                if quoted {
                    if c == 0x5C { j += 1 } else if c == 0x22 { quoted = false }
                } else if c == 0x22 {
                    quoted = true
                } else if c == 0x7B || c == 0x5B {
                    return false
                } else if c == 0x5D {
                    if level == 0 { return true }
                    level -= 1
                }
                j += 1
            }
            return true
        }
        var quoted = false
        while i < json.count {
            let c = json[i]
            if quoted {
                out.append(c)
                if c == 0x5C, i + 1 < json.count { i += 1; out.append(json[i]) } else if c == 0x22 { quoted = false }
                i += 1
                continue
            }
            switch c {
            case 0x22:
                quoted = true
                out.append(c)
            case 0x7B, 0x5B:
                out.append(c)
                let empty = i + 1 < json.count && (json[i + 1] == 0x7D || json[i + 1] == 0x5D)
                let oneLine = empty || (c == 0x5B && flat(i))
                inline.append(oneLine)
                depth += 1
                if !oneLine { newline() }
            case 0x7D, 0x5D:
                depth -= 1
                if inline.popLast() == false { newline() }
                out.append(c)
            case 0x2C:
                out.append(c)
                if inline.last == true { out.append(32) } else { newline() }
            case 0x3A:
                out.append(contentsOf: [0x3A, 32])
            default:
                out.append(c)
            }
            i += 1
        }
        out.append(10)
        return out
    }
}

/// Turns the libyaml syntax errors newcomers meet most into plain advice, by looking at the
/// bytes where libyaml stopped. libyaml's own words ("found character that cannot start any
/// token") name the parser's state, not the fix. Pure.
enum YAMLSyntaxExplanation {
    /// The plain error for a libyaml scanner or parser error, or nil to keep libyaml's message.
    /// Marks are libyaml's: 0-based line and column (in characters).
    static func explain(problem: String, context: String?, problemMark: (line: Int, column: Int),
                        contextMark: (line: Int, column: Int), in input: UnsafeBufferPointer<UInt8>) -> YAMLReadError? {
        let at = SourceLocation(line: problemMark.line + 1, column: problemMark.column + 1)
        guard let offset = byteOffset(line: problemMark.line, column: problemMark.column, in: input) else { return nil }
        let lineStart = startOfLine(before: offset, in: input)
        // A tab at the point of failure is the cause whatever libyaml calls it ("found character
        // that cannot start any token", "found a tab character that violates indentation").
        if offset < input.count, input[offset] == 0x09 {
            let indenting = input[lineStart..<offset].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            return .tab(indenting: indenting, at: at)
        }
        if problem == "could not find expected ':'", context == "while scanning a simple key",
           let keyStart = byteOffset(line: contextMark.line, column: contextMark.column, in: input) {
            // libyaml notices only on the next line; the key without its ':' is where it began.
            let key = firstToken(from: keyStart, in: input)
            guard !key.isEmpty else { return nil }
            return .missingColon(key: key, at: SourceLocation(line: contextMark.line + 1, column: contextMark.column + 1))
        }
        if problem == "mapping values are not allowed in this context" {
            let before = Array(input[lineStart..<offset])
            // Another ': ' earlier on the same line: this ':' is inside that key's value.
            if let separator = findColonSeparator(in: before) {
                let (key, value) = keyAndValue(line: lineBytes(from: lineStart, in: input), separator: separator)
                return .colonInValue(key: key, value: value, at: at)
            }
            // Otherwise the text before this ':' began on an earlier line (a plain value runs on).
            return .runOnKey(at: at)
        }
        return nil
    }

    /// The byte offset of libyaml's 0-based `line` and `column` (columns count characters), or
    /// nil when the input is shorter. Lines end where libyaml ends them: "\r\n", a lone '\r' or
    /// '\n', and the Unicode breaks NEL, LS and PS.
    static func byteOffset(line: Int, column: Int, in input: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var lines = 0
        while lines < line {
            guard i < input.count else { return nil }
            if let length = breakLength(at: i, in: input) {
                i += length
                lines += 1
            } else {
                i += 1
            }
        }
        var characters = 0
        while characters < column {
            guard i < input.count else { return nil }
            i += 1
            // Skip UTF-8 continuation bytes: one character, however many bytes.
            while i < input.count, input[i] & 0xC0 == 0x80 { i += 1 }
            characters += 1
        }
        return i
    }

    /// The length in bytes of the line break at `i`, or nil when there is none.
    static func breakLength(at i: Int, in input: UnsafeBufferPointer<UInt8>) -> Int? {
        switch input[i] {
        case 0x0A: return 1
        case 0x0D: return i + 1 < input.count && input[i + 1] == 0x0A ? 2 : 1
        case 0xC2 where i + 1 < input.count && input[i + 1] == 0x85: return 2
        case 0xE2 where i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9): return 3
        default: return nil
        }
    }

    /// Where the line holding `offset` starts (after the previous '\n' or '\r').
    static func startOfLine(before offset: Int, in input: UnsafeBufferPointer<UInt8>) -> Int {
        var i = min(offset, input.count)
        while i > 0, input[i - 1] != 0x0A, input[i - 1] != 0x0D { i -= 1 }
        return i
    }

    /// The bytes from `start` to the end of its line, without the line break.
    static func lineBytes(from start: Int, in input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var end = start
        while end < input.count, input[end] != 0x0A, input[end] != 0x0D { end += 1 }
        return Array(input[start..<end])
    }

    /// The first word from `start` (up to a blank, ':' or the line's end), without quotes and
    /// cut to 40 characters: the key a person meant to write.
    static func firstToken(from start: Int, in input: UnsafeBufferPointer<UInt8>) -> String {
        var bytes = lineBytes(from: start, in: input)
        if let quote = bytes.first, quote == 0x22 || quote == 0x27, let close = bytes.dropFirst().firstIndex(of: quote) {
            bytes = Array(bytes[1..<close])
        } else if let end = bytes.firstIndex(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x3A }) {
            bytes = Array(bytes[..<end])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    /// Where the first ': ' (or ':' and a tab) in `bytes` is.
    static func findColonSeparator(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        return (0..<(bytes.count - 1)).first { bytes[$0] == 0x3A && (bytes[$0 + 1] == 0x20 || bytes[$0 + 1] == 0x09) }
    }

    /// The key and the value of a `key: value` line, when both are plain enough to show the
    /// value quoted (`title` and `Fix: login`); nils otherwise.
    static func keyAndValue(line: [UInt8], separator: Int) -> (String?, String?) {
        // The separator was found before libyaml's mark; the line as cut here may be shorter.
        guard separator + 2 <= line.count else { return (nil, nil) }
        var keyBytes = line[..<separator].drop { $0 == 0x20 }
        if keyBytes.starts(with: [0x2D, 0x20]) { keyBytes = keyBytes.dropFirst(2).drop { $0 == 0x20 } }
        let key = String(decoding: keyBytes, as: UTF8.self)
        let value = String(decoding: line[(separator + 2)...], as: UTF8.self).trimmingWhitespace()
        // Quotes, escapes, comments and flow collections would need more than wrapping in quotes.
        let special: Set<Character> = ["\"", "\\", "#", "{", "}", "[", "]", "'", "&", "*", "!", "|", ">"]
        guard !key.isEmpty, !value.isEmpty, value.count <= 80, !key.contains(where: special.contains),
              !value.contains(where: { special.contains($0) || $0.isNewline }) else { return (nil, nil) }
        return (key, value)
    }
}

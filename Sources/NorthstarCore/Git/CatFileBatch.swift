/// The objects `git cat-file --batch` printed: for each name asked, `<object> <type> <size>
/// LF <contents> LF`, or `<name> missing LF`. Pure.
public enum CatFileBatch {
    /// One answer, in the order asked.
    public enum Answer: Sendable, Equatable {
        /// The object's contents.
        case contents([UInt8])
        /// Git has no such object (or the name does not resolve).
        case missing
    }

    /// The answers in `output`, one per name asked, or nil when the output does not have the
    /// documented shape (cut short, a size that runs past the end).
    public static func parse(_ output: [UInt8], count: Int) -> [Answer]? {
        var answers: [Answer] = []
        answers.reserveCapacity(count)
        var i = 0
        while answers.count < count {
            guard let newline = output[i...].firstIndex(of: 10) else { return nil }
            let header = output[i..<newline].split(separator: 32)
            i = newline + 1
            if header.count == 2, header[1].elementsEqual("missing".utf8) || header[1].elementsEqual("ambiguous".utf8) {
                answers.append(.missing)
                continue
            }
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)), size >= 0,
                  size < output.count - i, output[i + size] == 10 else { return nil }
            answers.append(.contents(Array(output[i..<(i + size)])))
            i += size + 1
        }
        return answers
    }
}

import NorthstarCore
import NorthstarShell
import Testing

@Suite("CHANGELOG.md keeps the newest entries")
struct ChangeLogWriterTests {
    @Test("the newest 99 entries are kept behind a new one; an entry's inner '##' text is not a boundary")
    func cap() {
        var text = ChangeLogMarkdown.header + "\n"
        for i in (0..<150).reversed() { text += "## entry \(i)\n\n- a line with ## inside\n\n" }
        let kept = String(decoding: ChangeLogWriter.keptEntries(Array(text.utf8)), as: UTF8.self)
        let headings = kept.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings.count == ChangeLogWriter.markdownEntries - 1)
        #expect(headings.first == "## entry 149" && headings.last == "## entry 51")
        #expect(kept.hasSuffix("inside\n\n"))
        #expect(ChangeLogWriter.keptEntries(Array(ChangeLogMarkdown.header.utf8)).isEmpty)
    }
}

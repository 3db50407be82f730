import Testing
@testable import NorthstarCore

@Suite("Reading YAML through libyaml's event API")
struct YAMLEventReaderTests {
    let reader = YAMLEventReader()

    @Test("every node keeps its 1-based line and column")
    func locations() throws {
        let root = try #require(try reader.read("id: FA-1\nreach:\n  rural: 300\n  general: 5\n"))
        #expect(root.location == SourceLocation(line: 1, column: 1))
        let reach = try #require(root["reach"])
        #expect(reach.location == SourceLocation(line: 3, column: 3))
        let pairs = try #require(reach.mapping)
        #expect(pairs[0].key.location == SourceLocation(line: 3, column: 3))
        #expect(pairs[0].value.location == SourceLocation(line: 3, column: 10))
        #expect(pairs[1].value.scalar?.value == .int(5))
    }

    @Test("sequences, flow style and quoting are kept apart")
    func structure() throws {
        let root = try #require(try reader.read("tags: [a, \"5\", 5]\n"))
        let tags = try #require(root["tags"]?.sequence)
        #expect(tags.map { $0.scalar?.value } == [.string("a"), .string("5"), .int(5)])
    }

    @Test("an empty file has no document")
    func empty() throws {
        #expect(try reader.read("") == nil)
        #expect(try reader.read("# only a comment\n") == nil)
    }

    @Test("anchors and aliases are expanded by value")
    func aliases() throws {
        let root = try #require(try reader.read("base: &b {need: 3}\ncopy: *b\n"))
        #expect(root["copy"]?["need"]?.scalar?.value == .int(3))
        #expect(root["copy"]?.location == SourceLocation(line: 2, column: 7))
    }

    @Test("an alias bomb is refused within the budget, quickly")
    func aliasBomb() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (prev, name) in zip("abcdefgh", "bcdefghi") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(throws: YAMLReadError.self) { try reader.read(yaml) }
        do {
            _ = try reader.read(yaml)
        } catch {
            #expect(error.code == .yamlAliasBudget)
        }
    }

    @Test("deep nesting is refused without recursion")
    func deep() {
        let yaml = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        do {
            _ = try reader.read(yaml)
            Issue.record("accepted 10,000 levels")
        } catch {
            #expect(error.code == .yamlTooDeep)
            #expect(error.location == SourceLocation(line: 1, column: 65))
        }
    }

    @Test("each malformed input is a located error", arguments: [
        ("a: 1\n---\nb: 2\n", "yaml-multiple-documents", 2, 1),
        ("a: *nowhere\n", "yaml-unknown-anchor", 1, 4),
        ("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3, 1),
        ("a: 1\n b: 2\n", "yaml-syntax", 2, 3),
        ("a: [1, 2\n", "yaml-syntax", 2, 1),
        ("a: \"\u{7}\"\n", "yaml-syntax", 1, 5),
    ])
    func malformed(yaml: String, code: String, line: Int, column: Int) {
        do {
            _ = try reader.read(yaml)
            Issue.record("accepted \(yaml.debugDescription)")
        } catch {
            #expect(error.code.rawValue == code)
            #expect(error.location == SourceLocation(line: line, column: column))
        }
    }

    @Test("a repeated key is found in a mapping of any length, and named with its first place",
          arguments: [1, 2, 15, 16, 17, 40], [0.0, 0.5, 1.0])
    func repeatedKey(keys: Int, at fraction: Double) {
        let lines = (0..<keys).map { "k\($0): \($0)" }
        let repeated = Int(Double(keys - 1) * fraction)
        #expect((try? reader.read(lines.joined(separator: "\n") + "\n")) != nil, "\(keys) distinct keys")
        do {
            _ = try reader.read((lines + ["k\(repeated): again"] + ["z: 1"]).joined(separator: "\n") + "\n")
            Issue.record("accepted k\(repeated) twice among \(keys)")
        } catch {
            #expect(error.code == .yamlDuplicateKey)
            #expect(error.location == SourceLocation(line: keys + 1, column: 1))
            guard case .duplicateKey(let key, _, let first) = error else { Issue.record("\(error)"); return }
            #expect(key == "k\(repeated)")
            #expect(first == SourceLocation(line: repeated + 1, column: 1))
        }
    }

    @Test("keys repeat freely across nested and sibling mappings; a repeat within one is found after its children closed")
    func keysPerMapping() throws {
        let fine = "a: {a: 1, b: {a: 2}}\nb: [{a: 1, b: 2}, {a: 3, b: 4}]\nc: {b: 1}\nd:\n  a: {c: 1}\n  c: 2\n"
        #expect(try reader.read(fine) != nil)
        do {
            _ = try reader.read("a: 1\nb:\n  a: {b: 1, c: [x, {b: 2}]}\n  c: 3\n  a: 4\nc: 5\n")
            Issue.record("accepted 'a' twice in b's mapping")
        } catch {
            guard case .duplicateKey(let key, let at, let first) = error else { Issue.record("\(error)"); return }
            #expect(key == "a" && at == SourceLocation(line: 5, column: 3) && first == SourceLocation(line: 3, column: 3))
        }
    }

    @Test("invalid UTF-8 is a syntax error located at the bad byte, not a crash")
    func invalidUTF8() {
        do {
            _ = try reader.read(Array("id: A\ntitle: é".utf8) + [0xff, 0xfe, 0x0a])
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.code == .yamlSyntax)
            #expect(error.location == SourceLocation(line: 2, column: 9))
            #expect(error.message.contains("0xFF"))
        }
    }
}

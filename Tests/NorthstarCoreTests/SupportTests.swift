import Testing
@testable import NorthstarCore

@Suite("Support: digests, suggestions, paths")
struct SupportTests {
    @Test("SHA-256 matches the FIPS test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(input: String, hex: String) {
        #expect(SHA256.hex(Array(input.utf8)) == hex)
    }

    @Test("did-you-mean finds typos and ignores strangers", arguments: [
        ("confidance", "confidence"), ("depends-on", "depends_on"), ("titel", "title"), ("xyzzy", nil), ("rual", "rural"),
    ] as [(String, String?)])
    func suggestion(word: String, expected: String?) {
        #expect(Suggestion.closest(to: word, in: BacklogFileLoader.knownFields + ["rural"]) == expected)
    }

    @Test("path arithmetic", arguments: [
        ("../b", "/a/c", "/a/b"), ("x/./y/../z", "/r", "/r/x/z"), ("/abs", "/r", "/abs"), ("../../..", "/a", "/"),
    ])
    func resolve(relative: String, base: String, expected: String) {
        #expect(Paths.resolve(relative, against: base) == expected)
    }

    @Test("relative paths between folders")
    func relative() {
        #expect(Paths.relative("/r/config/n.yaml", to: "/r/examples/backlog") == "../../config/n.yaml")
        #expect(Paths.relative("/r/a/b.yaml", to: "/r") == "a/b.yaml")
        #expect(Paths.isInside("/r/out/x", "/r/out"))
        #expect(!Paths.isInside("/r/output", "/r/out"))
    }
}

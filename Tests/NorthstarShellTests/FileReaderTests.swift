import Foundation
import NorthstarProbe
import NorthstarShell
import Testing

/// Bounded reads of backlog files: whole files up to the limit, a clear failure past it.
@Suite("Reading a file within a limit")
struct FileReaderTests {
    @Test("sizes around the limit: empty, small, exactly the limit, one byte over", arguments: [0, 1, 4095, 4096, 4097, 70_000])
    func sizes(size: Int) throws {
        let folder = try TemporaryFolder()
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        _ = FileManager.default.createFile(atPath: folder.path + "/f", contents: Data(bytes))
        let limit = size == 70_000 ? 100_000 : 4096
        switch FileReader.read(folder.path + "/f", limit: limit) {
        case .success(let read):
            #expect(size <= limit && read == bytes, "\(size) bytes")
            // Bounded rather than exact: malloc may hand back a block a little larger than asked for.
            #expect(read.capacity < size + 64, "no spare capacity kept beyond the file")
        case .failure(let failure):
            #expect(size > limit, "\(size) bytes: \(failure.message)")
            if case .tooLarge(let found) = failure { #expect(found == size) } else { Issue.record("\(failure.message)") }
        }
    }

    @Test("a folder or a FIFO is refused without blocking")
    func notRegular() throws {
        let folder = try TemporaryFolder()
        #expect(mkfifo(folder.path + "/fifo", 0o600) == 0)
        for (name, kind) in [("", "a folder"), ("/fifo", "a FIFO")] {
            guard case .failure(.notRegular(let found)) = FileReader.read(folder.path + name, limit: 10) else {
                Issue.record("\(kind) was read")
                continue
            }
            #expect(found == kind)
        }
    }
}

import Foundation
import NorthstarProbe
import Testing

/// The probe's children (crash-test daemons, benchmark runs) must not hold the test process's
/// files open: a backlog file that a soak is rewriting in place on another thread would stay
/// open for writing in a daemon that lives for seconds, its close-after-write event would come
/// only when that daemon died, and the soak's daemon would be blamed for a save it was never
/// told about.
@Suite("Probe: spawned processes")
struct SpawnedProcessTests {
    @Test("a spawned child inherits stdin, stdout and stderr, and no other descriptor")
    func childInheritsOnlyStandardDescriptors() throws {
        let folder = try TemporaryFolder()
        // Opened the way Foundation's in-place write opens a file: without close-on-exec.
        let held = open(folder.path + "/backlog.yaml", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(held >= 0)
        defer { close(held) }
        let high = dup2(held, 200)
        try #require(high == 200)
        defer { close(high) }

        let child = try SpawnedProcess("/bin/sleep", ["30"])
        defer {
            child.signal(SIGKILL)
            _ = child.wait()
        }
        // posix_spawn returns once the child has replaced itself with `sleep`.
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(child.pid)/fd").compactMap(Int.init).sorted()
        #expect(open == [0, 1, 2])
        let targets = open.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(child.pid)/fd/\($0)") }
        #expect(!targets.contains(folder.path + "/backlog.yaml"))
    }
}

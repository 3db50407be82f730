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
    @Test("a spawned child has descriptors 0, 1 and 2 only (/dev/null and its log)")
    func childHasOnlyStandardDescriptors() throws {
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
        // The dynamic loader and the C library's start-up open files of their own for a moment
        // after exec (posix_spawn returns at the exec, before any of that); an inherited
        // descriptor never goes away. So wait, within a deadline, for the child to be asleep
        // (past its start-up), then look at what it holds.
        func descriptors() -> [Int] {
            ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(child.pid)/fd")) ?? []).compactMap(Int.init).sorted()
        }
        func isAsleep() -> Bool {
            // /proc/PID/stat: `pid (comm) state ...`; the state follows the last parenthesis.
            guard let stat = try? String(contentsOfFile: "/proc/\(child.pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("S")
                && stat.contains("(sleep)")
        }
        let deadline = Date().addingTimeInterval(5)
        while !isAsleep(), Date() < deadline { usleep(10_000) }
        #expect(isAsleep(), "the child never got to its sleep")
        #expect(descriptors() == [0, 1, 2])
        let targets = descriptors().compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(child.pid)/fd/\($0)") }
        #expect(!targets.contains(folder.path + "/backlog.yaml"))
    }
}

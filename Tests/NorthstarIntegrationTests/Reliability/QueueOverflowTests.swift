import Foundation
import NorthstarProbe
import Testing

/// The kernel's inotify queue holds `fs.inotify.max_queued_events` events; past that it drops
/// them and queues one overflow event. The daemon must then read everything again and watch
/// what it may have missed, never keep a ranking that the lost events would have changed.
@Suite("Reliability: inotify queue overflow", .serialized)
struct QueueOverflowTests {
    static var queueLimit: Int? {
        (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits until every thread of `pid` is stopped (state `T` in /proc), at most 10 s.
    static func waitUntilStopped(_ pid: Int32) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
            let states = tasks.compactMap { task -> Character? in
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8),
                      let close = stat.lastIndex(of: ")") else { return nil }
                return stat[stat.index(after: close)...].first { $0 != " " }
            }
            if !states.isEmpty, states.count == tasks.count, states.allSatisfy({ $0 == "T" }) { return true }
            usleep(5_000)
        }
        return false
    }

    @Test("changes lost in an overflow are read by the rescan, new folders are watched, departed ones are not",
          .enabled(if: (queueLimit ?? .max) <= 200_000, "the queue limit is too large to fill in a test"))
    func overflow() throws {
        let limit = try #require(Self.queueLimit)
        let folder = try TemporaryFolder()
        let files = [
            "a.yaml": DaemonTests.item("A"), "b.yaml": DaemonTests.item("B"), "c.yaml": DaemonTests.item("C", reach: 100),
            "keep/k.yaml": DaemonTests.item("K"), "gone/g.yaml": DaemonTests.item("G"),
        ]
        for (path, text) in files { try folder.write("backlog/" + path, text) }
        try folder.writeConfig(extra: "watch: {settle_ms: 100, max_delay_ms: 2000}\nuncertainty: {draws: 0}\nmetrics_path: metrics.prom")
        let d = try DaemonHarness(folder: folder, arguments: ["--timings"])  // passes name the files they read
        func foldersWatched() -> Int? {
            let text = (try? folder.read("metrics.prom")) ?? ""
            return text.split(separator: "\n").first { $0.hasPrefix("northstar_folders_watched{") }
                .flatMap { $0.split(separator: " ").last.flatMap { Int($0) } }
        }
        d.expectEventually("five items") { d.rankedIDs == ["A", "B", "C", "K", "G"] }
        d.expectEventually("three folders watched") { foldersWatched() == 3 }

        // With the daemon stopped (every thread: one still reading would drain the queue), fill
        // its queue: alternating files, so that the kernel cannot merge one event into the one
        // before it.
        d.send(SIGSTOP)
        defer { d.send(SIGCONT) }  // should anything below throw: a stopped daemon never ends
        #expect(Self.waitUntilStopped(d.process.processIdentifier), "the daemon did not stop")
        let a = d.backlog + "/a.yaml", b = d.backlog + "/b.yaml"
        for i in 0..<(limit + limit / 8) { chmod(i % 2 == 0 ? a : b, i % 4 < 2 ? 0o644 : 0o640) }
        // These events are lost: only a full read of the backlog can see them.
        try folder.write("backlog/c.yaml", DaemonTests.item("C", reach: 900))
        try folder.write("backlog/new/n.yaml", DaemonTests.item("N", reach: 300))
        #expect(rename(d.backlog + "/gone", folder.path + "/gone-elsewhere") == 0)
        d.send(SIGCONT)

        d.expectEventually("the overflow logged") { d.log.contains("the inotify event queue overflowed") }
        d.expectEventually("the lost edit, the new folder's item and the departed folder's item as a cold scan sees them") {
            d.item("C")?["reach_total"] as? Double == 900 && d.rankedIDs == ["A", "B", "C", "K", "N"]
        }
        // The folder made while events were lost is watched from now on.
        try folder.write("backlog/new/n.yaml", DaemonTests.item("N", reach: 777))
        d.expectEventually("an edit inside the new folder") { d.item("N")?["reach_total"] as? Double == 777 }
        // The folder moved away is no longer watched (its watch would name its old path).
        d.expectEventually("three folders watched: the backlog, keep and new") { foldersWatched() == 3 }
        // An edit in the folder moved away reads nothing: with its watch left in place, the
        // daemon would read backlog/gone/g.yaml (its old path) in a pass of its own, which
        // `--timings` names; a sentinel edit afterwards shows that pass would have been logged.
        try folder.write("gone-elsewhere/g.yaml", DaemonTests.item("G", reach: 5))
        usleep(500_000)  // past the settle time
        try folder.write("backlog/keep/k.yaml", DaemonTests.item("K", reach: 555))
        d.expectEventually("the sentinel's pass logged") { d.rankedLines.contains { $0.contains("backlog/keep/k.yaml") } }
        #expect(d.item("K")?["reach_total"] as? Double == 555)
        #expect(!d.rankedLines.contains { $0.contains("backlog/gone/g.yaml") }, "\(d.rankedLines.suffix(3))")
        #expect(d.terminate() == 0)
        print("overflow: a queue of \(limit) events overflowed; the rescan read the lost edit, the new folder was watched, the departed one was not")
    }
}

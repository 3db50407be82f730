import Foundation
import Testing

/// Resource faults that need no root-wide change: the inotify watch limit is lowered inside a
/// user namespace of the daemon's own (Linux keeps inotify limits per user namespace), so
/// nothing else on the machine is touched.
@Suite("Reliability: resource faults")
struct ResourceFaultTests {
    /// Whether this machine lets an unprivileged user namespace set its own inotify limits.
    static var canLimitWatches: Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["--user", "--map-root-user", "sh", "-c", "echo 3 > /proc/sys/user/max_inotify_watches"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test("the inotify watch limit reached: the daemon says so and rescans periodically, so nothing goes stale",
          .enabled(if: ResourceFaultTests.canLimitWatches, "needs unprivileged user namespaces to lower the inotify limit"))
    func watchLimit() throws {
        let folder = try TemporaryFolder()
        for i in 0..<6 { try folder.write("backlog/f\(i)/x/i\(i).yaml", "id: I\(i)\nobjectives: {food-security: 1}\nneed: 3\nreach: 10\ncost: 1\n") }
        try folder.writeConfig(extra: "metrics_path: metrics.prom")
        let d = try DaemonHarness(folder: folder, launcher: [
            "/usr/bin/unshare", "--user", "--map-root-user", "sh", "-c",
            "echo 3 > /proc/sys/user/max_inotify_watches && exec \"$0\" \"$@\"",
        ])
        d.expectEventually("the limit reported") { d.log.contains("inotify watch limit") && d.log.contains("falling back to a full rescan every 5 s") }
        #expect(d.rankedIDs.count == 6, "every item ranked though not every folder is watched")
        // Edits in every folder — most of which could not be watched — still arrive, through
        // the periodic rescan (3 watches cannot cover 13 folders).
        for i in 0..<6 { try folder.write("backlog/f\(i)/x/i\(i).yaml", "id: I\(i)\nobjectives: {food-security: 1}\nneed: 3\nreach: \(900 + i)\ncost: 1\n") }
        d.expectEventually("the edits picked up by a periodic rescan", seconds: 15) {
            (0..<6).allSatisfy { d.item("I\($0)")?["reach_total"] as? Double == Double(900 + $0) }
        }
        #expect(d.log.contains("rescan"))
        d.expectEventually("the metrics say watching is degraded") { ((try? folder.read("metrics.prom")) ?? "").contains("northstar_watch_degraded{team=\"northstar\"} 1") }
        #expect(d.terminate() == 0)
        print("resource: watch limit 3 -> degraded mode logged, edit in an unwatched folder ranked by the periodic rescan")
    }
}

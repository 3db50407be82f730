import Foundation
import NorthstarCore
import NorthstarProbe
import Testing

@Suite("Running under systemd", .serialized)
struct SystemdTests {
    static func daemon(environment: [String: String], folder: TemporaryFolder, extraConfig: String = "") throws -> DaemonHarness {
        try folder.write("backlog/a.yaml", "id: A\nobjectives: {food-security: 1}\nneed: 3\nreach: 10\ncost: 1\n")
        try folder.writeConfig(extra: extraConfig)
        return try DaemonHarness(folder: folder, environment: environment)
    }

    static func index(_ messages: [String], _ predicate: (String) -> Bool) -> Int? { messages.firstIndex(where: predicate) }

    @Test("sd_notify: READY, STATUS, WATCHDOG, RELOADING then READY on SIGHUP, STOPPING on SIGTERM, in that order",
          arguments: [false, true])
    func notify(abstract: Bool) throws {
        let folder = try TemporaryFolder()
        let socket = NotifySocket(abstract: abstract, folder: folder.path)
        let d = try Self.daemon(environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "400000"], folder: folder)
        #expect(socket.receive { m in m.contains { $0.contains("READY=1") } && m.filter { $0 == "WATCHDOG=1" }.count >= 3 }, "\(socket.messages)")
        let ready = try #require(Self.index(socket.messages) { $0.contains("READY=1") })
        #expect(socket.messages[ready].contains("STATUS=1 items ranked, 0 errors, last change "))
        // The bundled config has a capacity: the status says what the plan funds.
        #expect(socket.messages[ready].contains(", 1 funded of 1"), "\(socket.messages[ready])")
        #expect(Self.index(socket.messages) { $0 == "WATCHDOG=1" }.map { $0 > ready } == true)
        d.send(SIGHUP)
        #expect(socket.receive { m in
            guard let r = m.lastIndex(where: { $0.hasPrefix("RELOADING=1") }) else { return false }
            return m[r...].contains { $0.contains("READY=1") }
        }, "\(socket.messages)")
        let reloading = try #require(socket.messages.lastIndex { $0.hasPrefix("RELOADING=1") })
        #expect(socket.messages[reloading].contains("\nMONOTONIC_USEC="))
        #expect(reloading > ready)
        #expect(d.terminate() == 0)
        socket.receive(seconds: 2) { $0.contains { $0.hasPrefix("STOPPING=1") } }
        let stopping = try #require(Self.index(socket.messages) { $0.hasPrefix("STOPPING=1") }, "\(socket.messages)")
        #expect(stopping > reloading)
        // Every recomputation updates STATUS.
        #expect(socket.messages.contains { $0.hasPrefix("STATUS=1 items ranked") })
    }

    @Test("under journald (JOURNAL_STREAM set) every log line carries its syslog priority")
    func journald() throws {
        let folder = try TemporaryFolder()
        let d = try Self.daemon(environment: ["JOURNAL_STREAM": "8:12345"], folder: folder)
        try folder.write("backlog/bad.yaml", "id: [\n")
        d.expectEventually("the bad file logged") { d.log.contains("1 error") }
        try folder.write("northstar.yaml", "objectives: {a: 1}\nscoring: {model: nope}\n")
        d.expectEventually("the rejected config logged") { d.log.contains("rejected") }
        #expect(d.terminate() == 0)
        let lines = d.log.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines { #expect(line.wholeMatch(of: /<[0-7]>.+/) != nil, "no priority: \(line)") }
        #expect(lines.contains { $0.hasPrefix("<6>ranked 1 items (start-up)") })
        #expect(lines.contains { $0.hasPrefix("<3>") && $0.contains("unknown scoring model 'nope'") })
        #expect(lines.contains { $0.hasPrefix("<6>stopping on SIGTERM") })
    }

    @Test("northstar.prom parses as Prometheus text format, with the figures of the last recomputation")
    func metrics() throws {
        let folder = try TemporaryFolder()
        let d = try Self.daemon(environment: [:], folder: folder, extraConfig: "metrics_path: metrics.prom")
        try folder.write("backlog/b.yaml", "id: B\nobjectives: {food-security: 1}\nneed: 3\nreach: 10\ncost: 1\n")
        d.expectEventually("two items in the metrics") {
            ((try? folder.read("metrics.prom")) ?? "").contains("northstar_items_ranked{team=\"northstar\"} 2")
        }
        #expect(d.terminate() == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/northstar.prom"))
        let text = try folder.read("metrics.prom")
        // A real parser: Python's prometheus_client (installed by `make test`).
        let script = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            families = {f.name: f for f in text_string_to_metric_families(sys.stdin.read())}
            for name in ["northstar_items_ranked", "northstar_files_watched", "northstar_errors", "northstar_warnings",
                         "northstar_last_recompute_duration_seconds", "northstar_last_success_timestamp_seconds",
                         "northstar_recomputations", "northstar_rescans", "northstar_plan_capacity",
                         "northstar_plan_funded_cost", "northstar_plan_funded_value", "northstar_plan_funded_items"]:
                family = families[name]
                sample = family.samples[0]
                assert sample.labels == {"team": "northstar"}, sample
                assert sample.timestamp is None, sample
                print(name, family.type, float(sample.value))
            """
        let python = try Python.run(script, input: text)
        let printed = python.stdout
        #expect(python.status == 0, "\(printed)\n\(python.stderr)\n\(text)")
        #expect(printed.contains("northstar_items_ranked gauge 2.0"))
        #expect(printed.contains("northstar_recomputations counter 2.0"))
        #expect(printed.contains("northstar_errors gauge 0.0"))
        #expect(printed.contains("northstar_plan_capacity gauge 40.0"))
        #expect(printed.contains("northstar_plan_funded_items gauge 2.0"))
        #expect(printed.contains("northstar_plan_funded_cost gauge 2.0"))
    }
}

/// A unit file's assignments, read the way systemd reads them for the directives tested here.
struct UnitFile {
    /// Every `Key=value` line in order (comments, blank lines and section headers left out).
    var assignments: [(key: String, value: String)]

    /// Reads `systemd/<name>`, with `%i` replaced by `instance` for the template.
    init(_ name: String, instance: String? = nil) throws {
        var text = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/systemd/" + name, encoding: .utf8)
        if let instance { text = text.replacingOccurrences(of: "%i", with: instance) }
        assignments = text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }
    }

    /// The values of every assignment of `key`.
    func values(_ key: String) -> [String] { assignments.filter { $0.key == key }.map(\.value) }

    /// The space-separated entries of `key`, without the `-` (missing is fine) and `+` prefixes.
    func entries(_ key: String) -> [String] {
        values(key).flatMap { $0.split(separator: " ").map { String($0.drop { $0 == "-" || $0 == "+" }) } }
    }

    /// What each bind mount shows where: `SOURCE[:DESTINATION[:OPTIONS]]`.
    var binds: [(source: String, destination: String)] {
        (entries("BindPaths") + entries("BindReadOnlyPaths")).map { entry in
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let source = parts.first ?? entry
            return (source, parts.count > 1 ? parts[1] : source)
        }
    }

    /// Whether the service sees `path` in its mount namespace. Under `ProtectSystem=strict` the
    /// whole tree stays visible (read-only), except below a `TemporaryFileSystem=` (an empty
    /// folder) or an `InaccessiblePaths=`, where only what a bind mount or `StateDirectory=`
    /// puts back is there.
    func sees(_ path: String) -> Bool {
        let emptied = entries("TemporaryFileSystem").map { String($0.prefix { $0 != ":" }) } + entries("InaccessiblePaths")
        guard emptied.contains(where: { Paths.isInside(path, $0) }) else { return true }
        let mounted = binds.map(\.destination) + entries("StateDirectory").map { "/var/lib/" + $0 }
        return mounted.contains { Paths.isInside(path, $0) }
    }

    /// Whether anything of `path` is mounted into the service from elsewhere.
    func mountsFrom(_ path: String) -> Bool {
        binds.contains { Paths.isInside($0.source, path) || Paths.isInside(path, $0.source) }
    }
}

@Suite("The systemd units")
struct SystemdUnitTests {
    static let hasAnalyze = FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")

    /// Runs `systemd-analyze ARGS` and returns its status and everything it printed.
    static func analyze(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    @Test("systemd-analyze rates both units 0.4 or lower (the template instantiated)",
          .enabled(if: hasAnalyze, "no systemd-analyze on this machine"))
    func security() throws {
        let folder = try TemporaryFolder()
        let template = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/systemd/northstar@.service", encoding: .utf8)
        try folder.write("northstar@team-a.service", template)
        for unit in [NorthstarBinary.repositoryRoot + "/systemd/northstar.service", folder.path + "/northstar@team-a.service"] {
            // --threshold=20: exit 1 above 2.0.
            let (status, output) = try Self.analyze(["security", "--offline=yes", "--threshold=20", unit])
            #expect(status == 0, "\(output)")
            let level = output.firstMatch(of: /Overall exposure level for .*: (\d+\.\d)/).flatMap { Double($0.1) }
            #expect(level.map { $0 <= 0.4 } == true, "\(output.suffix(300))")
        }
    }

    @Test("systemd-analyze verify accepts both units without a word (the template instantiated)",
          .enabled(if: hasAnalyze, "no systemd-analyze on this machine"))
    func verify() throws {
        // verify fails when ExecStart's program is not an executable on this machine, and
        // --root= would need a whole OS tree (sysinit.target, /bin/kill): so the units are
        // staged with /usr/local/bin/northstar replaced by the binary built beside the tests.
        let folder = try TemporaryFolder()
        for (name, staged) in [("northstar.service", "northstar.service"), ("northstar@.service", "northstar@team-a.service")] {
            let unit = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/systemd/" + name, encoding: .utf8)
            #expect(unit.contains("ExecStart=/usr/local/bin/northstar "))
            try folder.write(staged, unit.replacingOccurrences(of: "=/usr/local/bin/northstar ", with: "=\(NorthstarBinary.path) "))
        }
        let (status, output) = try Self.analyze(["verify", folder.path + "/northstar.service", folder.path + "/northstar@team-a.service"])
        #expect(status == 0, "\(output)")
        // verify exits 0 on an unknown key or an ignored relative path too; it only says so.
        #expect(output.isEmpty, "\(output)")
    }

    @Test("the units run the daemon as a notify service with watchdog, reload, restart and sandbox")
    func directives() throws {
        for name in ["northstar.service", "northstar@.service"] {
            let unit = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/systemd/" + name, encoding: .utf8)
            for directive in ["Type=notify", "WatchdogSec=", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure",
                              "ProtectSystem=strict", "PrivateNetwork=yes", "NoNewPrivileges=yes", "StateDirectory=northstar",
                              "CapabilityBoundingSet=\n", "SystemCallFilter=@system-service", "RestrictAddressFamilies=AF_UNIX", "MemoryDenyWriteExecute=yes"] {
                #expect(unit.contains(directive), "\(name) lacks \(directive)")
            }
        }
        // The single-team unit: the static user `make install` creates, the backlog read-only.
        let single = try UnitFile("northstar.service")
        #expect(single.values("User") == ["northstar"])
        #expect(single.entries("ReadOnlyPaths") == ["/srv/northstar"])
        #expect(single.values("StateDirectory") == ["northstar"])
        let template = try UnitFile("northstar@.service", instance: "team-a")
        #expect(template.values("ExecStart") == ["/usr/local/bin/northstar watch --config /etc/northstar/team-a/team-a.yaml"])
        // It can read every team's folders, so it never runs beside an instance.
        #expect(template.values("Conflicts") == ["northstar.service"])
    }

    @Test("an instance runs as a user of its own and sees its own config folder, backlog and output folder, no other team's")
    func isolation() throws {
        let unit = try UnitFile("northstar@.service", instance: "team-a")
        // A user per instance: no file access or inotify budget shared with another team.
        #expect(unit.values("DynamicUser") == ["yes"])
        #expect(unit.values("User").isEmpty && unit.values("Group").isEmpty, "a static user is shared by every instance")
        let config = try #require(unit.values("ExecStart").first?.firstMatch(of: /--config (\S+)/).map { String($0.1) })
        #expect(config == "/etc/northstar/team-a/team-a.yaml")
        // The daemon watches the config's folder, and a file bind mount would pin the old inode.
        #expect(unit.sees(config) && unit.sees("/etc/northstar/team-a"))
        #expect(!unit.binds.contains { $0.destination == config }, "the config file itself is bound: \(unit.binds)")
        #expect(unit.sees("/srv/northstar/team-a/backlog/pantry/FA-3.yaml"))
        #expect(unit.sees("/var/lib/northstar/team-a/ranking.json"))
        #expect(unit.values("StateDirectory") == ["northstar/team-a"], "the output folder is the only writable one")
        #expect(unit.entries("ReadWritePaths").isEmpty && unit.entries("BindPaths").isEmpty)
        for other in ["/srv/northstar/team-b", "/srv/northstar/team-b/backlog/x.yaml", "/srv/northstar/backlog",
                      "/etc/northstar/team-b.yaml", "/etc/northstar/team-b/team-b.yaml", "/etc/northstar/northstar.yaml",
                      "/var/lib/northstar/team-b", "/var/lib/northstar/team-b/ranking.json", "/var/lib/northstar/ranking.json"] {
            #expect(!unit.sees(other), "team-a sees \(other)")
            #expect(!unit.mountsFrom(other), "team-a has \(other) mounted in")
        }
    }
}

@Suite("sd_notify never blocks the daemon")
struct NotifyBackpressureTests {
    @Test("a notify socket nobody reads does not stop the daemon from ranking or from exiting")
    func unreadSocket() throws {
        let folder = try TemporaryFolder()
        let socket = NotifySocket(abstract: true, folder: folder.path)
        try folder.write("backlog/a.yaml", "id: A\nobjectives: {food-security: 1}\nneed: 3\nreach: 10\ncost: 1\n")
        try folder.writeConfig()
        let d = try DaemonHarness(folder: folder, environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "20000"])
        // The socket's queue (10 datagrams) fills within a fraction of a second of pings; the
        // daemon must go on ranking edits all the same.
        for i in 1...15 {
            try folder.write("backlog/a.yaml", "id: A\nobjectives: {food-security: 1}\nneed: 3\nreach: \(10 + i)\ncost: 1\n")
            d.expectEventually("edit \(i) ranked") { d.item("A")?["reach_total"] as? Double == Double(10 + i) }
        }
        #expect(d.terminate() == 0)
    }
}

import Foundation
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
                         "northstar_recomputations", "northstar_rescans"]:
                family = families[name]
                sample = family.samples[0]
                assert sample.labels == {"team": "northstar"}, sample
                assert sample.timestamp is None, sample
                print(name, family.type, float(sample.value))
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe()
        python.standardInput = input
        python.standardOutput = output
        python.standardError = output
        try python.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        input.fileHandleForWriting.closeFile()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0, "\(printed)\n\(text)")
        #expect(printed.contains("northstar_items_ranked gauge 2.0"))
        #expect(printed.contains("northstar_recomputations counter 2.0"))
        #expect(printed.contains("northstar_errors gauge 0.0"))
    }
}

@Suite("The systemd units")
struct SystemdUnitTests {
    /// Runs `systemd-analyze security --offline=yes --threshold=20` (exit 1 above 2.0).
    static func rate(_ unit: String) throws -> (status: Int32, output: String)? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        p.arguments = ["security", "--offline=yes", "--threshold=20", unit]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    @Test("systemd-analyze rates both units 2.0 or lower (the template instantiated)")
    func security() throws {
        let folder = try TemporaryFolder()
        let template = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/systemd/northstar@.service", encoding: .utf8)
        try folder.write("northstar@team-a.service", template)
        for unit in [NorthstarBinary.repositoryRoot + "/systemd/northstar.service", folder.path + "/northstar@team-a.service"] {
            guard let (status, output) = try Self.rate(unit) else { return }  // no systemd-analyze on this machine
            #expect(status == 0, "\(output)")
            let level = output.firstMatch(of: /Overall exposure level for .*: (\d+\.\d)/).flatMap { Double($0.1) }
            #expect(level.map { $0 <= 2.0 } == true, "\(output.suffix(300))")
        }
    }

    @Test("the units run the daemon as a notify service with watchdog, reload, restart and sandbox")
    func directives() throws {
        for name in ["northstar.service", "northstar@.service"] {
            let unit = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/systemd/" + name, encoding: .utf8)
            for directive in ["Type=notify", "WatchdogSec=", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "User=northstar",
                              "ProtectSystem=strict", "ReadOnlyPaths=", "ReadWritePaths=", "PrivateNetwork=yes", "NoNewPrivileges=yes",
                              "CapabilityBoundingSet=\n", "SystemCallFilter=@system-service", "RestrictAddressFamilies=AF_UNIX", "MemoryDenyWriteExecute=yes"] {
                #expect(unit.contains(directive), "\(name) lacks \(directive)")
            }
        }
        let template = try String(contentsOfFile: NorthstarBinary.repositoryRoot + "/systemd/northstar@.service", encoding: .utf8)
        #expect(template.contains("--config /etc/northstar/%i.yaml"))
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

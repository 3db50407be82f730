import Foundation
import NorthstarProbe

/// What Northstar's phases are measured against, on the same files in the same run: (a)
/// reading every backlog file, (b) libyaml's own event loop over every file, in C on one
/// thread (a small program the bench compiles, no Swift in the loop), (c) copying the bytes of
/// the outputs (`cp -R` of the output folder), and (c+) that copy made durable (`sync` of the
/// copied files: each `fsync`ed, as Northstar's outputs are). Machines differ; ratios to these
/// floors travel. The bench measures them once per cold rank, just before and after it, so each
/// ratio's two sides share the machine's state (a shared virtual machine's speed can swing by
/// half within minutes).
struct Floors {
    /// (a) Reading every backlog file into memory, per run, in ms.
    var read: [Double] = []
    /// (b) libyaml's event loop over every file already in memory, per run, in ms.
    var parse: [Double] = []
    /// (c) `cp -R` of the output folder, per run, in ms.
    var copy: [Double] = []
    /// (c+) `cp -R` of the output folder and then `sync` of every copied file, per run, in ms.
    var durableCopy: [Double] = []
    /// YAML events libyaml produced in one pass.
    var events = 0
    /// Bytes of backlog files read in one pass.
    var bytes = 0
    /// Bytes of outputs copied.
    var outputBytes = 0

    /// The C program: reads the files named one per line in argv[1] (timed: floor a), then
    /// parses each buffer to its last event (timed: floor b).
    static let source = """
        #include <yaml.h>
        #include <fcntl.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/stat.h>
        #include <time.h>
        #include <unistd.h>

        static double now_ms(void) {
            struct timespec t;
            clock_gettime(CLOCK_MONOTONIC, &t);
            return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
        }

        int main(int argc, char **argv) {
            if (argc != 2) return 2;
            FILE *list = fopen(argv[1], "r");
            if (!list) return 2;
            size_t n = 0, cap = 1024;
            char **paths = malloc(cap * sizeof *paths);
            char line[4096];
            while (fgets(line, sizeof line, list)) {
                line[strcspn(line, "\\n")] = 0;
                if (n == cap) paths = realloc(paths, (cap *= 2) * sizeof *paths);
                paths[n++] = strdup(line);
            }
            fclose(list);
            unsigned char **bufs = malloc(n * sizeof *bufs);
            size_t *lens = malloc(n * sizeof *lens);
            long total = 0, events = 0;
            double t0 = now_ms();
            for (size_t i = 0; i < n; i++) {
                int fd = open(paths[i], O_RDONLY);
                struct stat st;
                if (fd < 0 || fstat(fd, &st) != 0) return 3;
                bufs[i] = malloc(st.st_size + 1);
                ssize_t got = 0;
                while (got < st.st_size) {
                    ssize_t r = read(fd, bufs[i] + got, st.st_size - got);
                    if (r <= 0) break;
                    got += r;
                }
                close(fd);
                lens[i] = got;
                total += got;
            }
            double t1 = now_ms();
            for (size_t i = 0; i < n; i++) {
                yaml_parser_t parser;
                yaml_event_t event;
                yaml_parser_initialize(&parser);
                yaml_parser_set_input_string(&parser, bufs[i], lens[i]);
                int done = 0;
                while (!done) {
                    if (!yaml_parser_parse(&parser, &event)) break;
                    done = event.type == YAML_STREAM_END_EVENT;
                    yaml_event_delete(&event);
                    events++;
                }
                yaml_parser_delete(&parser);
            }
            double t2 = now_ms();
            printf("%.3f %.3f %ld %ld\\n", t1 - t0, t2 - t1, events, total);
            return 0;
        }

        """

    /// Compiles the program into `folder` with the system's C compiler and libyaml.
    static func build(in folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try source.write(toFile: folder + "/floors.c", atomically: true, encoding: .utf8)
        // Any C compiler on the PATH: the Swift toolchain brings clang.
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        let compiler = ["cc", "clang", "gcc"].lazy.flatMap { name in folders.map { "\($0)/\(name)" } }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let compiler else { throw BenchError("the floors need a C compiler (cc) and libyaml-dev") }
        let exit = try SpawnedProcess(compiler, ["-O2", "-o", folder + "/floors", folder + "/floors.c", "-lyaml"], logPath: folder + "/cc.log").wait()
        guard exit.status == 0 else { throw BenchError("compiling the floors failed: \((try? String(contentsOfFile: folder + "/cc.log", encoding: .utf8)) ?? "")") }
        return folder + "/floors"
    }

    /// The compiled floor program, the list of backlog files it reads and a scratch folder.
    struct Program {
        let path: String
        let list: String
        let scratch: String
    }

    /// Compiles the program and lists the backlog files under `backlog`, in `scratch`.
    static func prepare(backlog: String, scratch: String) throws -> Program {
        let program = try build(in: scratch)
        let files = ((FileManager.default.enumerator(atPath: backlog)?.allObjects as? [String]) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { backlog + "/" + $0 }
        let list = scratch + "/files.txt"
        try (files.joined(separator: "\n") + "\n").write(toFile: list, atomically: true, encoding: .utf8)
        return Program(path: program, list: list, scratch: scratch)
    }

    /// Measures (a) and (b) once.
    mutating func measureFiles(with program: Program) throws {
        let log = program.scratch + "/floors.log"
        try? FileManager.default.removeItem(atPath: log)
        let exit = try SpawnedProcess(program.path, [program.list], logPath: log).wait()
        let fields = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard exit.status == 0, fields.count == 4, let read = Double(fields[0]), let parse = Double(fields[1]),
              let events = Int(fields[2]), let bytes = Int(fields[3]) else { throw BenchError("the floors program failed (\(exit.status))") }
        self.read.append(read)
        self.parse.append(parse)
        self.events = events
        self.bytes = bytes
    }

    /// Measures (c) and (c+) once, on the outputs in `output`.
    mutating func measureCopy(of output: String, with program: Program) throws {
        let copy = program.scratch + "/outputs-copy"
        try? FileManager.default.removeItem(atPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let cp = try SpawnedProcess("/bin/cp", ["-R", output, copy], logPath: program.scratch + "/cp.log").wait()
        guard cp.status == 0 else { throw BenchError("cp -R of the outputs failed") }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: copy)) ?? []).sorted()
        // `sync` without a file would flush every filesystem on the machine.
        guard !names.isEmpty else { throw BenchError("the output folder \(output) is empty") }
        // `sync FILE...` fsyncs each file (coreutils), as Northstar does each output before its rename.
        let sync = try SpawnedProcess("/bin/sync", names.map { copy + "/" + $0 }, logPath: program.scratch + "/sync.log").wait()
        guard sync.status == 0 else { throw BenchError("sync of the copied outputs failed") }
        self.copy.append(cp.seconds * 1000)
        durableCopy.append((cp.seconds + sync.seconds) * 1000)
        outputBytes = names.reduce(0) { sum, name in
            sum + (((try? FileManager.default.attributesOfItem(atPath: copy + "/" + name))?[.size] as? Int) ?? 0)
        }
    }
}

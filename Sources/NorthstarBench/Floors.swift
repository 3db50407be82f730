import Foundation
import NorthstarProbe

/// What Northstar's phases are measured against, on the same files in the same run: (a)
/// reading every backlog file, (b) libyaml's own event loop over every file, in C on one
/// thread (a small program the bench compiles, no Swift in the loop), (c) copying the bytes of
/// the outputs (`cp -R` of the output folder). Machines differ; ratios to these floors travel.
struct Floors {
    /// (a) Reading every backlog file into memory, per run, in ms.
    var read: [Double] = []
    /// (b) libyaml's event loop over every file already in memory, per run, in ms.
    var parse: [Double] = []
    /// (c) `cp -R` of the output folder, per run, in ms.
    var copy: [Double] = []
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

    /// Measures the floors `runs` times: the backlog files under `backlog`, the outputs in
    /// `output` (copied into `scratch`).
    static func measure(backlog: String, output: String, runs: Int, scratch: String) throws -> Floors {
        let program = try build(in: scratch)
        let files = ((FileManager.default.enumerator(atPath: backlog)?.allObjects as? [String]) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { backlog + "/" + $0 }
        try (files.joined(separator: "\n") + "\n").write(toFile: scratch + "/files.txt", atomically: true, encoding: .utf8)
        var floors = Floors()
        for _ in 0..<runs {
            let log = scratch + "/floors.log"
            try? FileManager.default.removeItem(atPath: log)
            let exit = try SpawnedProcess(program, [scratch + "/files.txt"], logPath: log).wait()
            let fields = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" })
            guard exit.status == 0, fields.count == 4, let read = Double(fields[0]), let parse = Double(fields[1]),
                  let events = Int(fields[2]), let bytes = Int(fields[3]) else { throw BenchError("the floors program failed (\(exit.status))") }
            floors.read.append(read)
            floors.parse.append(parse)
            floors.events = events
            floors.bytes = bytes
            let copy = scratch + "/outputs-copy"
            try? FileManager.default.removeItem(atPath: copy)
            let cp = try SpawnedProcess("/bin/cp", ["-R", output, copy], logPath: scratch + "/cp.log").wait()
            guard cp.status == 0 else { throw BenchError("cp -R of the outputs failed") }
            floors.copy.append(cp.seconds * 1000)
        }
        floors.outputBytes = ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []).reduce(0) { sum, name in
            sum + (((try? FileManager.default.attributesOfItem(atPath: output + "/" + name))?[.size] as? Int) ?? 0)
        }
        try? FileManager.default.removeItem(atPath: scratch + "/outputs-copy")
        return floors
    }
}

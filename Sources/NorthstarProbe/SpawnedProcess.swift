import CSpawn
import Foundation

/// A child process started with posix_spawn and reaped with wait4, so that its peak memory
/// (ru_maxrss) can be read: what the benchmarks report as peak RSS. The child has descriptors
/// 0, 1 and 2 only (/dev/null and its log) and inherits none of this process's: a descriptor
/// open at that moment (say, a backlog file a test is rewriting on another thread) would
/// otherwise stay open in the child, and the kernel reports a file's close-after-write only
/// when its last descriptor closes.
public final class SpawnedProcess {
    /// The child's process id.
    public let pid: pid_t
    private let started: Date

    /// Starts `path` with `arguments`, stdout and stderr appended to `logPath` (or discarded),
    /// the environment this process has plus `environment`.
    public init(_ path: String, _ arguments: [String], environment: [String: String] = [:], logPath: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let log = logPath ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)
        let env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, nil, argv, envp)
        guard rc == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(path): \(String(cString: strerror(rc)))"]) }
        pid = child
        started = Date()
    }

    /// How the child ended.
    public struct Exit {
        /// Exit status (or 128 + signal).
        public var status: Int32
        /// Peak resident memory, in bytes.
        public var peakRSS: Int
        /// Wall time from start to exit, in seconds.
        public var seconds: Double
    }

    /// Waits for the child to end.
    public func wait() -> Exit {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(started)
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Exit(status: code, peakRSS: Int(usage.ru_maxrss) * 1024, seconds: seconds)
    }

    /// Sends a signal.
    public func signal(_ number: Int32) { kill(pid, number) }

    /// Sends SIGTERM and waits; SIGKILL if the child has not exited after `seconds`.
    public func terminate(within seconds: Double = 10) -> Exit {
        signal(SIGTERM)
        let pid = self.pid
        let killer = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: killer)
        let exit = wait()
        killer.cancel()
        return exit
    }
}

import Foundation

/// One run of `git`, bounded in time: its output goes to unnamed temporary files (a long answer
/// can never fill a pipe and stall it), and a git that does not finish in time is ended.
public enum GitProcess {
    /// What git did.
    public struct Outcome: Sendable {
        /// Its exit status (127: git is not installed), or the signal that ended it.
        public var status: Int32
        /// Whether it exited by itself (rather than by a signal).
        public var exited: Bool
        /// What it printed on stdout.
        public var output: [UInt8]
        /// The first line of what it printed on stderr, for an error message.
        public var message: String
    }

    /// Why git gave no outcome.
    public enum Failure: Error, Sendable, Equatable {
        /// It could not be started.
        case notStarted
        /// It ran past the time allowed and was ended.
        case timedOut(seconds: Double)
    }

    /// Runs `git arguments...` in `folder` (the current folder when nil), with `input` on its
    /// stdin, for at most `timeout` seconds. Prompts for credentials and optional locks are off,
    /// so git never waits for a person or takes a lock a running git needs.
    public static func run(_ arguments: [String], in folder: String? = nil, input: [UInt8] = [], timeout: Double) -> Result<Outcome, Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C.UTF-8"
        process.environment = environment
        guard let stdout = tmpfile(), let stderr = tmpfile(), let stdin = tmpfile() else { return .failure(.notStarted) }
        defer { fclose(stdout); fclose(stderr); fclose(stdin) }
        if !input.isEmpty {
            guard fwrite(input, 1, input.count, stdin) == input.count, fflush(stdin) == 0 else { return .failure(.notStarted) }
            rewind(stdin)
        }
        process.standardOutput = FileHandle(fileDescriptor: fileno(stdout), closeOnDealloc: false)
        process.standardError = FileHandle(fileDescriptor: fileno(stderr), closeOnDealloc: false)
        process.standardInput = input.isEmpty ? FileHandle.nullDevice : FileHandle(fileDescriptor: fileno(stdin), closeOnDealloc: false)
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch { return .failure(.notStarted) }
        guard done.wait(timeout: .now() + timeout) == .success else {
            process.terminate()
            return .failure(.timedOut(seconds: timeout))
        }
        func contents(_ file: UnsafeMutablePointer<FILE>) -> [UInt8] {
            let handle = FileHandle(fileDescriptor: fileno(file), closeOnDealloc: false)
            try? handle.seek(toOffset: 0)
            return [UInt8](handle.readDataToEndOfFile())
        }
        let message = String(decoding: contents(stderr), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        return .success(Outcome(status: process.terminationStatus, exited: process.terminationReason == .exit, output: contents(stdout), message: message))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NorthstarCore
import NorthstarShell

/// Printing for the commands: results on stdout, diagnostics and summaries on stderr, paths
/// shown relative to the working folder so editors and CI can jump to them.
enum Terminal {
    /// Writes a line to standard output.
    static func out(_ line: String) {
        Swift.print(line)
    }

    /// Writes `text` to standard output as it is (a document: no line break added).
    static func write(_ text: String) {
        FileDescriptorIO.writeAll(1, Array(text.utf8))
    }

    /// Writes a line to standard error.
    static func err(_ line: String) {
        FileDescriptorIO.writeAll(2, Array((line + "\n").utf8))
    }

    /// `path` as a person at the working folder would type it. Relative paths are taken to
    /// be relative to `backlogRoot`.
    static func displayPath(_ path: String, backlogRoot: String?) -> String {
        POSIX.forPerson(path, base: backlogRoot)
    }

    /// Prints diagnostics one per line, `path:line:col: severity: message`.
    static func print(_ diagnostics: [Diagnostic], backlogRoot: String?) {
        for d in diagnostics {
            err(d.repathed { displayPath($0, backlogRoot: backlogRoot) }.description)
        }
    }

    /// "1 error", "2 warnings".
    static func count(_ n: Int, _ noun: String) -> String { NumberFormat.count(n, noun) }
}

import Foundation
import Testing

/// The binary `make install` ships (`make static`: release, `--static-swift-stdlib`), named by
/// `make test` in NORTHSTAR_STATIC_BINARY. Plain `swift test` does not build it, so there the
/// test is skipped, visibly.
@Suite("The shipped binary")
struct StaticBinaryTests {
    static let path = ProcessInfo.processInfo.environment["NORTHSTAR_STATIC_BINARY"]

    /// The shared libraries a Debian host provides without a Swift toolchain: the README's
    /// libyaml-0-2 and libinotifytools0, and libc6, libstdc++6 and libgcc-s1, which every
    /// Debian has (apt itself needs them).
    static let systemLibraries = ["linux-vdso.so", "ld-linux", "libc.so", "libm.so", "libpthread.so", "libdl.so", "librt.so",
                                  "libstdc++.so", "libgcc_s.so", "libyaml-0.so", "libinotifytools.so"]

    /// Runs `tool ARGS` with no library path of its own; returns its status and what it printed.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        // The staged example, never the work tree (a tour's edits must not reach the tests).
        p.currentDirectoryURL = URL(fileURLWithPath: StagedExample.root)
        p.environment = ProcessInfo.processInfo.environment.filter { $0.key != "LD_LIBRARY_PATH" }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    @Test("needs only system libraries: no libswift*, libFoundation*, libdispatch, no RUNPATH into the toolchain; and runs",
          .enabled(if: path != nil, "NORTHSTAR_STATIC_BINARY is unset: `make test` builds the shipped binary and names it"))
    func systemLibrariesOnly() throws {
        let binary = try #require(Self.path)
        // Named but missing means `make static` did not produce it: a failure, not a skip.
        try #require(FileManager.default.isExecutableFile(atPath: binary), "no executable at \(binary)")

        let ldd = try Self.run("/usr/bin/ldd", [binary])
        #expect(ldd.status == 0, "\(ldd.output)")
        let libraries = ldd.output.split(separator: "\n").compactMap { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
        }
        #expect(libraries.contains { $0.hasPrefix("libyaml-0.so") } && libraries.contains { $0.hasPrefix("libc.so") }, "\(ldd.output)")
        for library in libraries {
            let name = library.split(separator: "/").last.map(String.init) ?? library
            #expect(Self.systemLibraries.contains { name.hasPrefix($0) }, "not a system library: \(library)\n\(ldd.output)")
            #expect(!name.hasPrefix("libswift") && !name.hasPrefix("libFoundation") && !name.hasPrefix("libdispatch")
                    && !name.hasPrefix("libBlocksRuntime") && !name.hasPrefix("lib_Foundation"), "\(library)")
        }
        #expect(!ldd.output.contains("not found"), "\(ldd.output)")
        #expect(!ldd.output.contains("/swift/"), "a library resolved into the toolchain:\n\(ldd.output)")

        // $ORIGIN is harmless; a RUNPATH naming the toolchain's folder is what ties a binary to it.
        let dynamic = try Self.run("/usr/bin/readelf", ["-d", binary])
        #expect(dynamic.status == 0, "\(dynamic.output)")
        for line in dynamic.output.split(separator: "\n") where line.contains("(RUNPATH)") || line.contains("(RPATH)") {
            #expect(!line.contains("swift") && !line.contains("/opt/"), "\(line)")
        }

        // And it runs: validates the bundled example.
        let check = try Self.run(binary, ["check", "--config", "config/northstar.yaml"])
        #expect(check.status == 0, "\(check.output)")
    }
}

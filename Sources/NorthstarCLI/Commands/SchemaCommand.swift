import ArgumentParser
import NorthstarCore
import NorthstarShell

/// `northstar schema`: the JSON Schemas of backlog files and the config, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Write the JSON Schemas of backlog files and the config, for editors.",
        discussion: """
            Writes backlog.schema.json and config.schema.json (JSON Schema draft 2020-12) into \
            the folder given by --output (default: schemas), each only when its content changes; \
            with backlog or config, prints that schema on stdout instead. The schemas come from \
            the same field tables the loader reads by: an editor that uses them (VS Code's YAML \
            extension, any YAML language server) completes field names and flags wrong types, \
            out-of-range figures and unknown fields while you type. Point a file at one with a \
            first line such as '# yaml-language-server: $schema=../schemas/backlog.schema.json' \
            (relative to the file; northstar init writes these lines). Exit status: 0 written, \
            2 usage or I/O error.
            """)

    /// Which schema to print.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case backlog, config
    }

    @Argument(help: ArgumentHelp("Print only this schema (backlog or config) on stdout.", valueName: "kind"))
    var kind: Kind?

    @Option(help: ArgumentHelp("Folder to write both schemas into.", valueName: "dir"))
    var output = "schemas"

    /// The schema files and their contents.
    static let files: [(name: String, kind: Kind)] = [("backlog.schema.json", .backlog), ("config.schema.json", .config)]

    /// The bytes of `kind`'s schema.
    static func bytes(_ kind: Kind) -> [UInt8] {
        kind == .backlog ? JSONSchema.backlog() : JSONSchema.config()
    }

    func run() throws {
        if let kind {
            Terminal.write(String(decoding: Self.bytes(kind), as: UTF8.self))
            return
        }
        let folder = POSIX.absolute(output)
        do {
            try POSIX.makeDirectories(folder)
            for file in Self.files {
                let path = folder + "/" + file.name
                let wrote = try AtomicFile.write(Self.bytes(file.kind), to: path)
                Terminal.out("\(wrote ? "wrote    " : "unchanged") \(Terminal.displayPath(path, backlogRoot: nil))")
            }
        } catch {
            throw CommandFailure.ioOrUsage(error.description)
        }
    }
}

import ArgumentParser
import NorthstarCore
import NorthstarShell

/// `northstar init DIR`: a starter config and example backlog to edit into your own.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter config and example backlog into a folder.",
        discussion: """
            Creates DIR/northstar.yaml, three example items under DIR/backlog/ and the JSON \
            Schemas under DIR/schemas/ (each file's first line points an editor's YAML language \
            server at its schema, so fields complete and mistakes show as you type); then \
            'cd DIR && northstar rank' writes DIR/rankings/. Existing \
            files are never overwritten unless --force is given. Exit status: 0 written, \
            2 a file exists or cannot be written.
            """)

    @Argument(help: ArgumentHelp("The folder to create the starter project in.", valueName: "dir"))
    var directory: String

    @Flag(help: "Overwrite files that already exist.")
    var force = false

    func run() throws {
        let root = POSIX.absolute(directory)
        let files = [("northstar.yaml", Array(StarterBacklog.config.utf8))] + StarterBacklog.files.map { ($0.0, Array($0.1.utf8)) }
            + SchemaCommand.files.map { ("schemas/" + $0.name, SchemaCommand.bytes($0.kind)) }
        if !force {
            let existing = files.map { root + "/" + $0.0 }.filter { POSIX.status($0) != nil }
            if !existing.isEmpty {
                throw CommandFailure.ioOrUsage("\(Terminal.displayPath(existing[0], backlogRoot: nil)) already exists; use --force to overwrite")
            }
        }
        do {
            for (relative, contents) in files {
                let path = root + "/" + relative
                try POSIX.makeDirectories(Paths.directory(of: path))
                try AtomicFile.write(contents, to: path)
                Terminal.out("created \(Terminal.displayPath(path, backlogRoot: nil))")
            }
        } catch {
            throw CommandFailure.ioOrUsage(error.description)
        }
        let folder = Terminal.displayPath(root, backlogRoot: nil)
        Terminal.out("\nNext: cd \(folder) && northstar rank    (reads ./northstar.yaml, writes rankings/)")
    }
}

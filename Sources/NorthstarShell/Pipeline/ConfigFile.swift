import NorthstarCore

/// Folder overrides given on the command line (`--backlog`, `--output`).
public struct FolderOverrides: Sendable {
    /// Backlog folder, as typed (relative to the working folder).
    public var backlog: String?
    /// Output folder, as typed.
    public var output: String?

    /// Overrides.
    public init(backlog: String? = nil, output: String? = nil) {
        self.backlog = backlog
        self.output = output
    }
}

/// Reads the config file from disk and applies the command-line overrides.
public enum ConfigFile {
    /// The config at `path` (relative to the working folder or absolute). Throws only when the
    /// file cannot be read; problems inside it come back as diagnostics with a `nil` config.
    /// Diagnostics name the config by its absolute path.
    public static func load(_ path: String, overrides: FolderOverrides = FolderOverrides()) throws(ShellError) -> ConfigLoadResult {
        let absolute = POSIX.absolute(path)
        let bytes: [UInt8]
        switch FileReader.read(absolute, limit: 1 << 20) {
        case .success(let b): bytes = b
        case .failure(let failure): throw ShellError(.config, path: path, "config: \(failure.message)")
        }
        return loaded(bytes, absolutePath: absolute, overrides: overrides)
    }

    /// The config whose text is `bytes`, as if read from `absolutePath`, with the command-line
    /// overrides applied (a revision's config, read from git, is loaded the same way).
    public static func loaded(_ bytes: [UInt8], absolutePath absolute: String, overrides: FolderOverrides = FolderOverrides()) -> ConfigLoadResult {
        var result = ConfigLoader().load(bytes, absolutePath: absolute, displayPath: absolute)
        if var config = result.config {
            if let backlog = overrides.backlog { config.backlogPath = POSIX.absolute(backlog) }
            if let output = overrides.output { config.outputPath = POSIX.absolute(output) }
            if Paths.isInside(config.backlogPath, config.outputPath) {
                result.diagnostics.append(Diagnostic(.error, .folders, "the backlog folder \(config.backlogPath) is inside the output folder \(config.outputPath)", path: absolute, at: .fileStart))
                result.config = nil
            } else {
                result.config = config
            }
        }
        return result
    }

    /// Config diagnostics re-pathed relative to the backlog folder, as outputs show paths.
    public static func relativeToBacklog(_ diagnostics: [Diagnostic], config: Config) -> [Diagnostic] {
        diagnostics.map { d in
            d.repathed { $0.hasPrefix("/") ? Paths.relative($0, to: config.backlogPath) : $0 }
        }
    }
}

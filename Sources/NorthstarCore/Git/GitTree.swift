/// One revision's files as git stores them (the listing of `git ls-tree -r -t -z -l`), with
/// paths resolved the way the file system would resolve them on a checkout, except that a
/// symlink is only ever followed to another entry of the same tree: `northstar diff` runs on
/// other people's pull requests and must never read the runner's files. Pure.
public struct GitTree: Sendable {
    /// What a tree entry is.
    public enum Kind: Sendable, Equatable {
        /// A file (mode 100644 or 100755).
        case file
        /// A symlink (mode 120000): its blob is the link's target.
        case symlink
        /// A folder.
        case folder
        /// A submodule (mode 160000): another repository, not part of this tree.
        case submodule
    }

    /// One entry of the tree.
    public struct Entry: Sendable, Equatable {
        /// What it is.
        public var kind: Kind
        /// The object's name (hash).
        public var object: String
        /// The blob's size in bytes (files and symlinks).
        public var size: Int?

        /// An entry of kind `kind` naming `object`.
        public init(kind: Kind, object: String, size: Int?) {
            self.kind = kind
            self.object = object
            self.size = size
        }
    }

    /// Entries by path from the repository's root (`docs/a.yaml`, no leading slash).
    public private(set) var entries: [String: Entry]
    /// The names inside each folder, sorted (the root is `""`).
    public private(set) var children: [String: [String]]

    /// A tree of `entries`; every folder on the way to an entry is known even if not listed.
    public init(entries: [String: Entry]) {
        var entries = entries
        var children: [String: Set<String>] = ["": []]
        for path in Array(entries.keys) {
            var current = Substring(path)
            while let slash = current.lastIndex(of: "/") {
                let parent = String(current[..<slash])
                children[parent, default: []].insert(String(current[current.index(after: slash)...]))
                if entries[parent] == nil { entries[parent] = Entry(kind: .folder, object: "", size: nil) }
                current = current[..<slash]
            }
            children["", default: []].insert(String(current))
        }
        self.entries = entries
        self.children = children.mapValues { $0.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    }

    /// The tree listed by `git ls-tree -r -t -z -l` (`<mode> SP <type> SP <object> SP+ <size> TAB
    /// <path> NUL` per entry), or nil when the listing does not have that shape.
    public static func parse(_ listing: [UInt8]) -> GitTree? {
        var entries: [String: Entry] = [:]
        for record in listing.split(separator: 0) {
            guard let tab = record.firstIndex(of: 9) else { return nil }
            let fields = record[record.startIndex..<tab].split(separator: 32)
            guard fields.count == 4 else { return nil }
            let mode = String(decoding: fields[0], as: UTF8.self)
            let kind: Kind
            switch mode {
            case "100644", "100755", "100664": kind = .file
            case "120000": kind = .symlink
            case "040000": kind = .folder
            case "160000": kind = .submodule
            default: return nil
            }
            let path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard !path.isEmpty, !path.hasPrefix("/") else { return nil }
            entries[path] = Entry(kind: kind, object: String(decoding: fields[2], as: UTF8.self),
                                  size: Int(String(decoding: fields[3], as: UTF8.self)))
        }
        return GitTree(entries: entries)
    }

    /// Where a path leads in the tree.
    public enum Resolution: Sendable, Equatable {
        /// To this entry, at this path with every symlink on the way resolved.
        case found(path: String, entry: Entry)
        /// Out of the tree: an absolute target, or `..` above the repository's root.
        case outside
        /// Nowhere: a missing target, a file used as a folder, or a chain of more than
        /// `symlinkLimit` links (a loop).
        case broken(loop: Bool)
    }

    /// The most symlinks one path may go through, as Linux allows (`ELOOP` beyond).
    public static let symlinkLimit = 40

    /// Where `path` (from the repository's root) leads, following symlinks inside the tree only.
    public func resolve(_ path: String) -> Resolution {
        var hops = 0
        let resolution = resolve(components: path.split(separator: "/").map(String.init), from: [], hops: &hops)
        return Self.folderIfSlashed(path, resolution)
    }

    /// A path ending in `/` names a folder: anything else there leads nowhere (`ENOTDIR`).
    static func folderIfSlashed(_ path: String, _ resolution: Resolution) -> Resolution {
        guard path.hasSuffix("/"), case .found(_, let entry) = resolution, entry.kind != .folder else { return resolution }
        return .broken(loop: false)
    }

    private func resolve(components: [String], from start: [String], hops: inout Int) -> Resolution {
        var current = start
        for (i, name) in components.enumerated() {
            if name == "." || name.isEmpty { continue }
            if name == ".." {
                guard !current.isEmpty else { return .outside }
                current.removeLast()
                continue
            }
            let candidate = (current + [name]).joined(separator: "/")
            guard let entry = entries[candidate] else { return .broken(loop: false) }
            let isLast = i == components.count - 1
            switch entry.kind {
            case .folder:
                current.append(name)
            case .file, .submodule:
                guard isLast else { return .broken(loop: false) }
                current.append(name)
            case .symlink:
                hops += 1
                guard hops <= Self.symlinkLimit else { return .broken(loop: true) }
                guard let target = targets[candidate], !target.isEmpty else { return .broken(loop: false) }
                if target.hasPrefix("/") { return .outside }
                switch Self.folderIfSlashed(target, resolve(components: target.split(separator: "/").map(String.init), from: current, hops: &hops)) {
                case .found(let resolved, _):
                    current = resolved.isEmpty ? [] : resolved.split(separator: "/").map(String.init)
                case let other:
                    return other
                }
            }
        }
        let path = current.joined(separator: "/")
        guard let entry = path.isEmpty ? Entry(kind: .folder, object: "", size: nil) : entries[path] else { return .broken(loop: false) }
        return .found(path: path, entry: entry)
    }

    /// The targets of the tree's symlinks, by the link's path (read from their blobs).
    public var targets: [String: String] = [:]

    /// The symlinks whose targets must be read before paths through them can be resolved.
    public var symlinks: [(path: String, object: String)] {
        entries.filter { $0.value.kind == .symlink }.map { ($0.key, $0.value.object) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}

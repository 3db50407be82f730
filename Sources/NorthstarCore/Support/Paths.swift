/// Pure path arithmetic on POSIX paths (no file system access).
public enum Paths {
    /// The folder part of `path` (`/a/b/c.yaml` -> `/a/b`).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    public static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `relative` resolved against folder `base` (absolute `relative` stays as is), normalised.
    public static func resolve(_ relative: String, against base: String) -> String {
        normalize(relative.hasPrefix("/") ? relative : base + "/" + relative)
    }

    /// Removes `.`, empty components and resolves `..` lexically.
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if component == "..", absolute {
                continue
            } else {
                parts.append(component)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` written relative to folder `base` (both absolute and normalised), with `..`
    /// where needed.
    public static func relative(_ path: String, to base: String) -> String {
        let p = path.split(separator: "/")
        let b = base.split(separator: "/")
        var common = 0
        while common < p.count, common < b.count, p[common] == b[common] { common += 1 }
        let ups = Array(repeating: "..", count: b.count - common)
        let rest = p[common...].map(String.init)
        let joined = (ups + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// Appends `path` to `out` with every byte outside a small safe set (letters, digits,
    /// `/ . - _ ~`) percent-encoded, so no file name can break a link.
    public static func appendPercentEncoded(_ path: String, to out: inout [UInt8]) {
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%")); out.append(hexDigits[Int(byte >> 4)]); out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Whether `path` is `folder` or inside it (both absolute and normalised).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }
}

import Glibc
import NorthstarProbe
import NorthstarShell
import Testing

@Suite("Shell errors carry a code and the errno behind them")
struct ShellErrorTests {
    @Test("each failure says what kind it was, where, and which errno")
    func codes() throws {
        let folder = try TemporaryFolder()
        try folder.write("file.txt", "not a folder\n")
        let cases: [(String, () throws(ShellError) -> Void, ShellError.Code, Int32?)] = [
            ("scan of a file", { () throws(ShellError) in _ = try BacklogScanner.scan(root: folder.path + "/file.txt", excluding: []) }, .notAFolder, nil),
            ("scan of nothing", { () throws(ShellError) in _ = try BacklogScanner.scan(root: folder.path + "/absent", excluding: []) }, .unreadable, ENOENT),
            ("folder under a file", { () throws(ShellError) in try POSIX.makeDirectories(folder.path + "/file.txt/sub") }, .cannotCreate, ENOTDIR),
        ]
        for (name, action, code, errno) in cases {
            do {
                try action()
                Issue.record("\(name): no error")
            } catch {
                #expect(error.code == code, "\(name)")
                #expect(error.errno == errno, "\(name): \(error)")
                #expect(error.description.hasPrefix(error.path + ": error: "), "\(name)")
            }
        }
    }
}

import Foundation
import Testing

/// The bundled example's outputs, byte for byte. After an intended change to scoring or
/// rendering, regenerate with `NORTHSTAR_UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests`
/// and review the diff like any other change.
@Suite("Golden outputs of the bundled example")
struct GoldenOutputTests {
    static let goldenFolder = NorthstarBinary.repositoryRoot + "/Tests/NorthstarIntegrationTests/Golden"

    @Test("ranking.json, ranking.csv, RANKING.md, report.html and diagnostics.json match the golden files",
          arguments: ["ranking.json", "ranking.csv", "RANKING.md", "report.html", "diagnostics.json"])
    func golden(name: String) throws {
        // The staged example, ranked into a folder beside its backlog (as `rankings/` is).
        let folder = try TemporaryFolder(under: StagedExample.root)
        let r = try NorthstarBinary.run(["rank", "--output", folder.path], in: StagedExample.root)
        #expect(r.status == 0, "\(r.stderr)")
        // The report shows the newest change-log entry, stamped with the time it was made.
        let actual = try folder.read(name).replacing(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/, with: "YYYY-MM-DD hh:mm:ss UTC")
        let goldenPath = Self.goldenFolder + "/" + name
        if ProcessInfo.processInfo.environment["NORTHSTAR_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.goldenFolder, withIntermediateDirectories: true)
            try actual.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: goldenPath, encoding: .utf8)
        expectSameLines(actual, expected, "\(name) (golden file \(goldenPath); see the suite's doc comment)")
    }
}

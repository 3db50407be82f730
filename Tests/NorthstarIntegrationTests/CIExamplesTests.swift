import Foundation
import Testing

/// The CI examples a team copies into its backlog repository, validated by the tools that read
/// them: GitHub's and GitLab's published schemas (check-jsonschema's vendored copies, so no
/// network) and the pre-commit framework's own loader, all installed by `make test`.
@Suite("CI examples")
struct CIExamplesTests {
    static let root = NorthstarBinary.repositoryRoot

    /// `tool` found on the PATH, or nil.
    static func which(_ tool: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("the GitHub workflow and the GitLab job validate against their services' schemas", arguments: [
        ("examples/ci/github-workflow.yml", "vendor.github-workflows"),
        ("examples/ci/gitlab-ci.yml", "vendor.gitlab-ci"),
    ])
    func schema(file: String, schema: String) throws {
        guard let checker = Self.which("check-jsonschema") else {
            Issue.record("check-jsonschema is not installed: run `make test-deps` (make test installs it)")
            return
        }
        let r = try NorthstarBinary.runTool(checker, ["--builtin-schema", schema, file], in: Self.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try String(contentsOfFile: Self.root + "/" + file, encoding: .utf8).contains("northstar check --config northstar.yaml --format"))
    }

    @Test("the pre-commit hook definition and the example config load in pre-commit's own loader")
    func preCommit() throws {
        let script = """
            from pre_commit.clientlib import load_manifest, load_config
            hooks = load_manifest('.pre-commit-hooks.yaml')
            assert [h['id'] for h in hooks] == ['northstar-check'], hooks
            assert hooks[0]['entry'] == 'northstar check' and not hooks[0]['pass_filenames'], hooks
            config = load_config('examples/ci/pre-commit-config.yaml')
            assert config['repos'][0]['hooks'][0]['entry'] == 'northstar check', config
            print('ok')
            """
        let r = try Python.run("import os\nos.chdir(\(String(reflecting: Self.root)))\n" + script, input: "")
        #expect(r.status == 0 && r.stdout == "ok\n", "\(r.stderr) (make test-deps installs pre-commit)")
    }
}

import Foundation
import Testing

/// Debian's `chromium`, run headless and offline, for the checks that look at `report.html` as
/// a reader's browser shows it (installed by `make test`).
struct HeadlessChromium {
    /// The browser's path.
    let path: String
    /// A scratch folder for the browser's profile.
    let profile: String

    /// The installed browser, or nil (the caller records that `make test-deps` installs it).
    static func installed(profile: String) -> HeadlessChromium? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
            .map { HeadlessChromium(path: $0, profile: profile) }
    }

    /// The installed browser; when there is none, the test records that `make test-deps`
    /// installs it, and gets nil.
    static func required(profile: String) -> HeadlessChromium? {
        guard let chromium = installed(profile: profile) else {
            Issue.record("chromium is not installed: run `make test-deps` (make test installs it)")
            return nil
        }
        return chromium
    }

    /// Headless, and no network: every host name fails to resolve and any proxy is a closed port.
    var offline: [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--proxy-server=127.0.0.1:9", "--user-data-dir=" + profile]
    }

    /// Runs the browser with `arguments` after the offline ones.
    func run(_ arguments: [String], in directory: String) throws -> NorthstarBinary.Result {
        try NorthstarBinary.runTool(path, offline + arguments, in: directory)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Logging
import NorthstarCore
import NorthstarShell

/// Reloading the config on SIGHUP or an edit; an invalid one leaves the previous in force.
extension Daemon {
    /// Reloads the config. Returns whether the backlog must be read again in full.
    func reloadConfig(reason: String) -> Bool {
        metrics.configReloadsTotal += 1
        let result: ConfigLoadResult
        do {
            result = try ConfigFile.load(options.configPath, overrides: options.overrides)
        } catch {
            log.error("config reload (\(reason)) failed: \(error.description); keeping the previous config")
            configDiagnostics = [Diagnostic(.error, .configUnreadable, "\(error.message); the previous config stays in force", path: POSIX.absolute(options.configPath), at: .fileStart)]
            return false
        }
        guard let new = result.config else {
            for d in result.diagnostics {
                if d.severity == .error { log.error("\(d.repathed(display).description)") } else { log.warning("\(d.repathed(display).description)") }
            }
            log.error("config reload (\(reason)) rejected: \(result.diagnostics.errorCount) error(s); the previous config stays in force")
            metrics.configReloadFailuresTotal += 1
            configDiagnostics = result.diagnostics.map { d in
                var copy = d
                if d.severity == .error { copy.message += " (the previous config stays in force)" }
                return copy
            }
            return false
        }
        let foldersChanged = new.backlogPath != config.backlogPath || new.outputPath != config.outputPath
        let limitsChanged = new.maxFileBytes != config.maxFileBytes
        config = new
        configDiagnostics = result.diagnostics
        log.info("config reloaded (\(reason))")
        if foldersChanged {
            ranking.forgetFiles()
            fingerprints = [:]
            gitWorkTree = GitWorkTree.containing(new.backlogPath)
            watcher?.retarget(InotifyWatcher.Target(root: new.backlogPath, excluded: [new.outputPath], configPath: new.sourcePath))
        }
        return foldersChanged || limitsChanged
    }
}

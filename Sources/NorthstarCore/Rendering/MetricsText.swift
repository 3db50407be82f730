/// The daemon's figures for Prometheus, in the text exposition format that node_exporter's
/// textfile collector reads (`northstar.prom`): no timestamps (the collector rejects them), the
/// same `# HELP`/`# TYPE` lines from every instance, and a `team` label to tell instances apart.
public struct DaemonMetrics: Sendable, Equatable {
    /// Instance name (the config file's base name).
    public var team: String
    /// Items in the ranking.
    public var itemsRanked = 0
    /// Backlog files known.
    public var filesWatched = 0
    /// Folders under inotify watch.
    public var foldersWatched = 0
    /// Current errors.
    public var errors = 0
    /// Current warnings.
    public var warnings = 0
    /// Items shown with their last good values.
    public var staleItems = 0
    /// Duration of the last recomputation, in seconds.
    public var lastDurationSeconds = 0.0
    /// Unix time of the last successful recomputation.
    public var lastSuccessUnixSeconds = 0.0
    /// Recomputations since start.
    public var recomputationsTotal = 0
    /// Full re-reads after an overflow, a watch error or a periodic fallback.
    public var rescansTotal = 0
    /// Config reloads attempted.
    public var configReloadsTotal = 0
    /// Config reloads rejected (invalid config).
    public var configReloadFailuresTotal = 0
    /// Whether watching is incomplete (the watch limit) and periodic rescans stand in.
    public var watchDegraded = false
    /// The plan's capacity (nil: no plan).
    public var planCapacity: Double?
    /// What the plan funds.
    public var planFunded = Plan.Totals.none

    /// Metrics for `team`.
    public init(team: String) { self.team = team }

    /// The `.prom` file's text.
    public func rendered() -> String {
        let label = "{team=\"\(Self.escape(team))\"}"
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ value: Double) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name)\(label) \(NumberFormat.json(value))\n"
        }
        metric("northstar_items_ranked", "gauge", "Open and in-progress items in the ranking.", Double(itemsRanked))
        metric("northstar_files_watched", "gauge", "Backlog files read.", Double(filesWatched))
        metric("northstar_folders_watched", "gauge", "Folders under inotify watch.", Double(foldersWatched))
        metric("northstar_errors", "gauge", "Current errors in the backlog and config.", Double(errors))
        metric("northstar_warnings", "gauge", "Current warnings in the backlog and config.", Double(warnings))
        metric("northstar_stale_items", "gauge", "Items ranked with their last good values because their file no longer reads.", Double(staleItems))
        metric("northstar_last_recompute_duration_seconds", "gauge", "Duration of the last recomputation.", lastDurationSeconds)
        metric("northstar_last_success_timestamp_seconds", "gauge", "Unix time of the last successful recomputation.", lastSuccessUnixSeconds)
        metric("northstar_recomputations_total", "counter", "Recomputations since the daemon started.", Double(recomputationsTotal))
        metric("northstar_rescans_total", "counter", "Full re-reads of the backlog (overflow, watch error, periodic fallback).", Double(rescansTotal))
        metric("northstar_config_reloads_total", "counter", "Config reloads attempted.", Double(configReloadsTotal))
        metric("northstar_config_reload_failures_total", "counter", "Config reloads rejected because the new config is invalid.", Double(configReloadFailuresTotal))
        if let capacity = planCapacity {
            metric("northstar_plan_capacity", "gauge", "The plan's budget, in cost units.", capacity)
            metric("northstar_plan_funded_cost", "gauge", "Cost of the items the plan funds.", planFunded.cost)
            metric("northstar_plan_funded_value", "gauge", "Value of the items the plan funds.", planFunded.value)
            metric("northstar_plan_funded_items", "gauge", "Items the plan funds.", Double(planFunded.count))
        }
        metric("northstar_watch_degraded", "gauge", "1 when not every folder can be watched and periodic rescans stand in.", watchDegraded ? 1 : 0)
        return out
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }
}

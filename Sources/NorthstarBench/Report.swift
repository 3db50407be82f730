import Foundation

/// The benchmark table, in Markdown so it can be pasted into BENCHMARKS.md as is.
enum Report {
    static func render(_ results: [Harness.Result], binary: String) -> String {
        func ms(_ x: Double?) -> String {
            guard let x else { return "–" }
            return x >= 100 ? String(format: "%.0f ms", x) : String(format: "%.1f ms", x)
        }
        var out = "| corpus | items | files | cold rank | peak RSS | start-up to READY | edit → output p50 | edit p95 | edit compute p50 | 500-file burst → output | burst compute |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for r in results {
            let rss = Stats.median(r.rss).map { String(format: "%.0f MB", $0) } ?? "–"
            out += "| \(r.shape.name) | \(r.shape.items) | \(r.shape.files) | \(ms(Stats.median(r.cold))) | \(rss) | \(ms(Stats.median(r.ready))) | \(ms(Stats.median(r.edit))) | \(ms(Stats.percentile(r.edit, 95))) | \(ms(Stats.median(r.editCompute))) | \(ms(Stats.median(r.burst))) | \(ms(Stats.median(r.burstCompute))) |\n"
        }
        out += "\nMedians over repeated runs (cold rank \(results.map { "\($0.shape.name) ×\($0.cold.count)" }.joined(separator: ", ")); edits ×\(results.first?.edit.count ?? 0); bursts ×\(results.first?.burst.count ?? 0)). "
        out += "Edit and burst latencies run from the rename that saves the file to the new ranking.json appearing (seen through inotify on the output folder) and include watch.settle_ms = 150 ms; \"compute\" is the daemon's own figure for that recomputation.\n\n"
        out += "Share of cold-rank time by phase (median ms, share of the wall time; a phase marked \"alongside\" ran on another core during the next one):\n\n"
        for r in results {
            let medians = r.phaseOrder.map { ($0, Stats.median(r.phases[$0] ?? []) ?? 0) }
            // Work done alongside another phase is part of that phase's wall time already.
            let total = medians.filter { !$0.0.hasSuffix("(alongside)") }.reduce(0) { $0 + $1.1 }
            let parts = medians.map { "\($0.0) \(ms($0.1)) (\(total > 0 ? String(format: "%.0f", $0.1 / total * 100) : "0")%)" }
            out += "- \(r.shape.name): " + parts.joined(separator: ", ") + "\n"
        }
        out += "\nHow sure the ranking is: the cold rank's uncertainty phase, 1,000 draws by default (median):\n\n"
        for r in results {
            out += "- \(r.shape.name): " + (Stats.median(r.phases["uncertainty"] ?? []).map { "\(ms($0)) per 1,000 draws on every core" } ?? "not run") + "\n"
        }
        out += "\nWhat each output costs to render and flush in a cold rank (median; the outputs other than report.html stream on both cores at once, the report after the change log):\n\n"
        for r in results {
            out += "- \(r.shape.name): " + r.outputOrder.map { "\($0) \(ms(Stats.median(r.outputCosts[$0] ?? [])))" }.joined(separator: ", ") + "\n"
        }
        out += "\nOutput sizes after a cold rank:\n\n"
        for r in results {
            let sizes = r.outputSizes.map { "\($0.name) \($0.bytes >= 1 << 20 ? String(format: "%.1f MB", Double($0.bytes) / 1_048_576) : String(format: "%.0f KB", Double($0.bytes) / 1024))" }
            out += "- \(r.shape.name): " + sizes.joined(separator: ", ") + "\n"
        }
        return out
    }
}

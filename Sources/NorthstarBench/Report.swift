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
        out += "\nFloors and ratios, measured on the same files in the same run, each floor once around each cold rank (medians; a ratio is the median of the runs' own ratios, Northstar ÷ floor): (a) reading every backlog file, "
            + "(b) libyaml's event loop over every file, in C on one thread, (c) `cp -R` of the output folder, (c+) that copy with every copied file `fsync`ed (`sync FILE...`), as Northstar's outputs are.\n\n"
        out += "| corpus | (a) read | (b) libyaml | (c) cp outputs | (c+) cp + sync | cold rank ÷ (b) | cold rank without how-sure ÷ (b) | scan+parse ÷ (a)+(b) | parse CPU ÷ (b) | outputs ÷ (c) | outputs ÷ (c+) |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for r in results {
            let f = r.floors
            /// Run by run; nil where a run lacks one of the figures.
            func perRun(_ figures: [[Double]?], _ combine: ([Double]) -> Double) -> [Double]? {
                let columns = figures.compactMap { $0 }
                guard columns.count == figures.count, let n = columns.first?.count, n > 0, columns.allSatisfy({ $0.count == n }) else { return nil }
                return (0..<n).map { i in combine(columns.map { $0[i] }) }
            }
            func ratio(_ xs: [Double]?, _ floors: [Double]?) -> String {
                guard let xs, let floors, xs.count == floors.count,
                      let m = Stats.median(zip(xs, floors).compactMap { $0 > 0 && $1 > 0 ? $0 / $1 : nil }) else { return "–" }
                return String(format: "%.1f×", m)
            }
            let sum: ([Double]) -> Double = { $0.reduce(0, +) }
            let withoutSure = perRun([r.cold, r.phases["uncertainty"]]) { $0[0] - $0[1] }
            let scanParse = perRun([r.phases["scan"], r.phases["parse"]], sum)
            // The outputs' own costs (render and flush), whichever core they ran on.
            let outputs = perRun(r.outputOrder.map { r.outputCosts[$0] }, sum)
            let readAndParse = perRun([f.read, f.parse], sum)
            out += "| \(r.shape.name) | \(ms(Stats.median(f.read))) | \(ms(Stats.median(f.parse))) (\(f.events) events, \(String(format: "%.1f", Double(f.bytes) / 1_048_576)) MB) | "
                + "\(ms(Stats.median(f.copy))) (\(String(format: "%.1f", Double(f.outputBytes) / 1_048_576)) MB) | \(ms(Stats.median(f.durableCopy))) | "
                + "\(ratio(r.cold, f.parse)) | \(ratio(withoutSure, f.parse)) | \(ratio(scanParse, readAndParse)) | \(ratio(r.cpu["parse"], f.parse)) | "
                + "\(ratio(outputs, f.copy)) | \(ratio(outputs, f.durableCopy)) |\n"
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

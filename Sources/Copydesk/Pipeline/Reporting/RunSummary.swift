import Foundation

/// What a finished run did: per-stage counts and timings, files read, and the article balance.
public struct RunSummary: Sendable, Codable {
    /// The pipeline's name.
    public var pipeline: String
    /// The run's id.
    public var runID: String
    /// When the run started.
    public var startedAt: Date
    /// Wall-clock time of the run.
    public var elapsed: Duration
    /// Counters of each stage, in pipeline order.
    public var stages: [StageReport]
    /// Records quarantined by any stage.
    public var quarantined: Int
    /// Files listed, skipped as done in an earlier run, and read completely.
    public var files: FileIntake.Counts
    /// Whether a stop request ended intake early.
    public var interrupted: Bool
    /// What the run wrote, in pipeline order: each sink's files (or server), then the filter
    /// rejects and quarantine files. The report and metrics files are written after the summary
    /// and named by whoever writes them.
    public var outputs: [String] = []
    /// The state stores the run updated (ledger, dedupe history), as their display names.
    public var stateStores: [String] = []

    /// Articles the source produced.
    public var articlesRead: Int { stages.first?.counters.articlesIn ?? 0 }
    /// Records the source rejected before they became articles.
    public var recordsRejected: Int { stages.first?.counters.quarantined ?? 0 }
    /// Articles that reached the sinks.
    public var articlesWritten: Int { stages.last(where: { $0.role == .sink })?.counters.articlesIn ?? 0 }
    /// Articles dropped as duplicates by any stage.
    public var duplicates: Int { stages.reduce(0) { $0 + $1.counters.duplicates } }
    /// Articles dropped by filters.
    public var filtered: Int { stages.reduce(0) { $0 + $1.counters.filtered } }
    /// Articles quarantined after they were read (by transforms).
    public var quarantinedArticles: Int { stages.filter { $0.role == .transform }.reduce(0) { $0 + $1.counters.quarantined } }
    /// Whether every article read is accounted for: written, duplicate, filtered or quarantined.
    public var isBalanced: Bool { articlesRead == articlesWritten + duplicates + filtered + quarantinedArticles }

    /// A multi-line human-readable report for stderr.
    public var report: String {
        let seconds = elapsed.seconds
        var lines = [
            "pipeline \(pipeline): \(articlesRead) read, \(articlesWritten) written, \(duplicates) duplicates, \(filtered) filtered, \(quarantined) quarantined in \(Self.format(seconds)) s"
                + (seconds > 0 ? " (\(Int(Double(articlesRead) / seconds)) articles/s)" : "")
        ]
        lines.append(
            "  files: \(files.total) listed, \(files.finished) read, \(files.skipped) skipped as done in an earlier run"
                + (interrupted ? ", \(files.total - files.finished - files.skipped) left unread (interrupted)" : ""))
        for stage in stages {
            let c = stage.counters
            var line = "  \(stage.role.rawValue) \(stage.name): in \(c.articlesIn), out \(c.articlesOut)"
            if c.duplicates > 0 { line += ", duplicates \(c.duplicates)" }
            if c.filtered > 0 { line += ", filtered \(c.filtered)" }
            if c.quarantined > 0 { line += ", quarantined \(c.quarantined)" }
            line += ", busy \(Self.format(c.busy.seconds)) s"
            if c.preparing > .zero { line += " (+ \(Self.format(c.preparing.seconds)) s preparing on stateless workers)" }
            lines.append(line)
        }
        lines.append(
            "  balance: \(articlesRead) read = \(articlesWritten) written + \(duplicates) duplicates + \(filtered) filtered + \(quarantinedArticles) quarantined"
                + (isBalanced ? "" : "  (UNBALANCED)") + (recordsRejected > 0 ? "; \(recordsRejected) input records rejected before parsing" : ""))
        lines += outputs.map { "  wrote \(Self.describe(output: $0))" }
        lines += stateStores.map { "  updated \($0)" }
        return lines.joined(separator: "\n")
    }

    /// An output as the summary names it: a path, or `standard output` for `-`.
    public static func describe(output: String) -> String {
        output == JSONLSink.standardOutput ? "standard output" : output
    }

    private static func format(_ seconds: Double) -> String {
        String(format: "%.2f", seconds)
    }
}

/// One stage's name, role and counters in a run summary.
public struct StageReport: Sendable, Codable {
    /// The stage's type name.
    public var name: String
    /// Its role.
    public var role: StageRole
    /// Its counters at the end of the run.
    public var counters: StageStatistics.Counters
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

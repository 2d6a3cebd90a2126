/// What a finished run did: per-stage counts and timings, and the article balance.
public struct RunSummary: Sendable {
    /// The pipeline's name.
    public var pipeline: String
    /// Wall-clock time of the run.
    public var elapsed: Duration
    /// Counters of each stage, in pipeline order.
    public var stages: [(name: String, role: StageRole, counters: StageStatistics.Counters)]
    /// Records quarantined by any stage.
    public var quarantined: Int

    /// Articles the source produced.
    public var articlesRead: Int { stages.first?.counters.articlesIn ?? 0 }
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
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var lines = ["pipeline \(pipeline): \(articlesRead) read, \(articlesWritten) written, \(duplicates) duplicates, \(filtered) filtered, \(quarantined) quarantined in \(Self.format(seconds)) s"
            + (seconds > 0 ? " (\(Int(Double(articlesRead) / seconds)) articles/s)" : "")]
        for stage in stages {
            let c = stage.counters
            let busy = Double(c.busy.components.seconds) + Double(c.busy.components.attoseconds) / 1e18
            var line = "  \(stage.role.rawValue) \(stage.name): in \(c.articlesIn), out \(c.articlesOut)"
            if c.duplicates > 0 { line += ", duplicates \(c.duplicates)" }
            if c.filtered > 0 { line += ", filtered \(c.filtered)" }
            if c.quarantined > 0 { line += ", quarantined \(c.quarantined)" }
            line += ", busy \(Self.format(busy)) s"
            lines.append(line)
        }
        lines.append("  balance: \(articlesRead) read = \(articlesWritten) written + \(duplicates) duplicates + \(filtered) filtered + \(quarantinedArticles) quarantined" + (isBalanced ? "" : "  (UNBALANCED)"))
        return lines.joined(separator: "\n")
    }

    private static func format(_ seconds: Double) -> String {
        String(Double(Int(seconds * 100)) / 100)
    }
}

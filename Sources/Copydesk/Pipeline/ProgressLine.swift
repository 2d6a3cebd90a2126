/// Renders the one-line live progress report shown on a terminal during a run.
public enum ProgressLine {
    /// `read 1200 | normalize 1100 (backlog 2) | jsonl 1000 | 412 articles/s | 2.9 s`.
    public static func render(_ counters: [StageStatistics.Counters], names: [String], elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var parts: [String] = []
        for (index, (counter, name)) in zip(counters, names).enumerated() {
            var part = index == 0 ? "read \(counter.articlesIn)" : "\(name) \(counter.articlesOut)"
            if counter.backlog > 0 { part += " (backlog \(counter.backlog))" }
            parts.append(part)
        }
        let read = counters.first?.articlesIn ?? 0
        if seconds > 0 { parts.append("\(Int(Double(read) / seconds)) articles/s") }
        parts.append("\(Int(seconds)) s")
        return parts.joined(separator: " | ")
    }
}

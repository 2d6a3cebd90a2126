/// Renders the one-line live progress report shown on a terminal during a run.
public enum ProgressLine {
    /// `files 12/40 | read 1200 | normalize 1100 (backlog 2) | jsonl 1000 | 412 articles/s | 3 s, ETA 9 s`.
    public static func render(_ counters: [StageStatistics.Counters], names: [String], files: FileIntake.Counts, elapsed: Duration) -> String {
        let seconds = elapsed.seconds
        let done = files.finished + files.skipped
        var parts = ["files \(done)/\(files.total)"]
        for (index, (counter, name)) in zip(counters, names).enumerated() {
            var part = index == 0 ? "read \(counter.articlesIn)" : "\(name) \(counter.articlesOut)"
            if counter.backlog > 0 { part += " (backlog \(counter.backlog))" }
            parts.append(part)
        }
        let read = counters.first?.articlesIn ?? 0
        if seconds > 0 { parts.append("\(Int(Double(read) / seconds)) articles/s") }
        var time = "\(Int(seconds)) s"
        if files.finished > 0, files.total > done {
            let perFile = seconds / Double(files.finished)
            time += ", ETA \(Int(perFile * Double(files.total - done))) s"
        }
        parts.append(time)
        return parts.joined(separator: " | ")
    }
}

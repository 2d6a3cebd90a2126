import Foundation

/// The run report as one self-contained HTML page (`report_html:`): what came in, what went
/// where, what was quarantined and why, which articles were merged as duplicates and on what
/// evidence, what the articles are about, and how this run compares with the previous ones.
///
/// The page needs nothing at view time: the style is inline, the charts are inline SVG
/// (``SVGChart``), no script runs and nothing is fetched. It is also well-formed XML, so any
/// XML parser reads it. Its size is bounded by the caps of ``RunObservations`` and
/// ``DuplicateExamplePicker``, not by the run's size.
public struct RunReportPage: Sendable, Codable {
    /// How the run ended, as the page tells it.
    public struct Outcome: Sendable, Codable {
        /// `success`, `partial`, `interrupted` or `failed`.
        public var status: String
        /// The exit code.
        public var exitCode: Int
        /// Why it did not simply succeed, if it did not.
        public var message: String?
        /// The run's figures, when it got as far as committing.
        public var summary: RunSummary?

        /// The page's view of `outcome`.
        public init(_ outcome: RunOutcome) {
            status = outcome.status
            exitCode = Int(outcome.exitStatus.rawValue)
            message = outcome.message
            summary = outcome.summary
        }
    }

    /// The pipeline's name.
    public var pipeline: String
    /// The pipeline's configuration hash.
    public var configHash: String
    /// How the run ended.
    public var outcome: Outcome
    /// When it ended.
    public var finishedAt: Date
    /// What the run gathered for the page.
    public var observed: RunObservations.Snapshot
    /// Every file the run wrote, the report's own included.
    public var outputs: [String]
    /// The pipeline's runs as its SQLite output recorded them, oldest first (this one last).
    public var previousRuns: [PreviousRun]

    /// Creates the page of a run.
    public init(
        pipeline: String, configHash: String, outcome: RunOutcome, finishedAt: Date, observations: RunObservations, outputs: [String],
        previousRuns: [PreviousRun]
    ) {
        self.pipeline = pipeline
        self.configHash = configHash
        self.outcome = Outcome(outcome)
        self.finishedAt = finishedAt
        self.observed = observations.snapshot
        self.outputs = outputs
        self.previousRuns = previousRuns
    }

    /// Names shown per entity type.
    static let namesShown = 10
    /// Sections shown.
    static let sectionsShown = 15
    /// The most recent dates shown.
    static let datesShown = 120

    /// The page.
    public func html() -> String {
        var body = header()
        if let summary = outcome.summary {
            body += balance(summary) + stages(summary) + timeline(summary)
        }
        body += quarantine() + duplicates() + contents() + trends()
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="generator" content="Copydesk \(HTMLText.escape(CopydeskVersion.current))"/>
            <title>\(HTMLText.escape(pipeline)): \(HTMLText.escape(outcome.status)) run report</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    private func header() -> String {
        var facts: [(String, String)] = [
            ("Status", "<span class=\"status \(HTMLText.escape(outcome.status))\">\(HTMLText.escape(outcome.status))</span>"),
            ("Exit code", "\(outcome.exitCode)"),
        ]
        if let message = outcome.message { facts.append(("Why", HTMLText.escape(message))) }
        if let summary = outcome.summary {
            facts.append(("Run", "<code>\(HTMLText.escape(summary.runID))</code>"))
            facts.append(("Started", HTMLText.escape(summary.startedAt.ISO8601Format())))
            let rate =
                summary.elapsed.seconds > 0 ? " (\(HTMLText.count(Int(Double(summary.articlesRead) / summary.elapsed.seconds))) articles/s)" : ""
            facts.append(("Duration", HTMLText.seconds(summary.elapsed.seconds) + rate))
        }
        facts.append(("Finished", HTMLText.escape(finishedAt.ISO8601Format())))
        facts.append(("Configuration", "<code>\(HTMLText.escape(configHash))</code>"))
        let files = outputs.map { "<li><code>\(HTMLText.escape(RunSummary.describe(output: $0)))</code></li>" }.joined()
        return "<header><h1>\(HTMLText.escape(pipeline))</h1><p class=\"subtitle\">Copydesk run report</p></header>"
            + "<section id=\"run\"><h2>Run</h2><table class=\"facts\">"
            + facts.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }.joined() + "</table>"
            + (files.isEmpty ? "<p>No file was written.</p>" : "<h3>Files written</h3><ul class=\"files\">\(files)</ul>") + "</section>"
    }

    private func balance(_ summary: RunSummary) -> String {
        let equation =
            "<span data-count=\"read\">\(HTMLText.count(summary.articlesRead))</span> read = "
            + "<span data-count=\"written\">\(HTMLText.count(summary.articlesWritten))</span> written + "
            + "<span data-count=\"duplicates\">\(HTMLText.count(summary.duplicates))</span> duplicates + "
            + "<span data-count=\"filtered\">\(HTMLText.count(summary.filtered))</span> filtered + "
            + "<span data-count=\"quarantined\">\(HTMLText.count(summary.quarantinedArticles))</span> quarantined"
        let flow = summary.stages.filter { $0.role != .sink }.map { stage in
            let c = stage.counters
            let dropped = [(c.duplicates, "duplicates"), (c.filtered, "filtered"), (c.quarantined, "quarantined")]
                .filter { $0.0 > 0 }.map { "−\(HTMLText.count($0.0)) \($0.1)" }.joined(separator: ", ")
            let received = stage.role == .source ? c.articlesOut + c.quarantined : c.articlesIn
            return (name: stage.name, received: received, passed: c.articlesOut, dropped: dropped)
        }
        let files =
            "\(HTMLText.count(summary.files.total)) files listed, \(HTMLText.count(summary.files.finished)) read, \(HTMLText.count(summary.files.skipped)) skipped as done earlier"
        return "<section id=\"balance\"><h2>Balance</h2><p class=\"equation\">\(equation)"
            + (summary.isBalanced ? "" : " <strong class=\"unbalanced\">(unbalanced)</strong>")
            + (summary.recordsRejected > 0 ? "; \(HTMLText.count(summary.recordsRejected)) input records rejected before they became articles" : "")
            + "</p><p>\(files).</p>" + SVGChart.flow(flow, name: "flow through the stages") + "</section>"
    }

    private func stages(_ summary: RunSummary) -> String {
        let rows = summary.stages.map { stage -> String in
            let c = stage.counters
            let rate = c.busy.seconds > 0 ? HTMLText.count(Int(Double(c.articlesIn) / c.busy.seconds)) : "–"
            return "<tr><td>\(HTMLText.escape(stage.name))</td><td>\(stage.role.rawValue)</td><td>\(HTMLText.count(c.articlesIn))</td>"
                + "<td>\(HTMLText.count(c.articlesOut))</td><td>\(HTMLText.count(c.duplicates + c.filtered + c.quarantined))</td>"
                + "<td>\(HTMLText.seconds(c.busy.seconds))</td><td>\(rate)</td></tr>"
        }
        let busy = summary.stages.map { (label: $0.name, value: $0.counters.busy.seconds, text: HTMLText.seconds($0.counters.busy.seconds)) }
        return "<section id=\"stages\"><h2>Stages</h2><table><thead><tr><th>Stage</th><th>Role</th><th>In</th><th>Out</th><th>Dropped</th>"
            + "<th>Busy</th><th>Articles/s busy</th></tr></thead><tbody>\(rows.joined())</tbody></table>"
            + "<h3>Busy time</h3>" + SVGChart.bars(busy, name: "busy seconds per stage") + "</section>"
    }

    private func timeline(_ summary: RunSummary) -> String {
        let samples = observed.samples
        let series = summary.stages.enumerated().map { index, stage in
            (
                name: stage.name,
                points: samples.compactMap { sample in
                    index < sample.articlesOut.count ? (x: sample.elapsed, y: Double(sample.articlesOut[index])) : nil
                }
            )
        }
        return
            "<section id=\"timeline\"><h2>Articles over time</h2><p>Articles each stage had passed on, sampled \(samples.count) times during the run.</p>"
            + SVGChart.lines(series, name: "articles over time") + "</section>"
    }

    private func quarantine() -> String {
        let reasons = observed.quarantine.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        guard !reasons.isEmpty else { return "<section id=\"quarantine\"><h2>Quarantine</h2><p>No record was quarantined.</p></section>" }
        var html = "<section id=\"quarantine\"><h2>Quarantine</h2>"
        html += SVGChart.bars(
            reasons.map { (label: $0.key, value: Double($0.value.count), text: HTMLText.count($0.value.count)) },
            name: "quarantined records by reason")
        for (reason, found) in reasons {
            html +=
                "<div class=\"reason\" data-reason=\"\(HTMLText.escape(reason))\" data-count=\"\(found.count)\"><h3><code>\(HTMLText.escape(reason))</code>: \(HTMLText.count(found.count))</h3>"
            html += "<table><thead><tr><th>Where</th><th>Stage</th><th>Why</th><th>First bytes</th></tr></thead><tbody>"
            for example in found.examples {
                html += "<tr><td><code>\(HTMLText.escape(example.location))</code></td><td>\(HTMLText.escape(example.stage))</td>"
                html += "<td>\(HTMLText.escape(example.message))</td><td><pre>\(HTMLText.escape(example.excerpt))</pre></td></tr>"
            }
            html +=
                "</tbody></table>"
                + (found.count > found.examples.count
                    ? "<p class=\"note\">The first \(found.examples.count) of \(HTMLText.count(found.count)).</p>" : "") + "</div>"
        }
        return html + "</section>"
    }

    private func duplicates() -> String {
        let clusters = observed.duplicateClusters
        guard let policy = observed.duplicatePolicy else { return "" }
        var html = "<section id=\"duplicates\"><h2>Duplicates</h2>"
        guard !clusters.isEmpty else { return html + "<p>No duplicate was found.</p></section>" }
        html +=
            "<p>The survivor of each cluster is chosen by the <code>\(policy.rawValue)</code> rule (\(HTMLText.escape(policy.rule))). "
        html += "Shown: the largest clusters, then a sample of the others; in each text, the words only one side has are marked.</p>"
        for cluster in clusters {
            let title = cluster.survivor?.title ?? cluster.duplicates.first?.title ?? cluster.survivorID
            html += "<article class=\"cluster\" data-survivor=\"\(HTMLText.escape(cluster.survivorID))\" data-size=\"\(cluster.size)\">"
            html += "<h3>\(HTMLText.escape(title)) <span class=\"note\">(\(cluster.size) duplicate\(cluster.size == 1 ? "" : "s"))</span></h3>"
            for duplicate in cluster.duplicates {
                let diff = WordDiff(survivor: cluster.survivor?.text ?? "", duplicate: duplicate.text)
                let similarity = duplicate.similarity.map { String(format: "%.3f", $0) } ?? "–"
                html += "<div class=\"pair\" data-duplicate=\"\(HTMLText.escape(duplicate.id))\" data-similarity=\"\(similarity)\">"
                html +=
                    "<p class=\"similarity\">Similarity <strong>\(similarity)</strong>, \(HTMLText.count(diff.changedWords)) words differ</p><div class=\"sides\">"
                if let survivor = cluster.survivor {
                    html += side("Survivor", survivor, text: diff.survivorHTML)
                } else {
                    html +=
                        "<div class=\"side\"><h4>Survivor</h4><p><code>\(HTMLText.escape(cluster.survivorID))</code>, an article of an earlier run (history).</p></div>"
                }
                html += side("Duplicate", duplicate, text: diff.duplicateHTML) + "</div></div>"
            }
            if cluster.size > cluster.duplicates.count {
                html += "<p class=\"note\">\(cluster.duplicates.count) of its \(cluster.size) duplicates shown.</p>"
            }
            html += "</article>"
        }
        return html + "</section>"
    }

    private func side(_ role: String, _ member: DuplicateClusterExample.Member, text: String) -> String {
        "<div class=\"side \(role.lowercased())\" data-id=\"\(HTMLText.escape(member.id))\"><h4>\(role)</h4><p class=\"meta\"><code>\(HTMLText.escape(member.id))</code>"
            + (member.date.map { " · \(HTMLText.escape($0))" } ?? "") + " · <code>\(HTMLText.escape(member.location))</code></p>"
            + (member.title.map { "<p class=\"title\">\(HTMLText.escape($0))</p>" } ?? "") + "<p class=\"text\">\(text)</p></div>"
    }

    private func contents() -> String {
        let written = observed.written
        guard !written.byDate.isEmpty else { return "" }
        let dates = written.byDate.sorted { $0.key < $1.key }.suffix(Self.datesShown).map { (label: $0.key, value: $0.value) }
        let sections = written.bySection.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(Self.sectionsShown)
            .map { (label: $0.key, value: Double($0.value), text: HTMLText.count($0.value)) }
        var html =
            "<section id=\"contents\"><h2>What was written</h2><h3>Articles per date</h3>" + SVGChart.columns(Array(dates), name: "articles per date")
        html += "<h3>Articles per section</h3>" + SVGChart.bars(sections, name: "articles per section") + "<h3>Most named</h3><div class=\"names\">"
        for (type, heading) in [("person", "People"), ("organization", "Organisations"), ("location", "Places")] {
            let names = (written.entities[type] ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(Self.namesShown)
            html += "<table class=\"top\" data-type=\"\(type)\"><thead><tr><th>\(heading)</th><th>Articles</th></tr></thead><tbody>"
            html += names.map { "<tr><td>\(HTMLText.escape($0.key))</td><td>\(HTMLText.count($0.value))</td></tr>" }.joined()
            html += names.isEmpty ? "<tr><td colspan=\"2\">None.</td></tr>" : ""
            html += "</tbody></table>"
        }
        return html + "</div></section>"
    }

    private func trends() -> String {
        guard previousRuns.count > 1 else { return "" }
        let recent = previousRuns.suffix(10).reversed().map { run in
            "<tr><td><code>\(HTMLText.escape(String(run.id.prefix(8))))</code></td><td>\(HTMLText.escape(run.startedAt))</td><td>\(HTMLText.escape(run.status))</td>"
                + "<td>\(run.read.map(HTMLText.count) ?? "–")</td><td>\(HTMLText.count(run.articles))</td><td>\(HTMLText.count(run.duplicates))</td>"
                + "<td>\(run.quarantined.map(HTMLText.count) ?? "–")</td></tr>"
        }
        return
            "<section id=\"trends\"><h2>Previous runs</h2><p>The last \(previousRuns.count) runs of this pipeline in its SQLite output, this one last.</p>"
            + "<table class=\"trend\"><tr><th>Articles written</th><td>\(SVGChart.sparkline(previousRuns.map(\.articles), name: "articles written per run"))</td></tr>"
            + "<tr><th>Duplicates</th><td>\(SVGChart.sparkline(previousRuns.map(\.duplicates), name: "duplicates per run"))</td></tr>"
            + "<tr><th>Articles read</th><td>\(SVGChart.sparkline(previousRuns.compactMap(\.read), name: "articles read per run"))</td></tr>"
            + "<tr><th>Quarantined</th><td>\(SVGChart.sparkline(previousRuns.compactMap(\.quarantined), name: "records quarantined per run"))</td></tr></table>"
            + "<table><thead><tr><th>Run</th><th>Started</th><th>Status</th><th>Read</th><th>Written</th><th>Duplicates</th><th>Quarantined</th></tr></thead>"
            + "<tbody>\(recent.joined())</tbody></table>"
            + (previousRuns.contains { $0.read == nil }
                ? "<p class=\"note\">Read and quarantined counts come from each run's kept page; runs without one are left out of those charts.</p>"
                : "")
            + "</section>"
    }

    /// The page's style: system fonts only, readable on screen and on paper.
    static let style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a202c;max-width:1100px;margin:0 auto;padding:1.5em}
        h1{margin:0}h2{border-bottom:1px solid #cbd5e0;padding-bottom:.2em;margin-top:1.6em}
        .subtitle,.note,.meta{color:#4a5568}table{border-collapse:collapse;margin:.5em 0}
        th,td{border:1px solid #e2e8f0;padding:.25em .6em;text-align:left;vertical-align:top}
        .facts th{background:#f7fafc}.status{font-weight:bold;padding:0 .4em;border-radius:3px}
        .status.success{background:#c6f6d5}.status.partial,.status.interrupted{background:#feebc8}.status.failed{background:#fed7d7}
        .equation{font-size:1.1em}.unbalanced{color:#c53030}pre{white-space:pre-wrap;word-break:break-all;margin:0;max-width:28em;font-size:.85em}
        svg.chart text{font:12px system-ui,sans-serif;fill:#2d3748}svg.chart .lost{fill:#c05621}
        .cluster{border:1px solid #cbd5e0;border-radius:4px;padding:.5em 1em;margin:1em 0;break-inside:avoid}
        .sides{display:flex;gap:1em}.side{flex:1;min-width:0}.side .text{font-size:.9em}
        del{background:#fed7d7;text-decoration:line-through}ins{background:#c6f6d5;text-decoration:none}
        .names{display:flex;gap:1em;flex-wrap:wrap}
        @media print{body{max-width:none;font-size:11px}h2{break-after:avoid}section{break-inside:avoid-page}}
        """
}

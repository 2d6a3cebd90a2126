import Foundation

/// Writes the optional run report (JSON), Prometheus textfile-collector metrics and HTML page
/// of a run, atomically, so monitoring of cron jobs sees complete files only.
public struct RunReportWriter: Sendable {
    /// The pipeline's name.
    public let pipeline: String
    /// The pipeline's settings (paths of the report, the metrics file and the page).
    public let settings: PipelineSettings
    /// The pipeline's configuration hash, shown on the page.
    public let configHash: String
    /// What the run gathered for the page.
    public let observations: RunObservations
    /// The SQLite output whose `runs` table gives the page its trends, if the pipeline has one.
    public let runHistory: String?

    /// Creates a writer for a pipeline.
    public init(
        pipeline: String, settings: PipelineSettings, configHash: String = "", observations: RunObservations = RunObservations(),
        runHistory: String? = nil
    ) {
        self.pipeline = pipeline
        self.settings = settings
        self.configHash = configHash
        self.observations = observations
        self.runHistory = runHistory
    }

    /// Creates a writer for `definition`'s run, its page drawing on `observations` and on the
    /// `runs` table of the pipeline's first `sqlite` sink.
    public init(definition: PipelineDefinition, observations: RunObservations) {
        self.init(
            pipeline: definition.name, settings: definition.settings, configHash: definition.configHash, observations: observations,
            runHistory: definition.firstOptions(SQLiteSink.Options.self)?.path)
    }

    /// Writes whichever of the report, the metrics file and the page the pipeline asks for, and
    /// returns their paths.
    @discardableResult
    public func write(_ outcome: RunOutcome, finishedAt: Date = Date()) throws -> [String] {
        if let path = settings.report { try writeFile(path, report(outcome, finishedAt: finishedAt)) }
        if let path = settings.metrics { try writeFile(path, Array(metrics(outcome, finishedAt: finishedAt).utf8)) }
        let written = [settings.report, settings.metrics, settings.reportHTML].compactMap { $0 }
        if let path = settings.reportHTML {
            let page = RunReportPage(
                pipeline: pipeline, configHash: configHash, outcome: outcome, finishedAt: finishedAt, observations: observations,
                outputs: (outcome.summary?.outputs ?? []) + written,
                previousRuns: previousRuns(outcome.summary))
            try writeFile(path, Array(page.html().utf8))
            if let runHistory, let runID = outcome.summary?.runID { try RunReportStore.save(page, runID: runID, sqlite: runHistory) }
        }
        return written
    }

    /// The JSON report.
    func report(_ outcome: RunOutcome, finishedAt: Date) throws -> [UInt8] {
        var object: [String: Any] = [
            "pipeline": pipeline, "status": outcome.status, "exit_code": Int(outcome.exitStatus.rawValue),
            "copydesk_version": CopydeskVersion.current,
            "finished_at": ISO8601DateFormatter().string(from: finishedAt),
        ]
        if let message = outcome.message { object["message"] = message }
        if let summary = outcome.summary {
            object["run_id"] = summary.runID
            object["started_at"] = ISO8601DateFormatter().string(from: summary.startedAt)
            object["elapsed_seconds"] = summary.elapsed.seconds
            object["files"] = ["listed": summary.files.total, "read": summary.files.finished, "skipped": summary.files.skipped]
            object["articles"] = [
                "read": summary.articlesRead, "written": summary.articlesWritten, "duplicates": summary.duplicates,
                "filtered": summary.filtered, "quarantined": summary.quarantinedArticles,
            ]
            object["records_rejected"] = summary.recordsRejected
            object["quarantined"] = summary.quarantined
            object["balanced"] = summary.isBalanced
            object["outputs"] = summary.outputs.map(RunSummary.describe(output:))
            object["stages"] = summary.stages.map { stage -> [String: Any] in
                [
                    "name": stage.name, "role": stage.role.rawValue, "in": stage.counters.articlesIn, "out": stage.counters.articlesOut,
                    "duplicates": stage.counters.duplicates, "filtered": stage.counters.filtered,
                    "quarantined": stage.counters.quarantined, "busy_seconds": stage.counters.busy.seconds,
                    "preparing_seconds": stage.counters.preparing.seconds,
                ]
            }
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return Array(data) + [0x0A]
    }

    /// The metrics in the Prometheus text format, families in a fixed order. Per-run figures
    /// are gauges (`copydesk_run_articles{stage=...}`); the only counter, `copydesk_runs_total`,
    /// carries on from the previous metrics file. A failed run keeps the last success
    /// timestamp found there, so alerts on its age keep working.
    func metrics(_ outcome: RunOutcome, finishedAt: Date) -> String {
        let previous = settings.metrics.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }.map(MetricFamily.values) ?? [:]
        let labels = [("pipeline", pipeline)]
        var families: [MetricFamily] = []
        func gauge(_ name: String, _ help: String, _ value: Double, _ extra: [(String, String)] = []) {
            var family = MetricFamily(name, .gauge, help: help)
            family.add(value, labels + extra)
            families.append(family)
        }
        gauge("copydesk_last_run_success", "1 if the last run succeeded, else 0.", outcome.exitStatus == .success ? 1 : 0)
        gauge("copydesk_last_run_exit_code", "Exit code of the last run.", Double(outcome.exitStatus.rawValue))
        gauge("copydesk_last_run_timestamp_seconds", "When the last run finished, in Unix time.", finishedAt.timeIntervalSince1970)
        var lastSuccessFamily = MetricFamily(
            "copydesk_last_success_timestamp_seconds", .gauge, help: "When the last successful run finished, in Unix time.")
        let lastSuccess = outcome.exitStatus == .success ? finishedAt.timeIntervalSince1970 : previous[lastSuccessFamily.series(labels)]
        if let lastSuccess {
            lastSuccessFamily.add(lastSuccess, labels)
            families.append(lastSuccessFamily)
        }
        var runs = MetricFamily("copydesk_runs_total", .counter, help: "Runs that ended with each status since the metrics file was created.")
        for status in RunOutcome.statuses {
            let statusLabels = labels + [("status", status)]
            runs.add((previous[runs.series(statusLabels)] ?? 0) + (status == outcome.status ? 1 : 0), statusLabels)
        }
        families.append(runs)
        if let summary = outcome.summary {
            gauge("copydesk_run_duration_seconds", "Wall-clock duration of the last run.", summary.elapsed.seconds)
            var files = MetricFamily("copydesk_run_files", .gauge, help: "Input files of the last run: listed, read, and skipped as done earlier.")
            for (state, count) in [("listed", summary.files.total), ("read", summary.files.finished), ("skipped", summary.files.skipped)] {
                files.add(Double(count), labels + [("state", state)])
            }
            var articles = MetricFamily("copydesk_run_articles", .gauge, help: "Articles each stage passed on in the last run.")
            var busy = MetricFamily("copydesk_run_stage_busy_seconds", .gauge, help: "Time each stage spent working in the last run.")
            for stage in summary.stages {
                let stageLabels = labels + [("stage", stage.name), ("role", stage.role.rawValue)]
                articles.add(Double(stage.counters.articlesOut), stageLabels)
                busy.add(stage.counters.busy.seconds, stageLabels)
            }
            families += [files, articles, busy]
            gauge("copydesk_run_articles_read", "Articles the source read in the last run.", Double(summary.articlesRead))
            gauge("copydesk_run_articles_written", "Articles that reached the sinks in the last run.", Double(summary.articlesWritten))
            gauge("copydesk_run_duplicate_articles", "Articles dropped as duplicates in the last run.", Double(summary.duplicates))
            gauge("copydesk_run_filtered_articles", "Articles dropped by filters in the last run.", Double(summary.filtered))
            gauge("copydesk_run_quarantined_records", "Records quarantined in the last run.", Double(summary.quarantined))
        }
        return families.map(\.text).joined()
    }

    /// The pipeline's last runs from its SQLite output, this run's own figures filled in.
    private func previousRuns(_ summary: RunSummary?) -> [PreviousRun] {
        var runs = runHistory.map { PreviousRun.read(sqlite: $0, pipeline: pipeline) } ?? []
        if let summary, let own = runs.lastIndex(where: { $0.id == summary.runID }) {
            runs[own].read = summary.articlesRead
            runs[own].quarantined = summary.quarantined
        }
        return runs
    }

    private func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes)
        try writer.commit()
    }
}

import Foundation
import Prometheus

/// Writes the optional run report (JSON) and Prometheus textfile-collector metrics of a run,
/// atomically, so monitoring of cron jobs sees complete files only.
public struct RunReportWriter: Sendable {
    /// The pipeline's name.
    public let pipeline: String
    /// The pipeline's settings (paths of the report and the metrics file).
    public let settings: PipelineSettings

    /// Creates a writer for a pipeline.
    public init(pipeline: String, settings: PipelineSettings) {
        self.pipeline = pipeline
        self.settings = settings
    }

    /// Writes whichever of the report and the metrics file the pipeline asks for.
    public func write(_ outcome: RunOutcome, finishedAt: Date = Date()) throws {
        if let path = settings.report { try writeFile(path, report(outcome, finishedAt: finishedAt)) }
        if let path = settings.metrics { try writeFile(path, Array(metrics(outcome, finishedAt: finishedAt).utf8)) }
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

    /// The metrics in Prometheus text format. A failed run keeps the last success timestamp
    /// found in the previous metrics file, so alerts on its age keep working.
    func metrics(_ outcome: RunOutcome, finishedAt: Date) -> String {
        let registry = PrometheusCollectorRegistry()
        func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        }
        func gauge(_ name: String, _ help: String, _ labels: [(String, String)]) -> Gauge {
            registry.makeGauge(descriptor: descriptor(name, help), labels: labels)
        }
        func counter(_ name: String, _ help: String, _ labels: [(String, String)]) -> Counter {
            registry.makeCounter(descriptor: descriptor(name, help), labels: labels)
        }
        let labels = [("pipeline", pipeline)]
        gauge("copydesk_last_run_success", "1 if the last run succeeded, else 0.", labels)
            .set(outcome.exitStatus == .success ? 1.0 : 0.0)
        gauge("copydesk_last_run_exit_code", "Exit code of the last run.", labels)
            .set(Double(outcome.exitStatus.rawValue))
        gauge("copydesk_last_run_timestamp_seconds", "When the last run finished (Unix time).", labels)
            .set(finishedAt.timeIntervalSince1970)
        let lastSuccess = outcome.exitStatus == .success ? finishedAt.timeIntervalSince1970 : previousLastSuccess()
        if let lastSuccess {
            gauge("copydesk_last_success_timestamp_seconds", "When the last successful run finished (Unix time).", labels)
                .set(lastSuccess)
        }
        if let summary = outcome.summary {
            gauge("copydesk_run_duration_seconds", "Wall-clock duration of the last run.", labels)
                .set(summary.elapsed.seconds)
            for stage in summary.stages {
                let stageLabels = labels + [("stage", stage.name), ("role", stage.role.rawValue)]
                counter("copydesk_articles_total", "Articles each stage passed on in the last run.", stageLabels)
                    .increment(by: Int64(stage.counters.articlesOut))
                gauge("copydesk_stage_busy_seconds", "Time each stage spent working in the last run.", stageLabels)
                    .set(stage.counters.busy.seconds)
            }
            counter("copydesk_quarantined_total", "Records quarantined in the last run.", labels)
                .increment(by: Int64(summary.quarantined))
            counter("copydesk_duplicates_total", "Duplicates dropped in the last run.", labels)
                .increment(by: Int64(summary.duplicates))
            counter("copydesk_files_total", "Input files by what happened to them.", labels + [("state", "read")])
                .increment(by: Int64(summary.files.finished))
            counter("copydesk_files_total", "Input files by what happened to them.", labels + [("state", "skipped")])
                .increment(by: Int64(summary.files.skipped))
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    private func previousLastSuccess() -> Double? {
        guard let path = settings.metrics, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("copydesk_last_success_timestamp_seconds") {
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { return value }
        }
        return nil
    }

    private func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes)
        try writer.commit()
    }
}

import Foundation
import Testing

@testable import Copydesk

@Suite("run outcome, report and metrics")
struct RunOutcomeTests {
    func run(_ extra: String, input: String, out: URL) async throws -> (RunSummary, PipelineDefinition) {
        let yaml = """
            name: ops
            quarantine: "\(out.path)/quarantine.jsonl"
            report: "\(out.path)/report.json"
            metrics: "\(out.path)/copydesk.prom"
            \(extra)
            stages:
              - {type: textdrop, path: "\(input)"}
              - {type: normalize}
              - {type: dedupe}
              - {type: jsonl, path: "\(out.path)/articles.jsonl"}
            """
        let definition = try PipelineLoader().load(yaml: yaml, file: "ops.yaml")
        return (try await PipelineRunner(definition: definition).run(), definition)
    }

    @Test(arguments: [("", QuarantineLimit.unlimited), ("12", .count(12)), ("5%", .fraction(0.05)), ("0", .count(0))])
    func limitsParse(text: String, expected: QuarantineLimit) {
        #expect(QuarantineLimit(text) == expected)
    }

    @Test(arguments: ["lots", "-3", "120%"])
    func badLimitsAreRefused(text: String) {
        #expect(QuarantineLimit(text) == nil)
    }

    @Test func aMessyDropBalancesAndExceedsATightLimit() async throws {
        let out = try TestPaths.temporaryDirectory()
        let (summary, definition) = try await run("max_quarantined: 20%", input: TestPaths.fixture("messy"), out: out)
        #expect(summary.isBalanced)
        #expect(summary.articlesRead == 3)
        #expect(summary.recordsRejected == 6)
        let outcome = RunOutcome(summary: summary, limit: definition.settings.maxQuarantined)
        #expect(outcome.exitStatus == .partialFailure)
        #expect(outcome.message == "6 records quarantined, more than max_quarantined 20.0%: see the quarantine file")
        #expect(RunOutcome(summary: summary, limit: .count(6)).exitStatus == .success)
    }

    @Test func theReportAndMetricsDescribeTheRun() async throws {
        let out = try TestPaths.temporaryDirectory()
        let (summary, definition) = try await run("", input: TestPaths.repository.appendingPathComponent("samples").path, out: out)
        let writer = RunReportWriter(pipeline: definition.name, settings: definition.settings)
        try writer.write(.success(summary), finishedAt: Date(timeIntervalSince1970: 1_707_400_000))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        #expect(report["status"] as? String == "success")
        #expect((report["articles"] as? [String: Int])?["written"] == 12)
        #expect((report["articles"] as? [String: Int])?["duplicates"] == 2)
        #expect(report["balanced"] as? Bool == true)
        let metrics = try String(contentsOf: out.appendingPathComponent("copydesk.prom"), encoding: .utf8)
        let samples = try PrometheusText.parse(metrics)
        #expect(samples["copydesk_last_success_timestamp_seconds{pipeline=\"ops\"}"] == 1_707_400_000)
        #expect(samples["copydesk_run_articles{pipeline=\"ops\",stage=\"dedupe\",role=\"transform\"}"] == 12)
        #expect(samples["copydesk_run_duplicate_articles{pipeline=\"ops\"}"] == 2)
        #expect(samples["copydesk_run_articles_written{pipeline=\"ops\"}"] == 12)
        #expect(samples["copydesk_run_files{pipeline=\"ops\",state=\"read\"}"] == Double(summary.files.finished))
        #expect(samples["copydesk_last_run_success{pipeline=\"ops\"}"] == 1)
        #expect(samples["copydesk_runs_total{pipeline=\"ops\",status=\"success\"}"] == 1)
        #expect(samples["copydesk_runs_total{pipeline=\"ops\",status=\"failed\"}"] == 0)

        try writer.write(.failed(AtomicFileWriter.Failure(path: "x", reason: "disk full")), finishedAt: Date(timeIntervalSince1970: 1_707_500_000))
        let failed = try PrometheusText.parse(String(contentsOf: out.appendingPathComponent("copydesk.prom"), encoding: .utf8))
        #expect(failed["copydesk_last_run_success{pipeline=\"ops\"}"] == 0)
        #expect(failed["copydesk_last_run_exit_code{pipeline=\"ops\"}"] == 5)
        #expect(failed["copydesk_last_success_timestamp_seconds{pipeline=\"ops\"}"] == 1_707_400_000, "the last success is kept")
        #expect(failed["copydesk_runs_total{pipeline=\"ops\",status=\"success\"}"] == 1, "counters carry on across runs")
        #expect(failed["copydesk_runs_total{pipeline=\"ops\",status=\"failed\"}"] == 1)
        #expect(failed["copydesk_run_articles_written{pipeline=\"ops\"}"] == nil, "a failed run has no per-run figures")
    }

    @Test func metricsKeepTheirOrderAndConventionsOverRuns() async throws {
        let out = try TestPaths.temporaryDirectory()
        let path = out.appendingPathComponent("copydesk.prom")
        var layouts: [[PrometheusText.Family]] = []
        for day in 0..<2 {
            let (summary, definition) = try await run("", input: TestPaths.repository.appendingPathComponent("samples").path, out: out)
            try RunReportWriter(pipeline: definition.name, settings: definition.settings)
                .write(.success(summary), finishedAt: Date(timeIntervalSince1970: 1_707_400_000 + Double(day) * 86_400))
            let families = try PrometheusText.families(String(contentsOf: path, encoding: .utf8))
            for family in families {
                #expect(family.type == (family.name.hasSuffix("_total") ? "counter" : "gauge"), "\(family.name)")
                #expect(!family.samples.isEmpty, "\(family.name)")
            }
            layouts.append(families)
        }
        #expect(layouts[0] == layouts[1], "the same families and series in the same order")
        #expect(
            layouts[0].map(\.name).prefix(6) == [
                "copydesk_last_run_success", "copydesk_last_run_exit_code", "copydesk_last_run_timestamp_seconds",
                "copydesk_last_success_timestamp_seconds", "copydesk_runs_total", "copydesk_run_duration_seconds",
            ])
        let runs = try #require(layouts[1].first { $0.name == "copydesk_runs_total" })
        #expect(runs.samples.map(\.value) == [2, 0, 0, 0])
        try checkWithPromtool(path)
    }

    @Test func labelValuesAndHelpAreEscaped() throws {
        var family = MetricFamily("copydesk_example", .gauge, help: "A \\ and a\nbreak.")
        family.add(1.5, [("pipeline", "say \"hi\"\\\n")])
        family.add(3, [("pipeline", "plain")])
        let families = try PrometheusText.families(family.text)
        #expect(families.count == 1)
        #expect(families[0].samples.map(\.labels) == [["pipeline": "say \"hi\"\\\n"], ["pipeline": "plain"]])
        #expect(families[0].samples.map(\.value) == [1.5, 3])
        #expect(family.text.hasSuffix("copydesk_example{pipeline=\"plain\"} 3\n"))
    }

    @Test(arguments: [
        "copydesk_x 1\n", "# HELP copydesk_x x\n# TYPE copydesk_x counter\ncopydesk_x 1\n",
        "# HELP copydesk_x x\n# TYPE copydesk_x gauge\ncopydesk_x{a=\"1\"} 1\ncopydesk_x{a=\"1\"} 2\n",
        "# HELP copydesk_x x\n# TYPE copydesk_x gauge\ncopydesk_x{a=1} 1\n", "# HELP copydesk_x x\n# TYPE copydesk_x gauge\ncopydesk_x 1",
        "# HELP copydesk_x x\n# TYPE copydesk_x gauge\ncopydesk_x one\n",
    ])
    func theStrictParserRefusesMalformedFiles(text: String) {
        #expect(throws: PrometheusText.Malformed.self) { try PrometheusText.families(text) }
    }

    /// Runs `promtool check metrics` on the file when the Prometheus tools are installed
    /// (`.ci/run` installs Debian's `prometheus`), and says so when they are not.
    func checkWithPromtool(_ path: URL) throws {
        guard let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first(where: FileManager.default.isExecutableFile) else {
            print("skipped: promtool is not installed (Debian package prometheus); the strict parser checked the file")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        process.standardInput = try FileHandle(forReadingFrom: path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "promtool check metrics: \(text)")
        #expect(text.isEmpty, "promtool has no lint findings: \(text)")
    }
}

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
        #expect(samples["copydesk_articles_total{pipeline=\"ops\",stage=\"dedupe\",role=\"transform\"}"] == 12)
        #expect(samples["copydesk_duplicates_total{pipeline=\"ops\"}"] == 2)
        #expect(samples["copydesk_last_run_success{pipeline=\"ops\"}"] == 1)

        try writer.write(.failed(AtomicFileWriter.Failure(path: "x", reason: "disk full")), finishedAt: Date(timeIntervalSince1970: 1_707_500_000))
        let failed = try PrometheusText.parse(String(contentsOf: out.appendingPathComponent("copydesk.prom"), encoding: .utf8))
        #expect(failed["copydesk_last_run_success{pipeline=\"ops\"}"] == 0)
        #expect(failed["copydesk_last_run_exit_code{pipeline=\"ops\"}"] == 5)
        #expect(failed["copydesk_last_success_timestamp_seconds{pipeline=\"ops\"}"] == 1_707_400_000, "the last success is kept")
    }
}

/// A strict reader of the Prometheus text exposition format (0.0.4): `# HELP`/`# TYPE` lines,
/// then samples `name{label="value",...} number`; anything else is an error.
enum PrometheusText {
    struct Malformed: Error { let line: String }

    /// Samples keyed by `name{labels}` as written.
    static func parse(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        var typed: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("# HELP ") { continue }
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                    throw Malformed(line: line)
                }
                typed.insert(String(parts[2]))
                continue
            }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { throw Malformed(line: line) }
            let series = String(line[..<space])
            let name = String(series.prefix { $0 != "{" })
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }), typed.contains(name) else { throw Malformed(line: line) }
            if series.contains("{") {
                guard series.hasSuffix("}") else { throw Malformed(line: line) }
                let labels = series.dropFirst(name.count + 1).dropLast()
                for pair in labels.split(separator: ",") {
                    let kv = pair.split(separator: "=", maxSplits: 1)
                    guard kv.count == 2, kv[1].hasPrefix("\""), kv[1].hasSuffix("\"") else { throw Malformed(line: line) }
                }
            }
            samples[series] = value
        }
        return samples
    }
}

import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-bench pipeline`: the default pipeline end to end on a generated drop.
struct PipelineBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pipeline", abstract: "Run pipelines/default.yaml on a generated drop.")

    @Option(help: "Articles in the generated drop.") var articles = 50_000
    @Option(help: "Working directory for corpora and outputs.") var work = ".build/bench"
    @Option(help: "Pipeline file.") var pipeline = "pipelines/default.yaml"

    func run() async throws {
        try await Self.measure(articles: articles, work: work, pipeline: pipeline)
    }

    /// Runs `pipeline` on the generated drop of `articles` articles and prints its figures.
    static func measure(articles: Int, work: String, pipeline: String) async throws {
        let drop = try BenchCorpus.drop(articles: articles, work: work)
        try await measure(pipeline: pipeline, on: drop, output: (work as NSString).appendingPathComponent("out-pipeline"))
    }

    /// Runs `pipeline` with `drop` as its `INPUT` and `output` (emptied first) as its `OUT`, and
    /// prints the run's figures (peak RSS that of the run alone), then each stage's busy time;
    /// `label` follows the pipeline's name in the first line.
    static func measure(pipeline: String, on drop: BenchCorpus.Drop, output out: String, label: String = "") async throws {
        try? FileManager.default.removeItem(atPath: out)
        let definition = try PipelineLoader(environment: ["INPUT": drop.directory, "OUT": out]).load(path: pipeline)
        let runner = try PipelineRunner(definition: definition)
        BenchReport.resetPeakResident()
        let summary = try await runner.run()
        let seconds = summary.elapsed.seconds
        BenchReport.line(
            "pipeline \(definition.name)\(label)",
            [
                ("articles", "\(summary.articlesRead)"),
                ("MB", String(format: "%.1f", Double(drop.bytes) / 1e6)),
                ("seconds", String(format: "%.2f", seconds)),
                ("articles/s", String(format: "%.0f", Double(summary.articlesRead) / seconds)),
                ("MB/s", String(format: "%.1f", Double(drop.bytes) / 1e6 / seconds)),
                ("peak RSS MB", String(format: "%.0f", BenchReport.peakResidentMegabytes())),
            ])
        for stage in summary.stages {
            BenchReport.line(
                "  \(stage.role.rawValue) \(stage.name)",
                [
                    ("busy s", String(format: "%.2f", stage.counters.busy.seconds)),
                    ("articles/busy s", String(format: "%.0f", Double(stage.counters.articlesIn) / max(stage.counters.busy.seconds, 1e-9))),
                ])
        }
    }
}

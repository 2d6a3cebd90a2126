import ArgumentParser
import Copydesk
import Foundation

/// `copydesk-bench plugin`: what the `exec` stage costs. A pass-through Python plugin (it
/// answers each record with its id and one `extra` key) is timed from its start to its first
/// answer, then run in the pipeline `textdrop → normalize → exec → discard` on a generated drop,
/// next to the same pipeline without it, so the difference is the stage's cost per record:
/// writing the records as JSON lines, the plugin reading and answering them, and the merge.
struct PluginBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "The exec stage with a pass-through plugin: start-up cost and records per second.")

    @Option(help: "Articles in the generated drop.") var articles = 20_000
    @Option(help: "Working directory for corpora and outputs.") var work = ".build/bench"
    @Option(help: "The Python that runs the plugin.") var python = "/usr/bin/python3"

    func run() async throws {
        try await Self.measure(articles: articles, work: work, python: python)
    }

    /// The plugin every measurement runs.
    static let passThrough = """
        import json, sys
        for line in iter(sys.stdin.buffer.readline, b""):
            record = json.loads(line)
            sys.stdout.write(json.dumps({"id": record["id"], "extra": {"seen": True}}) + "\\n")
            sys.stdout.flush()
        """

    /// Prints the start-up and throughput figures; skipped with a line when `python` is missing.
    static func measure(articles: Int, work: String, python: String) async throws {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            BenchReport.line("exec stage: skipped, no \(python)", [])
            return
        }
        let plugin = (work as NSString).appendingPathComponent("pass_through.py")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try passThrough.write(toFile: plugin, atomically: true, encoding: .utf8)

        var options = ExecStage.Options()
        options.command = [python, plugin]
        options.writes = ["extra.seen"]
        let article = Article(id: "bench-1", source: SourceLocation(path: "bench", line: 1, format: "bench"), text: "One short article.")
        var startups: [Double] = []
        var answers: [Double] = []
        for _ in 0..<5 {
            let stage = try ExecStage(options: options, context: StageContext())
            let clock = ContinuousClock()
            let started = clock.now
            _ = try await stage.process([article])
            let answered = clock.now
            _ = try await stage.process([article])
            startups.append((answered - started).seconds)
            answers.append((clock.now - answered).seconds)
            try await stage.commit()
        }
        BenchReport.line(
            "exec stage, pass-through Python plugin: start to first answer (median of 5)",
            [
                ("start-up ms", String(format: "%.1f", startups.sorted()[2] * 1e3)),
                ("one-record batch after it ms", String(format: "%.2f", answers.sorted()[2] * 1e3)),
            ])

        let drop = try BenchCorpus.drop(articles: articles, work: work)
        let without = try await seconds(pipeline(drop: drop.directory, exec: nil))
        for workers in [1, 2] {
            let with = try await seconds(pipeline(drop: drop.directory, exec: (command: [python, plugin], workers: workers)))
            let perRecord = (with.seconds - without.seconds) / Double(articles)
            BenchReport.line(
                "exec stage, pass-through plugin, \(workers) worker\(workers == 1 ? "" : "s") (textdrop → normalize → exec → discard)",
                [
                    ("articles", "\(with.articles)"),
                    ("seconds", String(format: "%.2f (%.2f without exec)", with.seconds, without.seconds)),
                    (
                        "articles/s",
                        String(format: "%.0f (%.0f without)", Double(with.articles) / with.seconds, Double(without.articles) / without.seconds)
                    ),
                    ("µs/article added", String(format: "%.1f", perRecord * 1e6)),
                    ("quarantined", "\(with.quarantined)"),
                ])
        }
    }

    /// The pipeline over `drop`, with an exec stage running `exec` or without one.
    private static func pipeline(drop: String, exec: (command: [String], workers: Int)?) -> String {
        let stage =
            exec.map { exec in
                """
                  - type: exec
                    command: [\(exec.command.map { "\"\($0)\"" }.joined(separator: ", "))]
                    writes: [extra.seen]
                    workers: \(exec.workers)

                """
            } ?? ""
        return """
            name: plugin-bench
            batch_size: 256
            stages:
              - type: textdrop
                path: \(drop)
              - type: normalize
            \(stage)  - type: discard
            """
    }

    /// Runs `yaml` and returns its wall time, articles read and records quarantined.
    private static func seconds(_ yaml: String) async throws -> (seconds: Double, articles: Int, quarantined: Int) {
        let registry = StageRegistry.standard.merging(StageRegistry(sources: [], transforms: [], sinks: [DiscardSink.self]))
        let definition = try PipelineLoader(registry: registry, environment: [:]).load(yaml: yaml, file: "plugin-bench.yaml")
        let summary = try await PipelineRunner(definition: definition).run()
        return (summary.elapsed.seconds, summary.articlesRead, summary.quarantined)
    }
}

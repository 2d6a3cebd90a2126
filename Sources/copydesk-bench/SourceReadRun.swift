import Copydesk

/// Runs a pipeline of one source stage and a closing sink in process, through the same loader
/// and runner as `copydesk run`: the source alone into ``DiscardSink``, or a source into a real
/// sink to convert a drop.
enum SourceReadRun {
    /// What a run read, and in how long.
    struct Result {
        /// Articles the source produced.
        var articles: Int
        /// Records the source quarantined.
        var rejected: Int
        /// Files the source listed (an archive is one file).
        var files: Int
        /// Wall-clock seconds of the whole run: listing, reading, the sink and its commit.
        var seconds: Double
        /// CPU seconds the process spent meanwhile (every thread), steadier than the wall
        /// clock on a shared machine.
        var cpuSeconds: Double

        /// Articles per second.
        var articlesPerSecond: Double { Double(articles) / seconds }
        /// Megabytes of `bytes` input per second.
        func megabytesPerSecond(_ bytes: Int) -> Double { Double(bytes) / 1e6 / seconds }
    }

    /// The standard stages and ``DiscardSink``.
    private static let registry = StageRegistry.standard.merging(StageRegistry(sources: [], transforms: [], sinks: [DiscardSink.self]))

    /// Reads `path` with the source stage `source` (`textdrop`, `jsonl`) and drops every article.
    static func discarding(source: String, path: String) async throws -> Result {
        try await run(source: source, path: path, sink: "  - type: discard\n")
    }

    /// Reads `path` with the source stage `source` and writes its articles to the JSON-lines
    /// file `output`, replacing it.
    static func writingJSONLines(source: String, path: String, to output: String) async throws -> Result {
        try await run(source: source, path: path, sink: "  - type: jsonl\n    path: ${OUTPUT}\n", environment: ["OUTPUT": output])
    }

    private static func run(source: String, path: String, sink: String, environment: [String: String] = [:]) async throws -> Result {
        let yaml = "name: \(source)-read\nstages:\n  - type: \(source)\n    path: ${INPUT}\n" + sink
        let loader = PipelineLoader(registry: registry, environment: environment.merging(["INPUT": path]) { own, _ in own })
        let definition = try loader.load(yaml: yaml, file: "\(source)-read.yaml")
        let runner = try PipelineRunner(definition: definition)
        let cpuStart = BenchReport.cpuSeconds()
        let summary = try await runner.run()
        return Result(
            articles: summary.articlesRead, rejected: summary.recordsRejected, files: summary.files.total, seconds: summary.elapsed.seconds,
            cpuSeconds: BenchReport.cpuSeconds() - cpuStart)
    }
}

import ArgumentParser
import Copydesk
import Foundation

/// `copydesk-bench shards`: sharded runs of `pipelines/sharded.yaml` in this process.
///
/// 1. End to end on a generated drop of short wire copy (``BenchCorpus/shardDrop(articles:work:)``):
///    one whole run as the reference, then for each shard count every `fingerprint` task, the
///    `cluster` task and every `emit` task, one after another (``ShardedBenchJob``); per phase
///    the tasks' summed and slowest seconds, articles/s and the largest peak RSS of a task.
///    Fails unless the shards' JSON lines, concatenated in shard order, are the whole run's
///    byte for byte.
/// 2. The `cluster` phase alone on synthetic fingerprints of growing jobs (``ClusterCostRun``):
///    seconds, µs an article, peak RSS, scratch disk and store size, and what they extrapolate
///    to at 10 million articles.
struct ShardBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shards", abstract: "Sharded runs: each phase end to end, and the cluster phase's cost by job size.")

    @Option(help: "Articles in the generated drop of the end-to-end case.") var articles = 100_000
    @Option(help: "Comma-separated shard counts of the end-to-end case; empty to skip it.") var shards = "1,2,4"
    @Option(help: "Comma-separated job sizes (synthetic articles) of the cluster-phase case; empty to skip it.")
    var clusterSizes = "100000,1000000"
    @Option(help: "Shards the synthetic articles of the cluster-phase case are cut into.") var clusterShards = 4
    @Option(help: "Working directory for corpora, outputs and state stores.") var work = ".build/bench"
    @Option(help: "Pipeline file.") var pipeline = "pipelines/sharded.yaml"

    func run() async throws {
        try await Self.measure(articles: articles, shardCounts: Self.numbers(shards), work: work, pipeline: pipeline)
        try await Self.measureCluster(sizes: Self.numbers(clusterSizes), shards: clusterShards, work: work, pipeline: pipeline)
    }

    /// The whole run and the sharded jobs of `shardCounts` on the drop of `articles` articles
    /// (nothing when `shardCounts` is empty); fails when a job's output is not the whole run's.
    static func measure(articles: Int, shardCounts: [Int], work: String, pipeline: String) async throws {
        guard !shardCounts.isEmpty else { return }
        let drop = try BenchCorpus.shardDrop(articles: articles, work: work)
        let root = (work as NSString).appendingPathComponent("out-shards")
        try? FileManager.default.removeItem(atPath: root)
        func environment(_ out: String) -> [String: String] { ["INPUT": drop.directory, "OUT": out, "HISTORY": ""] }

        let wholeOut = (root as NSString).appendingPathComponent("whole")
        let definition = try PipelineLoader(environment: environment(wholeOut), shard: 0).load(path: pipeline)
        BenchReport.resetPeakResident()
        let clock = ContinuousClock()
        let start = clock.now
        let summary = try await PipelineRunner(definition: definition).run()
        let wholeSeconds = (clock.now - start).seconds
        BenchReport.line(
            "shards: whole run of \(definition.name) (reference)",
            [
                ("articles", "\(summary.articlesRead)"),
                ("MB", String(format: "%.1f", Double(drop.bytes) / 1e6)),
                ("seconds", String(format: "%.2f", wholeSeconds)),
                ("articles/s", String(format: "%.0f", Double(summary.articlesRead) / wholeSeconds)),
                ("peak RSS MB", String(format: "%.0f", BenchReport.peakResidentMegabytes())),
            ])
        let expected = (wholeOut as NSString).appendingPathComponent("articles-0.jsonl")

        for count in shardCounts {
            let out = (root as NSString).appendingPathComponent("shards-\(count)")
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let job = ShardedBenchJob(
                pipeline: pipeline, environment: environment(out), job: "bench-\(count)", count: count,
                state: (out as NSString).appendingPathComponent("state.sqlite"))
            let phases = try await job.runAll()
            for (phase, figures) in phases {
                BenchReport.line(
                    "shards: \(count) shard\(count == 1 ? "" : "s"), \(phase.rawValue)",
                    [
                        ("tasks", "\(figures.tasks)"),
                        ("articles", "\(figures.articles)"),
                        ("duplicates decided", phase == .cluster ? "\(figures.duplicates)" : "-"),
                        ("total s", String(format: "%.2f", figures.seconds)),
                        ("slowest task s", String(format: "%.2f", figures.slowest)),
                        ("articles/s", String(format: "%.0f", Double(figures.articles) / figures.seconds)),
                        ("peak RSS MB", String(format: "%.0f", figures.peakResidentMegabytes)),
                    ])
            }
            let total = phases.reduce(0) { $0 + $1.figures.seconds }
            let critical = phases.reduce(0) { $0 + $1.figures.slowest }
            let parts = (0..<count).map { (out as NSString).appendingPathComponent("articles-\($0).jsonl") }
            guard let bytes = try FileConcatenation.bytesIfEqual(parts, expected) else {
                throw ValidationError("\(count) shards: articles-0..\(count - 1).jsonl concatenated are not the whole run's articles-0.jsonl")
            }
            BenchReport.line(
                "shards: \(count) shard\(count == 1 ? "" : "s"), all phases",
                [
                    ("total s", String(format: "%.2f (%.2fx the whole run)", total, total / wholeSeconds)),
                    ("slowest tasks s", String(format: "%.2f (a task per shard on its own machine)", critical)),
                    ("articles-*.jsonl", "identical to the whole run's (\(bytes) bytes)"),
                ])
        }
    }

    /// The cluster phase alone on jobs of `sizes` synthetic articles cut into `shards`
    /// shards, then the figures of the largest two (or the one) extrapolated to 10 million.
    static func measureCluster(sizes: [Int], shards: Int, work: String, pipeline: String) async throws {
        let run = ClusterCostRun(pipeline: pipeline, work: work, shards: shards)
        var measured: [ClusterCostRun.Figures] = []
        for size in sizes.sorted() {
            let figures = try await run.measure(articles: size)
            measured.append(figures)
            let articles = Double(figures.articles)
            BenchReport.line(
                "shards: cluster phase alone, \(figures.articles) synthetic articles of \(shards) shards",
                [
                    ("fill s (not in the phase)", String(format: "%.1f (%.0f articles/s)", figures.fillSeconds, articles / figures.fillSeconds)),
                    ("store read pass s (not in the phase)", String(format: "%.1f", figures.readSeconds)),
                    ("duplicates", "\(figures.duplicates)"),
                    ("seconds", String(format: "%.2f", figures.seconds)),
                    ("µs/article", String(format: "%.1f", figures.seconds * 1e6 / articles)),
                    ("peak RSS MB", String(format: "%.0f", figures.peakResidentMegabytes)),
                    ("scratch MB", String(format: "%.0f (layout: %.0f)", Double(figures.scratchBytes) / 1e6, Double(figures.layoutBytes) / 1e6)),
                    (
                        "store MB",
                        String(
                            format: "%.0f filled, %.0f with decisions", Double(figures.storeBytesFilled) / 1e6,
                            Double(figures.storeBytesDecided) / 1e6)
                    ),
                ])
        }
        guard let largest = measured.last else { return }
        let smaller = measured.count > 1 ? measured[measured.count - 2] : nil
        BenchReport.line(
            "shards: cluster phase extrapolated to 10,000,000 articles (linear in articles)",
            ClusterExtrapolation(largest: largest, smaller: smaller).figures)
    }

    /// The comma-separated numbers of `list`.
    private static func numbers(_ list: String) -> [Int] {
        list.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}

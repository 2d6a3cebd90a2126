import ArgumentParser

/// `copydesk-bench all`: every benchmark, as `make bench` runs them.
struct AllBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "all", abstract: "Run every benchmark.")

    @Option(help: "Working directory for corpora and outputs.") var work = ".build/bench"
    @Option(help: "Articles for the end-to-end pipeline benchmark.") var pipelineArticles = 50_000
    @Option(help: "Files in the one-article-per-file drop of the wire benchmark.") var wireFiles = 100_000
    @Option(help: "Articles in the drop of the sharded-run benchmark.") var shardArticles = 100_000
    @Option(help: "Comma-separated job sizes of the cluster-phase benchmark.") var clusterSizes = "100000,1000000"
    @Option(help: "A Python with pysbd and trafilatura for the segmentation and HTML comparisons; empty to skip them.") var python = ""
    @Option(help: "A PostgreSQL server for the postgres sink and history store (default: $COPYDESK_BENCH_DATABASE_URL; unset: not measured).")
    var postgres: String?

    func run() async throws {
        print("# Copydesk benchmarks (release build)")
        try await PipelineBenchmark.measure(articles: pipelineArticles, work: work, pipeline: "pipelines/default.yaml")
        try await DedupeBenchmark.measure(articles: 100_000, threshold: 0.4, shingleSize: 3)
        let server = BenchDatabase.url(option: postgres)
        try await HistoryBenchmark.measure(sizes: [10_000, 100_000, 300_000], work: work)
        try await HistoryBenchmark.measure(sizes: [10_000, 100_000, 300_000], postgres: server)
        try await SegmentBenchmark.measure(work: work, megabytes: 60, python: python)
        try await ExtractBenchmark.measure(megabytes: 50, corpus: "../shared/corpus/wikinews.jsonl")
        try await QualityBenchmark.measure(work: work, data: "../shared/nlp-dev", python: python)
        try await SinkBenchmark.measure(articles: 20_000, work: work, postgres: server)
        try await HTMLBenchmark.measure(dev: "../shared/html-dev", python: python, seconds: 2, perPage: false)
        try await WARCBenchmark.measure(records: 30_000, extractRecords: 3_000, work: work, pages: "samples/html")
        try await ArchiveBenchmark.measure(articles: 20_000, work: work)
        try await WireDropBenchmark.measure(files: wireFiles, work: work, pipeline: "pipelines/default.yaml")
        try await PluginBenchmark.measure(articles: 20_000, work: work, python: "/usr/bin/python3")
        try await ShardBenchmark.measure(articles: shardArticles, shardCounts: [1, 2, 4], work: work, pipeline: "pipelines/sharded.yaml")
        try await ShardBenchmark.measureCluster(
            sizes: clusterSizes.split(separator: ",").compactMap { Int($0) }, shards: 4, work: work, pipeline: "pipelines/sharded.yaml")
    }
}

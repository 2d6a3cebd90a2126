import ArgumentParser

/// `copydesk-bench`: release-mode benchmarks on generated corpora (run through `make bench`).
@main
struct CopydeskBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copydesk-bench",
        abstract: "Benchmarks Copydesk on generated corpora; build with -c release.",
        subcommands: [
            AllBenchmarks.self, GenerateCommand.self, PipelineBenchmark.self, DedupeBenchmark.self, HistoryBenchmark.self, SegmentBenchmark.self,
            ExtractBenchmark.self, SinkBenchmark.self, HTMLBenchmark.self, WARCBenchmark.self, ArchiveBenchmark.self, WireDropBenchmark.self,
            PluginBenchmark.self,
            ShardBenchmark.self, QualityBenchmark.self,
        ]
    )
}

import ArgumentParser
import Foundation

/// `copydesk-bench wire`: a drop shaped like a wire feed, one short article per file
/// (``BenchCorpus/wireDrop(files:work:)``). Times a plain read loop over its files as the floor
/// (``FileReadFloor``), the `textdrop` source alone against that floor, then the default
/// pipeline end to end, as `copydesk-bench pipeline` reports it. Every read is from a warm
/// page cache.
struct WireDropBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wire", abstract: "One article per file: a plain read loop, the textdrop source alone, the default pipeline.")

    @Option(help: "Files in the generated drop, one article each.") var files = 100_000
    @Option(help: "Working directory for corpora and outputs.") var work = ".build/bench"
    @Option(help: "Pipeline file.") var pipeline = "pipelines/default.yaml"

    func run() async throws {
        try await Self.measure(files: files, work: work, pipeline: pipeline)
    }

    /// Generates (or reuses) the drop of `files` files and prints the floor, the source and the
    /// pipeline figures; fails when a read does not see every file or article.
    static func measure(files: Int, work: String, pipeline: String) async throws {
        let drop = try BenchCorpus.wireDrop(files: files, work: work)
        let paths = try FileReadFloor.listing(of: drop.directory, ending: "txt")
        // An untimed pass first, so every timed read finds the files in the page cache.
        _ = try FileReadFloor.read(paths)
        let floor = try FileReadFloor.read(paths)
        guard floor.files == files, floor.bytes == drop.bytes else {
            throw ValidationError("\(drop.directory): read \(floor.files) files and \(floor.bytes) bytes, generated \(files) and \(drop.bytes)")
        }
        BenchReport.line(
            "wire drop, plain read loop (open, read to the end, close)",
            [
                ("files", "\(floor.files)"),
                ("MB", String(format: "%.1f", Double(floor.bytes) / 1e6)),
                ("KB/file", String(format: "%.2f", Double(floor.bytes) / 1e3 / Double(floor.files))),
                ("µs/file", String(format: "%.1f", floor.microsecondsPerFile)),
                ("CPU µs/file", String(format: "%.1f", floor.cpuMicrosecondsPerFile)),
                ("MB/s", String(format: "%.0f", Double(floor.bytes) / 1e6 / floor.seconds)),
            ])

        let source = try await SourceReadRun.discarding(source: "textdrop", path: drop.directory)
        guard source.articles == files, source.rejected == 0 else {
            throw ValidationError(
                "\(drop.directory): the textdrop source read \(source.articles) articles and quarantined \(source.rejected), expected \(files) and 0")
        }
        let sourceMicroseconds = source.seconds * 1e6 / Double(files)
        let sourceCPUMicroseconds = source.cpuSeconds * 1e6 / Double(files)
        BenchReport.line(
            "wire drop, textdrop source alone (listing, reading, parsing; articles discarded)",
            [
                ("files", "\(source.files)"),
                ("µs/file", String(format: "%.1f (%.1fx the plain read loop)", sourceMicroseconds, sourceMicroseconds / floor.microsecondsPerFile)),
                ("CPU µs/file", String(format: "%.1f (%.1fx)", sourceCPUMicroseconds, sourceCPUMicroseconds / floor.cpuMicrosecondsPerFile)),
                ("articles/s", String(format: "%.0f", source.articlesPerSecond)),
                ("MB/s", String(format: "%.1f", source.megabytesPerSecond(drop.bytes))),
            ])

        try await PipelineBenchmark.measure(
            pipeline: pipeline, on: drop, output: (work as NSString).appendingPathComponent("out-wire"), label: ", wire drop of one article per file")
    }
}

import ArgumentParser
import Copydesk
import Foundation

/// `copydesk-bench extract`: the extract stage's speed on real news text (the Wikinews corpus,
/// normalised and segmented, repeated to the size asked for).
struct ExtractBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extract", abstract: "Entity, quote, amount and date extraction speed.")

    @Option(help: "Megabytes of text to annotate.") var megabytes = 50
    @Option(help: "JSON-lines corpus of real articles.") var corpus = "../shared/corpus/wikinews.jsonl"

    func run() async throws {
        try await Self.measure(megabytes: megabytes, corpus: corpus)
    }

    static func measure(megabytes: Int, corpus: String) async throws {
        let context = StageContext()
        var reader = try JSONLSource(options: .with { $0.path = corpus }, context: context).makeReader()
        var originals: [Article] = []
        while let item = try await reader.next() {
            if case .article(let article) = item { originals.append(article) }
        }
        let normalize = try NormalizeStage(options: .init(), context: context)
        let segment = try SegmentStage(options: .init(), context: context)
        let prepared = try await segment.process(normalize.process(originals).articles).articles
        let corpusBytes = prepared.reduce(0) { $0 + $1.text.utf8.count }
        guard corpusBytes > 0 else { return }
        let copies = max(1, megabytes * 1_000_000 / corpusBytes)
        let stage = try ExtractStage(options: .init(), context: context)
        let clock = ContinuousClock()
        let start = clock.now
        var counts = (entities: 0, quotes: 0, amounts: 0, dates: 0)
        for _ in 0..<copies {
            for batchStart in stride(from: 0, to: prepared.count, by: 64) {
                for article in try await stage.process(Array(prepared[batchStart..<min(prepared.count, batchStart + 64)])).articles {
                    counts.entities += article.entities.count
                    counts.quotes += article.quotes.count
                    counts.amounts += article.amounts.count
                    counts.dates += article.dates.count
                }
            }
        }
        let seconds = (clock.now - start).seconds
        let articles = prepared.count * copies
        let bytes = Double(corpusBytes * copies)
        BenchReport.line(
            "extract (one worker, Wikinews ×\(copies))",
            [
                ("articles", "\(articles)"),
                ("MB", String(format: "%.1f", bytes / 1e6)),
                ("articles/s", String(format: "%.0f", Double(articles) / seconds)),
                ("MB/s", String(format: "%.1f", bytes / 1e6 / seconds)),
                ("peak RSS MB", String(format: "%.0f", BenchReport.peakResidentMegabytes())),
            ])
        BenchReport.line(
            "  per article",
            [
                ("entities", String(format: "%.1f", Double(counts.entities) / Double(articles))),
                ("quotes", String(format: "%.1f", Double(counts.quotes) / Double(articles))),
                ("amounts", String(format: "%.1f", Double(counts.amounts) / Double(articles))),
                ("dates", String(format: "%.1f", Double(counts.dates) / Double(articles))),
            ])
    }
}

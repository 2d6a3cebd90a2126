import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-bench sinks`: articles and rows per second written by each sink, on generated
/// articles annotated by the real normalize, segment and extract stages.
struct SinkBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sinks", abstract: "Rows per second written by each sink.")

    @Option(help: "Generated articles to write.") var articles = 20_000
    @Option(help: "Working directory.") var work = ".build/bench"

    func run() async throws {
        try await Self.measure(articles: articles, work: work)
    }

    static func measure(articles count: Int, work: String) async throws {
        let context = StageContext()
        var articles: [Article] = []
        for (index, item) in CorpusGenerator(settings: .init(articles: count, seed: 77, exactDuplicates: 0, nearDuplicates: 0)).items().enumerated() {
            guard let article = GeneratedArticle.parse(item.text, index: index) else { continue }
            articles.append(article)
        }
        let stages: [any TransformStage] = [
            try NormalizeStage(options: .defaults(for: NormalizeStage.self), context: context),
            try SegmentStage(options: .defaults(for: SegmentStage.self), context: context),
            try ExtractStage(options: .defaults(for: ExtractStage.self), context: context),
        ]
        for stage in stages { articles = try await stage.process(articles).articles }
        let rows = articles.reduce(0) { $0 + 1 + $1.paragraphs.count + $1.sentences.count + $1.entities.count + $1.quotes.count + $1.amounts.count + $1.dates.count }
        do {
            let clock = ContinuousClock()
            let start = clock.now
            let built = articles.reduce(0) { total, article in OutputTable.all.reduce(total) { $0 + $1.rows(article, "run").count } }
            BenchReport.line("table rows built in memory (no sink)", [
                ("articles/s", String(format: "%.0f", Double(articles.count) / (clock.now - start).seconds)),
                ("rows", "\(built)"),
            ])
        }
        let out = (work as NSString).appendingPathComponent("out-sinks")
        try? FileManager.default.removeItem(atPath: out)
        let sinks: [(String, any SinkStage)] = [
            ("jsonl", try JSONLSink(options: .defaults(for: JSONLSink.self, ["path": .string(out + "/articles.jsonl")]), context: context)),
            ("csv", try CSVSink(options: .defaults(for: CSVSink.self, ["directory": .string(out + "/tables")]), context: context)),
            ("sqlite", try SQLiteSink(options: .defaults(for: SQLiteSink.self, ["path": .string(out + "/copydesk.sqlite")]), context: context)),
            ("sqlite rerun", try SQLiteSink(options: .defaults(for: SQLiteSink.self, ["path": .string(out + "/copydesk.sqlite")]), context: StageContext())),
            ("sqlite without full-text index", try SQLiteSink(options: .defaults(for: SQLiteSink.self, ["path": .string(out + "/plain.sqlite"), "fts": .boolean(false)]), context: context)),
        ]
        for (name, sink) in sinks {
            let clock = ContinuousClock()
            let start = clock.now
            for batchStart in stride(from: 0, to: articles.count, by: 64) {
                try await sink.write(Array(articles[batchStart..<min(articles.count, batchStart + 64)]))
            }
            try await sink.commit()
            let seconds = (clock.now - start).seconds
            BenchReport.line("sink \(name)", [
                ("articles", "\(articles.count)"),
                ("articles/s", String(format: "%.0f", Double(articles.count) / seconds)),
                ("rows/s", String(format: "%.0f", Double(rows) / seconds)),
            ])
        }
    }
}

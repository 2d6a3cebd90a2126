import ArgumentParser
import BenchSupport
import Copydesk
import Foundation

/// `copydesk-bench sinks`: articles and rows per second written by each sink, on generated
/// articles annotated by the real normalize, segment and extract stages; the `postgres` sink
/// too when a server is given (``BenchDatabase``).
struct SinkBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sinks", abstract: "Rows per second written by each sink.")

    @Option(help: "Generated articles to write.") var articles = 20_000
    @Option(help: "Working directory.") var work = ".build/bench"
    @Option(help: "Only the sinks whose name starts with this (jsonl, csv, sqlite, postgres).") var only: String?
    @Option(help: "Articles per batch, as the pipeline's batch_size.") var batch = 64
    @Option(help: "A PostgreSQL server for the postgres sink (default: $COPYDESK_BENCH_DATABASE_URL; unset: not measured).")
    var postgres: String?

    func run() async throws {
        try await Self.measure(articles: articles, work: work, only: only, batch: batch, postgres: BenchDatabase.url(option: postgres))
    }

    static func measure(articles count: Int, work: String, only: String? = nil, batch: Int = 64, postgres: String? = nil) async throws {
        let context = StageContext()
        var articles: [Article] = []
        for (index, item) in CorpusGenerator(settings: .init(articles: count, seed: 77, exactDuplicates: 0, nearDuplicates: 0)).items().enumerated() {
            guard let article = GeneratedArticle.parse(item.text, index: index) else { continue }
            articles.append(article)
        }
        let stages: [any TransformStage] = [
            try NormalizeStage(options: .init(), context: context),
            try SegmentStage(options: .init(), context: context),
            try ExtractStage(options: .init(), context: context),
        ]
        for stage in stages { articles = try await stage.process(articles).articles }
        let rows = articles.reduce(0) { $0 + rowCount($1) }
        do {
            let clock = ContinuousClock()
            let start = clock.now
            let built = articles.reduce(0) { total, article in OutputTable.all.reduce(total) { $0 + $1.rows(article, "run").count } }
            BenchReport.line(
                "table rows built in memory (no sink)",
                [
                    ("articles/s", String(format: "%.0f", Double(articles.count) / (clock.now - start).seconds)),
                    ("rows", "\(built)"),
                ])
        }
        let out = (work as NSString).appendingPathComponent("out-sinks")
        try? FileManager.default.removeItem(atPath: out)
        func sqlite(_ file: String, fts: Bool = true, context: StageContext = context) throws -> SQLiteSink {
            try SQLiteSink(
                options: .with {
                    $0.path = out + "/" + file; $0.fts = fts
                }, context: context)
        }
        func server(_ url: String, context: StageContext = context) throws -> PostgresSink {
            try PostgresSink(options: .with { $0.url = url }, context: context)
        }
        let half = articles.count / 2
        var cases: [SinkCase] = [
            SinkCase(name: "jsonl", sink: try JSONLSink(options: .with { $0.path = out + "/articles.jsonl" }, context: context)),
            SinkCase(
                name: "jsonl, gzip",
                sink: try JSONLSink(
                    options: .with {
                        $0.path = out + "/articles.jsonl.gz"; $0.gzip = true
                    }, context: context)),
            SinkCase(
                name: "jsonl, one file per date", sink: try JSONLSink(options: .with { $0.path = out + "/dated/{date}.jsonl" }, context: context)),
            SinkCase(name: "csv", sink: try CSVSink(options: .with { $0.directory = out + "/tables" }, context: context)),
            SinkCase(name: "sqlite, new database", sink: try sqlite("copydesk.sqlite")),
            SinkCase(name: "sqlite rerun, every article replaced", sink: try sqlite("copydesk.sqlite", context: StageContext())),
            SinkCase(name: "sqlite, new database, without full-text index", sink: try sqlite("plain.sqlite", fts: false)),
            SinkCase(
                name: "sqlite, second half appended to the first", sink: try sqlite("append.sqlite", context: StageContext()),
                before: (try sqlite("append.sqlite"), Array(articles[..<half])), articles: Array(articles[half...])),
        ]
        if let postgres {
            let fresh = BenchDatabase.fresh(postgres, for: "sinks")
            cases += [
                SinkCase(name: "postgres, new schema", sink: try server(fresh)),
                SinkCase(name: "postgres rerun, every article replaced", sink: try server(fresh, context: StageContext())),
            ]
        } else {
            print("sink postgres: not measured (no server: pass --postgres URL or set \(BenchDatabase.environmentVariable))")
        }
        for item in cases where only.map({ item.name.hasPrefix($0) }) ?? true {
            if let (sink, earlier) = item.before {
                try await write(earlier, to: sink, batch: batch)
            }
            let written = item.articles ?? articles
            let clock = ContinuousClock()
            let start = clock.now
            try await write(written, to: item.sink, batch: batch)
            let seconds = (clock.now - start).seconds
            let writtenRows = item.articles == nil ? rows : written.reduce(0) { $0 + rowCount($1) }
            BenchReport.line(
                "sink \(item.name)",
                [
                    ("articles", "\(written.count)"),
                    ("articles/s", String(format: "%.0f", Double(written.count) / seconds)),
                    ("rows/s", String(format: "%.0f", Double(writtenRows) / seconds)),
                ])
        }
    }

    /// Writes `articles` to `sink` in batches of `batch`, then commits.
    static func write(_ articles: [Article], to sink: any SinkStage, batch: Int) async throws {
        for batchStart in stride(from: 0, to: articles.count, by: batch) {
            try await sink.write(Array(articles[batchStart..<min(articles.count, batchStart + batch)]))
        }
        try await sink.commit()
    }

    /// The rows an article becomes in the output tables.
    static func rowCount(_ article: Article) -> Int {
        1 + article.paragraphs.count + article.sentences.count + article.entities.count + article.quotes.count
            + article.amounts.count + article.dates.count
    }
}

/// One measured sink: what is timed, with an untimed earlier run when the case needs one.
private struct SinkCase {
    let name: String
    let sink: any SinkStage
    /// A run written (untimed) before the timed one, into the same output.
    var before: (any SinkStage, [Article])? = nil
    /// The articles written in the timed run; all of them when nil.
    var articles: [Article]? = nil
}

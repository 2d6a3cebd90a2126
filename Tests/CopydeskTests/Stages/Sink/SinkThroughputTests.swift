import Foundation
import Testing
@testable import Copydesk

/// Throughput of the `csv` and `sqlite` sinks, run by hand in release mode:
/// `COPYDESK_SINK_TIMING=1 swift test -c release -Xswiftc -enable-testing --filter SinkThroughputTests`.
/// It prints figures and asserts nothing about them.
@Suite("sink throughput", .enabled(if: ProcessInfo.processInfo.environment["COPYDESK_SINK_TIMING"] != nil))
struct SinkThroughputTests {
    let articles = SinkTestArticles.bulk(50_000)
    let batchSize = 64

    /// Writes every article in batches and commits; returns the elapsed seconds.
    func time(_ sink: some SinkStage) async throws -> Double {
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for start in stride(from: 0, to: articles.count, by: batchSize) {
                try await sink.write(Array(articles[start..<min(start + batchSize, articles.count)]))
            }
            try await sink.commit()
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func report(_ name: String, _ seconds: Double) {
        let rows = articles.prefix(1).reduce(0) { total, article in
            total + OutputTable.all.reduce(0) { $0 + $1.rows(article, "run").count }
        } * articles.count
        print("\(name): \(articles.count) articles in \(String(format: "%.2f", seconds)) s = "
              + "\(Int(Double(articles.count) / seconds)) articles/s, \(Int(Double(rows) / seconds)) rows/s")
    }

    @Test func csv() async throws {
        let directory = TestPaths.temporaryDirectory()
        let sink = try CSVSink(options: .defaults(for: CSVSink.self, ["directory": .string(directory.path)]), context: StageContext())
        report("csv", try await time(sink))
    }

    @Test(arguments: [true, false]) func sqlite(fullText: Bool) async throws {
        let path = TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let options = StageOptions.defaults(for: SQLiteSink.self, ["path": .string(path), "fts": .boolean(fullText)])
        report("sqlite (fts: \(fullText)) first run", try await time(try SQLiteSink(options: options, context: StageContext())))
        report("sqlite (fts: \(fullText)) rerun", try await time(try SQLiteSink(options: options, context: StageContext())))
    }
}

import BenchSupport
import Foundation
import Testing

@testable import Copydesk

/// `pipelines/daily-postgres.yaml` run by the real binary and killed with SIGKILL while it loads.
@Suite("killed runs on PostgreSQL", PostgresTestServer.required, .enabled(if: CLIRunner.isAvailable))
struct PostgresKilledRunTests {
    @Test func aRunKilledWhileLoadingLeavesNoVisibleRowAndItsRerunCompletes() async throws {
        let drop = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 6_000, seed: 7, exactDuplicates: 0.1, nearDuplicates: 0.3)).write(to: drop)
        let url = try PostgresTestServer.freshSchema()
        let pipeline = try PostgresPipelineRun.streamingPipeline()
        let victim = try PostgresPipelineRun.start(pipeline, input: drop, url: url)
        let pid = victim.process.processIdentifier
        let killedWhileLoading = await victim.whenLoading(in: url) { kill(pid, SIGKILL) }
        _ = victim.finish()
        try #require(killedWhileLoading, "the run must still be loading when it is killed: \(victim.account)")
        let observer = try PostgresConnection(url: url)
        #expect(try observer.query("SELECT count(*) FROM articles") == [["0"]], "no row of the killed run is visible")
        #expect(try observer.query("SELECT count(*) FROM history_articles WHERE committed") == [["0"]])
        #expect(try observer.query("SELECT count(*) FROM ledger") == [["0"]])
        #expect(try observer.query("SELECT status FROM runs") == [["running"]])

        let rerun = try PostgresPipelineRun.start(pipeline, input: drop, url: url)
        #expect(rerun.finish() == 0, "\(rerun.account)")
        let articles = try observer.query("SELECT count(*) FROM articles")
        #expect(articles != [["0"]])
        #expect(articles == (try observer.query("SELECT count(*) FROM history_articles WHERE committed")))
        #expect(try observer.query("SELECT count(*) FROM history_articles WHERE NOT committed") == [["0"]], "the killed run's entries are gone")
        #expect(try observer.query("SELECT status FROM runs ORDER BY started_at") == [["running"], ["complete"]])
    }
}

import BenchSupport
import Foundation
import Testing

@testable import Copydesk

/// `pipelines/daily-postgres.yaml` run by the real binary against a server of its own that
/// stops in the middle of the run.
@Suite("PostgreSQL server stopped under a run", PostgresTestServer.required, .enabled(if: CLIRunner.isAvailable))
struct PostgresServerStoppedTests {
    /// The rows a finished run leaves, table by table.
    static func tables(_ url: PostgresURL) throws -> [String: [[String?]]] {
        let connection = try PostgresConnection(url: url)
        return [
            "articles": try connection.query("SELECT id, duplicate_of FROM articles ORDER BY id"),
            "history": try connection.query("SELECT article_id, committed FROM history_articles ORDER BY article_id"),
            "ledger": try connection.query("SELECT path FROM ledger ORDER BY path"),
            "runs": try connection.query("SELECT id, status FROM runs ORDER BY started_at"),
        ]
    }

    @Test func aServerStoppedMidRunFailsItWithExitFiveAndLeavesEarlierDataIntact() async throws {
        let server = try PrivatePostgresServer.start()
        defer { server.stop() }
        let url = try PostgresURL(server.url + "?schema=copydesk&connect_timeout=5")
        let pipeline = try PostgresPipelineRun.streamingPipeline()
        let earlierDrop = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 300, seed: 3, exactDuplicates: 0.1, nearDuplicates: 0.3)).write(to: earlierDrop)
        let earlier = try PostgresPipelineRun.start(pipeline, input: earlierDrop, url: url)
        try #require(earlier.finish() == 0, "\(earlier.account)")
        let before = try Self.tables(url)
        try #require(before["articles"]?.isEmpty == false)

        let drop = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 6_000, seed: 11, exactDuplicates: 0.1, nearDuplicates: 0.3)).write(to: drop)
        let victim = try PostgresPipelineRun.start(pipeline, input: drop, url: url)
        let stoppedWhileLoading = await victim.whenLoading(in: url) { try? server.pause() }
        let status = victim.finish()
        try #require(stoppedWhileLoading, "the run must still be loading when the server stops: \(victim.account)")
        #expect(status == ExitStatus.outputError.rawValue, "\(victim.account)")
        #expect(victim.stderr.contains("127.0.0.1"), "the error names the server: \(victim.stderr)")
        let password = try #require(url.passwords.first)
        #expect(!victim.stderr.contains(password), "the password is never printed")

        try server.resume()
        var after = try Self.tables(url)
        #expect(after["runs"]?.count == 2, "the failed run is on record")
        after["runs"] = after["runs"].map { Array($0.prefix(1)) }
        #expect(after == before, "the earlier run's rows, history and ledger are as they were")

        let rerun = try PostgresPipelineRun.start(pipeline, input: drop, url: url)
        #expect(rerun.finish() == 0, "the rerun completes once the server is back: \(rerun.account)")
        #expect(try Self.tables(url)["articles"]!.count > before["articles"]!.count)
    }
}

import BenchSupport
import Foundation
import Testing

@testable import Copydesk

/// A sharded job with its state and its dedupe history on PostgreSQL decides, against the
/// history of earlier runs, as one run over the whole drop does, and leaves the same history.
@Suite("sharded runs on PostgreSQL", .serialized, .enabled(if: CLIRunner.isAvailable), PostgresTestServer.required)
struct PostgresShardedRunTests {
    /// A URL of the test server with a new schema of its own.
    static func schemaURL(_ label: String) throws -> String {
        let base = try #require(PostgresTestServer.url)
        return base + (base.contains("?") ? "&" : "?") + "schema=\(label)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    @Test(arguments: ["earliest_date", "first_seen"])
    func aJobAgainstAHistoryDecidesAndLeavesTheHistoryAsOneRun(survivor: String) async throws {
        // One generated stream: its first 10 files were an earlier day's drop, the other 40 are
        // today's, holding copies of the earlier day's articles as well as of each other.
        let all = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 600, seed: 43, exactDuplicates: 0.15, nearDuplicates: 0.2, articlesPerFile: 12)).write(
            to: all)
        let earlier = try TestPaths.temporaryDirectory().path
        let today = try TestPaths.temporaryDirectory().path
        for (index, name) in try FileManager.default.contentsOfDirectory(atPath: all).sorted().enumerated() {
            try FileManager.default.moveItem(atPath: all + "/" + name, toPath: (index < 10 ? earlier : today) + "/" + name)
        }

        var results: [[String]] = []
        var histories: [Int] = []
        var earlierIDs: Set<String> = []
        for sharded in [false, true] {
            let history = try Self.schemaURL(sharded ? "sharded" : "single")
            var run = ShardedJobRun(input: earlier)
            run.survivor = survivor
            run.history = history
            let earlierOut = try TestPaths.temporaryDirectory().path
            let before = try run.whole(out: earlierOut)
            try #require(before.status == 0, "\(before.stderr)")
            earlierIDs = Set(try ShardedJobRun.lines(count: 1, out: earlierOut).compactMap { ShardedJobRun.field("id", $0) })
            run = ShardedJobRun(input: today)
            run.survivor = survivor
            run.history = history
            let out = try TestPaths.temporaryDirectory().path
            if sharded {
                try run.allPhases(count: 3, job: "pg-\(survivor)", state: history, out: out)
                results.append(try ShardedJobRun.lines(count: 3, out: out))
            } else {
                let result = try run.whole(out: out)
                try #require(result.status == 0, "\(result.stderr)")
                results.append(try ShardedJobRun.lines(count: 1, out: out))
            }
            histories.append(try await PostgresStateStore(url: try PostgresURL(history)).historyCount())
        }
        #expect(results[0].count == 480)
        let ofEarlierDay = results[0].filter { ShardedJobRun.field("duplicate_of", $0).map(earlierIDs.contains) ?? false }
        #expect(ofEarlierDay.count > 20, "today's drop holds copies of articles in the history")
        #expect(results[1] == results[0], "every record, id and duplicate_of, those pointing into the history too")
        #expect(histories[1] == histories[0], "the same survivors joined the history")
    }
}

import Foundation
import GRDB
import Testing

@testable import Copydesk

/// `pipelines/daily-postgres.yaml`: history, ledger and tables on the test server, over drops
/// cut from samples/.
@Suite("daily pipeline on PostgreSQL", PostgresTestServer.required)
struct PostgresPipelineTests {
    /// The sample files of each drop: a story in the first, its repost and wire copy in the
    /// second, so the second run finds them in the history.
    static let drops = [["001", "002", "003"], ["004", "005", "006"], ["007", "008", "009", "010"], ["011", "012", "013"]]

    /// Copies the samples of each drop into a folder of its own; returns the folders.
    static func makeDrops() throws -> [String] {
        let root = try TestPaths.temporaryDirectory()
        let samples = TestPaths.repository.appendingPathComponent("samples")
        let files = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".txt") }
        return try drops.enumerated().map { index, prefixes in
            let folder = root.appendingPathComponent("drop-\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files where prefixes.contains(where: file.hasPrefix) {
                try FileManager.default.copyItem(at: samples.appendingPathComponent(file), to: folder.appendingPathComponent(file))
            }
            return folder.path
        }
    }

    /// The shipped pipeline `name` on `drop`, writing local files under a new folder unless
    /// `environment` sets `OUT`; `lockWait` replaces the pipeline's `lock_wait`.
    static func runner(_ name: String, drop: String, environment: [String: String], lockWait: Int? = nil) throws -> PipelineRunner {
        let out = try TestPaths.temporaryDirectory().path
        let path = TestPaths.repository.appendingPathComponent("pipelines/\(name).yaml").path
        var definition = try PipelineLoader(environment: ["INPUT": drop, "OUT": out].merging(environment) { $1 }).load(path: path)
        if let lockWait { definition.settings.lockWaitSeconds = lockWait }
        return try PipelineRunner(definition: definition)
    }

    @Test func dropAfterDropGivesTheTablesOfTheSQLitePipelineAndARerunReadsNothing() async throws {
        let drops = try Self.makeDrops()
        let url = try PostgresTestServer.freshSchema()
        let sqliteOut = try TestPaths.temporaryDirectory().path
        var written = 0
        for drop in drops {
            let summary = try await Self.runner("daily-postgres", drop: drop, environment: ["DATABASE_URL": url.text]).run()
            written += summary.articlesWritten
            _ = try await Self.runner("daily-cron", drop: drop, environment: ["OUT": sqliteOut]).run()
        }
        let connection = try PostgresConnection(url: url)
        let database = try DatabaseQueue(path: (sqliteOut as NSString).appendingPathComponent("copydesk.sqlite"))
        for table in OutputTable.all {
            let expected = try await database.read { db in try DatabaseTableRows.sqlite(table, excluding: ["run_id"], in: db) }
            #expect(try DatabaseTableRows.postgres(table, excluding: ["run_id"], on: connection) == expected, "table \(table.name)")
        }
        for table in OutputTable.all {
            // No column name is a reserved word: every column is selected without quoting.
            #expect(throws: Never.self, "table \(table.name)") {
                try connection.query("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) LIMIT 1")
            }
        }
        let paths = try connection.query("SELECT source_path FROM articles").compactMap { $0[0] }
        #expect(paths.count(where: { ["001", "004", "005"].contains(where: ($0 as NSString).lastPathComponent.hasPrefix) }) == 1)
        let store = try PostgresStateStore(url: url)
        #expect(try await store.historyCount() == written)
        #expect(try await store.ledgerEntries().count == Self.drops.joined().count)

        let before = try connection.query("SELECT id, run_id FROM articles ORDER BY id")
        let rerun = try await Self.runner("daily-postgres", drop: drops[1], environment: ["DATABASE_URL": url.text]).run()
        #expect(rerun.articlesRead == 0, "every file of the drop is in the ledger")
        #expect(try connection.query("SELECT id, run_id FROM articles ORDER BY id") == before)
    }

    @Test func fourRunsAtOnceOnFourDropsFindEveryCrossDropDuplicateAndEndAsIfRunInTheirCommitOrder() async throws {
        let drops = try Self.makeDrops()
        let url = try PostgresTestServer.freshSchema()
        // No lock wait: a run kept from the store by another would fail at once with exit 75,
        // so four successes show that runs on different drops share it.
        let runners = try drops.map { try Self.runner("daily-postgres", drop: $0, environment: ["DATABASE_URL": url.text], lockWait: 0) }
        let summaries = try await withThrowingTaskGroup(of: (Int, RunSummary).self) { group in
            for (index, runner) in runners.enumerated() { group.addTask { (index, try await runner.run()) } }
            return try await group.reduce(into: [Int: RunSummary]()) { $0[$1.0] = $1.1 }
        }
        let connection = try PostgresConnection(url: url)
        let written = summaries.values.map(\.articlesWritten).reduce(0, +)
        #expect(try connection.query("SELECT count(*) FROM articles") == [[String(written)]])
        #expect(try await PostgresStateStore(url: url).historyCount() == written, "no history entry lost")
        #expect(try connection.query("SELECT status, count(*) FROM runs GROUP BY status") == [["complete", "4"]])
        let paths = try connection.query("SELECT source_path FROM articles").compactMap { $0[0] }
        #expect(paths.count(where: { ["001", "004", "005"].contains(where: ($0 as NSString).lastPathComponent.hasPrefix) }) == 1)

        // The same drops run one after another, in the order the four committed, give the
        // same tables and the same history.
        let committed = try connection.query("SELECT run FROM history_articles GROUP BY run ORDER BY min(commit_number)").compactMap { $0[0] }
        let order = committed.compactMap { run in summaries.first { $0.value.runID == run }?.key }
        #expect(order.count == drops.count, "every run committed history records")
        let sequential = try PostgresTestServer.freshSchema()
        for index in order { _ = try await Self.runner("daily-postgres", drop: drops[index], environment: ["DATABASE_URL": sequential.text]).run() }
        let reference = try PostgresConnection(url: sequential)
        for table in OutputTable.all {
            #expect(
                try DatabaseTableRows.postgres(table, excluding: ["run_id"], on: connection)
                    == DatabaseTableRows.postgres(table, excluding: ["run_id"], on: reference), "table \(table.name)")
        }
        let history = "SELECT article_id, exact_key, signature FROM history_articles WHERE committed ORDER BY article_id"
        #expect(try connection.query(history) == reference.query(history))
    }

    @Test func aWrongPasswordFailsTheRunBeforeAnyWorkAsAnOutputErrorWithoutShowingIt() async throws {
        let drops = try Self.makeDrops()
        let url = try PostgresTestServer.withPassword("Wr0ng-secret")
        let runner = try Self.runner("daily-postgres", drop: drops[0], environment: ["DATABASE_URL": url])
        var caught: (any Error)?
        do { _ = try await runner.run() } catch { caught = error }
        let error = try #require(caught)
        #expect(ExitStatus.classify(error) == .outputError)
        #expect("\(error)".contains("password authentication failed") && !"\(error)".contains("Wr0ng-secret"), "\(error)")
        #expect(runner.statistics[0].snapshot.articlesIn == 0, "no article was read")
    }
}

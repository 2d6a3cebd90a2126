import Foundation
import GRDB
import Testing

@testable import Copydesk

@Suite("PostgreSQL sink", PostgresTestServer.required)
struct PostgresSinkTests {
    /// The default pipeline's stages on samples/ (duplicates kept and marked), into SQLite at `sqlite` and PostgreSQL at `url`.
    func pipeline(sqlite: String, url: String) throws -> PipelineDefinition {
        let yaml = """
            name: both
            batch_size: 4
            stages:
              - type: textdrop
                path: \(TestPaths.repository.appendingPathComponent("samples").path)
              - type: normalize
              - type: dedupe
                survivor: earliest_date
                duplicates: mark
              - type: segment
              - type: extract
              - type: sqlite
                path: \(sqlite)
              - type: postgres
                url: '\(url)'
            """
        return try PipelineLoader().load(yaml: yaml, file: "both.yaml")
    }

    func sink(_ url: PostgresURL, runID: String = UUID().uuidString) throws -> PostgresSink {
        try PostgresSink(options: .with { $0.url = url.text }, context: StageContext(run: RunSettings(runID: runID)))
    }

    /// Every output table's rows on `connection`, `run_id` left out when asked.
    func tables(on connection: PostgresConnection, withoutRunIDs: Bool = false) throws -> [String: [[String?]]] {
        let excluded: Set<String> = withoutRunIDs ? ["run_id"] : []
        return try Dictionary(
            uniqueKeysWithValues: OutputTable.all.map { ($0.name, try DatabaseTableRows.postgres($0, excluding: excluded, on: connection)) })
    }

    @Test func theSameDropGivesTheSameRowsInSQLiteAndPostgreSQLTableByTable() async throws {
        let url = try PostgresTestServer.freshSchema()
        let sqlite = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let summary = try await PipelineRunner(definition: try pipeline(sqlite: sqlite, url: url.text)).run()
        #expect(summary.articlesWritten > 10)

        let connection = try PostgresConnection(url: url)
        let database = try DatabaseQueue(path: sqlite)
        for table in OutputTable.all {
            let expected = try await database.read { db in try DatabaseTableRows.sqlite(table, in: db) }
            let found = try DatabaseTableRows.postgres(table, on: connection)
            #expect(found == expected, "table \(table.name)")
            #expect(!found.isEmpty, "table \(table.name) has rows")
        }
        let runColumns = "id, pipeline, status, articles, config_hash, duplicates"
        let sqliteRuns = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(runColumns) FROM runs").map { row in (0..<6).map { (row[$0] as DatabaseValue).description } }
        }
        let postgresRuns = try connection.query("SELECT \(runColumns) FROM runs")
        #expect(postgresRuns.map { $0.map { $0 ?? "NULL" } } == sqliteRuns.map { $0.map { $0.replacing("\"", with: "") } })
        #expect(try connection.query("SELECT status FROM runs") == [["complete"]])
    }

    @Test func aRerunChangesNothingButTheRunIDs() async throws {
        let url = try PostgresTestServer.freshSchema()
        let sqlite = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let definition = try pipeline(sqlite: sqlite, url: url.text)
        let first = try await PipelineRunner(definition: definition).run()
        let connection = try PostgresConnection(url: url)
        let before = try tables(on: connection, withoutRunIDs: true)
        let second = try await PipelineRunner(definition: definition).run()
        #expect(try tables(on: connection, withoutRunIDs: true) == before)
        #expect(try connection.query("SELECT DISTINCT run_id FROM articles") == [[second.runID]])
        let runs = try connection.query("SELECT id, status, articles FROM runs ORDER BY started_at, id")
        #expect(Set(runs.map { $0[0] }) == [first.runID, second.runID])
        #expect(runs.map { $0[1] } == ["complete", "complete"])
        #expect(runs.map { $0[2] } == [String(first.articlesWritten), String(second.articlesWritten)])
    }

    @Test func theSchemaHasKeysForeignKeysIndexesAndFullTextSearch() async throws {
        let url = try PostgresTestServer.freshSchema()
        let sink = try sink(url)
        try await sink.write([SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        try await sink.commit()
        let connection = try PostgresConnection(url: url)
        for table in OutputTable.all.map(\.stored) {
            let key = try connection.query(
                """
                SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)
                """, [table.name])
            #expect(key.map { $0[0] } == table.key, "key of \(table.name)")
            let references = try connection.query(
                "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'", [table.name])
            #expect(references == (table.name == "articles" ? [] : [["articles"]]), "foreign key of \(table.name)")
        }
        let indexes = Set(try connection.query("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()").map { $0[0] })
        #expect(indexes.isSuperset(of: OutputTable.all.flatMap(\.indexes).map(\.name) + ["articles_search"]))
        let method = try connection.query(
            "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.oid = 'articles_search'::regclass")
        #expect(method == [["gin"]])
        let found = try connection.query("SELECT id FROM articles WHERE search @@ plainto_tsquery('simple', 'Tromsø budget')")
        #expect(found == [[SinkTestArticles.tromso().id]])
        #expect(
            try connection.query("SELECT text FROM sentences WHERE article_id = $1 ORDER BY idx", [SinkTestArticles.tromso().id]).map { $0[0] }
                == SinkTestArticles.tromso().sentences.map(\.text))
    }

    @Test func nothingIsVisibleUntilTheCommitAndAFailedRunLeavesTheTablesAsTheyWere() async throws {
        let url = try PostgresTestServer.freshSchema()
        let first = try sink(url, runID: "first")
        try await first.write([SinkTestArticles.tromso()])
        let reader = try PostgresConnection(url: url)
        #expect(try reader.query("SELECT count(*) FROM articles") == [["0"]])
        #expect(try reader.query("SELECT status FROM runs") == [["running"]])
        try await first.commit()
        let committed = try tables(on: reader)

        let failed = try sink(url, runID: "failed")
        try await failed.write([SinkTestArticles.tromso(title: "Replaced"), SinkTestArticles.beijing()])
        await failed.discard()
        #expect(try tables(on: reader) == committed)
        #expect(try reader.query("SELECT id, status FROM runs ORDER BY id") == [["failed", "failed"], ["first", "complete"]])
    }

    @Test func aRunWhoseConnectionEndsWithoutACommitLeavesNothingAndItsRerunCompletes() async throws {
        let url = try PostgresTestServer.freshSchema()
        do {
            let abandoned = try sink(url, runID: "abandoned")
            try await abandoned.write([SinkTestArticles.tromso()])
            try await abandoned.write([SinkTestArticles.beijing()])
        }
        let reader = try PostgresConnection(url: url)
        #expect(try reader.query("SELECT count(*) FROM articles") == [["0"]])
        let rerun = try sink(url, runID: "rerun")
        try await rerun.write([SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        try await rerun.commit()
        #expect(try reader.query("SELECT count(*) FROM articles") == [["2"]])
        #expect(try reader.query("SELECT id, status FROM runs ORDER BY id") == [["abandoned", "running"], ["rerun", "complete"]])
    }

    @Test func aLaterVersionOfAnArticleInTheSameRunReplacesTheEarlierOne() async throws {
        let url = try PostgresTestServer.freshSchema()
        let sink = try sink(url)
        try await sink.write([SinkTestArticles.tromso(title: "First"), SinkTestArticles.beijing()])
        try await sink.write([SinkTestArticles.tromso(title: "Second"), SinkTestArticles.tromso(title: "Third")])
        try await sink.commit()
        let connection = try PostgresConnection(url: url)
        #expect(try connection.query("SELECT title FROM articles WHERE id = $1", [SinkTestArticles.tromso().id]) == [["Third"]])
        let sentences = try connection.query("SELECT count(*) FROM sentence_spans WHERE article_id = $1", [SinkTestArticles.tromso().id])
        #expect(sentences == [[String(SinkTestArticles.tromso().sentences.count)]])
        #expect(try connection.query("SELECT articles FROM runs") == [["4"]])
    }

    @Test(arguments: ["wrong password", "unreachable host"])
    func aServerItCannotUseFailsTheRunBeforeAnyWorkWithoutShowingThePassword(_ problem: String) async throws {
        let url =
            problem == "wrong password"
            ? try PostgresTestServer.withPassword("Wr0ng-secret") : "postgres://copydesk:Wr0ng-secret@127.0.0.1:1/news?connect_timeout=3"
        let sqlite = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let runner = try PipelineRunner(definition: try pipeline(sqlite: sqlite, url: url))
        var caught: (any Error)?
        do { _ = try await runner.run() } catch { caught = error }
        let error = try #require(caught)
        #expect(ExitStatus.classify(error) == .outputError)
        let message = "\(error)"
        #expect(!message.contains("Wr0ng-secret"))
        #expect(message.contains(":***@") && message.contains("cannot connect"))
        #expect(message.contains(problem == "wrong password" ? "password authentication failed" : "127.0.0.1"))
        #expect(runner.statistics[0].snapshot.articlesIn == 0, "no article was read")
        #expect(!FileManager.default.fileExists(atPath: sqlite), "no other sink wrote")
    }

    @Test func tablesOfAnotherVersionAreRefusedWithTheDifference() async throws {
        let url = try PostgresTestServer.freshSchema()
        try PostgresConnection(url: url).execute("CREATE TABLE articles (id text PRIMARY KEY, text text)")
        let sink = try sink(url)
        let error = await #expect(throws: SinkError.self) { try await sink.open() }
        #expect(error?.message.contains("table articles has the columns (id, text), this version of Copydesk writes (id, source_path") == true)
    }
}

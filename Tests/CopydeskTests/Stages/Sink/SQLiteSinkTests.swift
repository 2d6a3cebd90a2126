import Foundation
import GRDB
import Testing

@testable import Copydesk

@Suite("SQLite sink")
struct SQLiteSinkTests {
    func sink(_ path: String, runID: String = UUID().uuidString, reprocess: Bool = false, fts: Bool = true) throws -> SQLiteSink {
        try SQLiteSink(
            options: .with {
                $0.path = path; $0.fts = fts
            },
            context: StageContext(run: RunSettings(reprocess: reprocess, runID: runID)))
    }

    /// Writes `articles` in one run and commits it.
    func run(_ path: String, _ articles: [Article], runID: String = UUID().uuidString, reprocess: Bool = false) async throws {
        let sink = try sink(path, runID: runID, reprocess: reprocess)
        try await sink.write(articles)
        try await sink.commit()
    }

    func count(_ db: Database, _ table: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1
    }

    @Test func theSchemaHasKeysIndexesAndEveryRow() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("nested/out.sqlite").path
        try await run(path, [SinkTestArticles.tromso(), SinkTestArticles.beijing()], runID: "run-a")
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            for table in OutputTable.all {
                #expect(try db.columns(in: table.name).map(\.name) == table.columns, "columns of \(table.name)")
            }
            for table in OutputTable.all where table.columns.starts(with: ["article_id", "idx"]) {
                let stored = table.stored.name
                let key = try db.indexes(on: stored).first { $0.columns == ["article_id", "idx"] }
                #expect(key?.isUnique == true, "\(stored) is keyed by (article_id, idx)")
                #expect(try db.primaryKey(stored).isRowID, "\(stored) appends rows in rowid order")
                #expect(try db.foreignKeys(on: stored).first?.destinationTable == "articles")
            }
            let indexes = try db.indexes(on: "entities").map(\.columns)
            #expect(indexes.contains(["canonical", "type"]))
            #expect(try Set(db.indexes(on: "articles").map(\.columns)).isSuperset(of: [["date"], ["section"]]))
            #expect(try count(db, "articles") == 2)
            #expect(try count(db, "sentences") == 6)
            #expect(try count(db, "entities") == 4)
            #expect(try count(db, "dates") == 1)
            #expect(try count(db, "duplicates") == 1)
            let article = try #require(try Row.fetchOne(db, sql: "SELECT * FROM articles WHERE id = '7f3a9c1e00b2d4e6'"))
            #expect(article["title"] == "Norway's \"Arctic\" budget: €1.2bn, Tromsø first")
            #expect(article["summary"] == "Ministers agreed, after a long night,\non a new \"blue\" fund.")
            #expect((article["url"] as DatabaseValue).isNull)
            #expect(article["removed_block_count"] == 1)
            #expect(article["run_id"] == "run-a")
            #expect(try Double.fetchOne(db, sql: "SELECT value FROM amounts WHERE currency = 'EUR'") == 1_200_000_000)
            let run = try #require(try Row.fetchOne(db, sql: "SELECT * FROM runs"))
            #expect(run["id"] as String? == "run-a")
            #expect(run["status"] as String? == "complete")
            #expect(run["articles"] as Int? == 2)
            #expect(run["duplicates"] as Int? == 1)
            #expect((run["finished_at"] as String?) != nil)
        }
    }

    @Test func theMigratedTablesHaveTheSharedDefinitionsColumnKindsNullsAndKeys() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        try await run(path, [SinkTestArticles.tromso()])
        let database = try DatabaseQueue(path: path)
        let types: [OutputColumn.Kind: String] = [.text: "TEXT", .integer: "INTEGER", .real: "REAL"]
        try await database.read { (db: Database) throws -> Void in
            for table in OutputTable.all.map(\.stored) {
                let columns = try db.columns(in: table.name)
                #expect(columns.map(\.name) == table.columns, "columns of \(table.name)")
                #expect(columns.map(\.type) == table.schema.map { types[$0.kind] }, "kinds of \(table.name)")
                #expect(columns.map(\.isNotNull) == table.schema.map { !$0.isNullable }, "nulls of \(table.name)")
                let key = table.key.count == 1 ? try db.primaryKey(table.name).columns : try db.indexes(on: table.name).first { $0.isUnique }?.columns
                #expect(key == table.key, "key of \(table.name)")
            }
        }
    }

    @Test func everyColumnIsSelectedWithoutQuoting() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        try await run(path, [SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        try await DatabaseQueue(path: path).read { (db: Database) throws -> Void in
            for table in OutputTable.all {
                let rows = try Row.fetchAll(db, sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)")
                #expect(rows.first.map { Array($0.columnNames) } == table.columns, "\(table.name)")
            }
        }
    }

    @Test func theSentencesViewCutsEachSentenceOutOfTheArticleText() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let articles = [SinkTestArticles.tromso(), SinkTestArticles.beijing()]
        try await run(path, articles)
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            #expect(try String.fetchOne(db, sql: "SELECT type FROM sqlite_master WHERE name = 'sentences'") == "view")
            for article in articles {
                let texts = try String.fetchAll(db, sql: "SELECT text FROM sentences WHERE article_id = ? ORDER BY idx", arguments: [article.id])
                #expect(texts == article.sentences.map(\.text))
                #expect(!texts.isEmpty)
            }
        }
    }

    @Test func foreignKeysHold() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        try await run(path, [SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        let database = try DatabaseQueue(path: path)
        try await database.write { (db: Database) throws -> Void in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO quotes VALUES ('no-such-article', 0, 'x', NULL, NULL, 0, 1, 0)")
            }
            try db.execute(sql: "DELETE FROM articles WHERE id = '7f3a9c1e00b2d4e6'")
            #expect(try count(db, "sentences") == 2)
            #expect(try count(db, "quotes") == 0)
        }
    }

    @Test func aRerunReplacesRowsInsteadOfAddingThem() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        try await run(path, [SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        var revised = SinkTestArticles.tromso(title: "Tromsø port fund approved")
        revised.entities.removeLast(2)
        revised.quotes = []
        try await run(path, [revised])
        try await run(path, [revised], reprocess: true)
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            #expect(try count(db, "articles") == 2)
            #expect(try count(db, "sentences") == 6)
            #expect(try count(db, "entities") == 2)
            #expect(try count(db, "quotes") == 0)
            #expect(try count(db, "amounts") == 2)
            #expect(try count(db, "runs") == 3)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchOne(db, sql: "SELECT title FROM articles WHERE id = '7f3a9c1e00b2d4e6'") == "Tromsø port fund approved")
            #expect(
                try String.fetchAll(db, sql: "SELECT title FROM articles_fts WHERE articles_fts MATCH 'approved'") == ["Tromsø port fund approved"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'Arctic AND budget'") == 0)
        }
        try await database.write { (db: Database) throws -> Void in
            try db.execute(sql: "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        }
    }

    @Test func theLastVersionWinsWithinOneBatch() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        try await run(path, [SinkTestArticles.tromso(), SinkTestArticles.beijing(), SinkTestArticles.tromso(title: "Second version")])
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            #expect(try count(db, "articles") == 2)
            #expect(try count(db, "sentences") == 6)
            #expect(try String.fetchOne(db, sql: "SELECT title FROM articles WHERE id = '7f3a9c1e00b2d4e6'") == "Second version")
            #expect(try Int.fetchOne(db, sql: "SELECT articles FROM runs") == 3)
        }
    }

    /// The names of the indexes SQLite creates from `CREATE INDEX` statements.
    func indexNames(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    }

    @Test func theMigrationsCreateExactlyTheListedIndexes() throws {
        let database = try DatabaseQueue()
        try SQLiteOutputSchema.migrator.migrate(database)
        let names = try database.read { db in try indexNames(db) }
        #expect(names == Set(SQLiteOutputSchema.indexes.map { $0.name }))
    }

    @Test func aLoadIntoAnEmptyDatabaseEndsWithEveryIndex() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let sink = try sink(path)
        try await sink.write([SinkTestArticles.tromso()])
        let during = try await DatabaseQueue(path: path).read { db in (try indexNames(db), try db.tableExists("articles_fts")) }
        #expect(during.0.isEmpty, "indexes are built at the end of a first load")
        #expect(!during.1)
        try await sink.write([SinkTestArticles.beijing()])
        try await sink.commit()
        let database = try DatabaseQueue(path: path)
        try await database.write { (db: Database) throws -> Void in
            #expect(try indexNames(db) == Set(SQLiteOutputSchema.indexes.map { $0.name }))
            #expect(try String.fetchAll(db, sql: "SELECT title FROM articles_fts WHERE articles_fts MATCH 'putin'").count == 1)
            try db.execute(sql: "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
            #expect(try String.fetchOne(db, sql: "SELECT status FROM runs") == "complete")
        }
    }

    @Test func theRunAfterAKilledLoadBuildsTheMissingIndexes() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let killed = try sink(path, runID: "killed")
        try await killed.write([SinkTestArticles.tromso()])
        // The killed run never commits nor discards: its process is gone, and SQLite released its lock.
        let next = try sink(path, runID: "next")
        try await next.write([SinkTestArticles.beijing()])
        let database = try DatabaseQueue(path: path)
        let during = try await database.read { db in try indexNames(db) }
        #expect(during == Set(SQLiteOutputSchema.indexes.map { $0.name }), "built when the next run opens the database")
        try await next.commit()
        try await database.write { (db: Database) throws -> Void in
            #expect(
                try String.fetchAll(
                    db, sql: "SELECT id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH 'tromsø'")
                    == ["7f3a9c1e00b2d4e6"])
            try db.execute(sql: "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
            #expect(try String.fetchAll(db, sql: "SELECT status FROM runs ORDER BY id") == ["running", "complete"])
        }
    }

    @Test func anArticleRepeatedInALaterBatchOfAFirstLoadIsReplaced() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let sink = try sink(path)
        try await sink.write([SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        var revised = SinkTestArticles.tromso(title: "Tromsø port fund approved")
        revised.entities.removeLast(2)
        try await sink.write([revised])
        try await sink.commit()
        let database = try DatabaseQueue(path: path)
        try await database.write { (db: Database) throws -> Void in
            #expect(try count(db, "articles") == 2)
            #expect(try count(db, "sentences") == 6)
            #expect(try count(db, "entities") == 2)
            #expect(
                try String.fetchAll(db, sql: "SELECT title FROM articles_fts WHERE articles_fts MATCH 'approved'") == ["Tromsø port fund approved"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'Arctic AND budget'") == 0)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            try db.execute(sql: "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
            #expect(try indexNames(db) == Set(SQLiteOutputSchema.indexes.map { $0.name }))
        }
    }

    @Test func fullTextSearchFindsArticles() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        try await run(path, [SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            let putin = try String.fetchAll(
                db,
                sql: """
                    SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH 'Putin'
                    """)
            #expect(putin == ["0c44e1d2a9b87f10"])
            #expect(
                try String.fetchAll(db, sql: "SELECT title FROM articles_fts WHERE articles_fts MATCH 'tromsø'")
                    == ["Norway's \"Arctic\" budget: €1.2bn, Tromsø first"])
        }
    }

    @Test func withoutFullTextNoIndexIsCreated() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let sink = try sink(path, fts: false)
        try await sink.write([SinkTestArticles.beijing()])
        try await sink.commit()
        let exists = try await DatabaseQueue(path: path).read { db in try db.tableExists("articles_fts") }
        #expect(!exists)
    }

    @Test func aFirstVersionDatabaseIsUpgradedInPlace() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteOutputSchema.migrator.migrate(old, upTo: "v1 tables")
        try await old.write { (db: Database) throws -> Void in
            #expect(try !db.tableExists("dates"))
            try db.execute(
                sql: """
                    INSERT INTO articles (id, source_path, source_line, source_format, title, text, removed_blocks, run_id)
                    VALUES ('0ld0000000000001', 'archive/2019.txt', 1, 'textdrop', 'Ferry strike ends', 'The Hurtigruten strike in Bodø ended.', 0, 'old-run');
                    INSERT INTO paragraphs VALUES ('0ld0000000000001', 0, 'paragraph', 0, 37);
                    INSERT INTO sentences VALUES ('0ld0000000000001', 0, 0, 0, 37, 'The Hurtigruten strike in Bodø ended.');
                    INSERT INTO runs (id, pipeline, started_at, finished_at, status, articles)
                    VALUES ('old-run', 'daily', '2019-05-01T06:00:00Z', '2019-05-01T06:01:00Z', 'complete', 1);
                    """)
        }
        try old.close()

        try await run(path, [SinkTestArticles.tromso()])
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            #expect(
                try SQLiteOutputSchema.migrator.appliedIdentifiers(db) == [
                    "v1 tables", "v2 dates", "v3 run details", "v4 appendable annotations",
                    "v5 record ids", "v6 page metadata", "v7 archive members", "v8 extra fields", "v9 unreserved names",
                    "v10 dropped duplicates", "v11 run reports",
                ])
            #expect(try db.tableExists("dropped_duplicates"))
            let oldRun = try #require(try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = 'old-run'"))
            #expect(oldRun["articles"] as Int? == 1)
            #expect(oldRun["duplicates"] as Int? == 0)
            #expect((oldRun["config_hash"] as DatabaseValue).isNull)
            #expect(oldRun["status"] as String? == "complete")
            #expect(
                try (Row.fetchOne(db, sql: "SELECT content_key FROM articles WHERE id = '0ld0000000000001'")?["content_key"] as DatabaseValue?)?
                    .isNull == true)
            #expect(try db.tableExists("dates"))
            #expect(try count(db, "dates") == 1)
            #expect(try String.fetchOne(db, sql: "SELECT title FROM articles WHERE id = '0ld0000000000001'") == "Ferry strike ends")
            #expect(try count(db, "paragraphs") == 5)
            #expect(
                try String.fetchAll(db, sql: "SELECT text FROM sentences WHERE article_id = '0ld0000000000001'")
                    == ["The Hurtigruten strike in Bodø ended."])
            let oldSentence = try #require(
                try Row.fetchOne(db, sql: "SELECT start_offset, end_offset FROM sentences WHERE article_id = '0ld0000000000001'"))
            #expect(oldSentence["start_offset"] as Int? == 0 && oldSentence["end_offset"] as Int? == 37)
            #expect(try Int.fetchOne(db, sql: "SELECT removed_block_count FROM articles WHERE id = '0ld0000000000001'") == 0)
            #expect(try String.fetchAll(db, sql: "SELECT title FROM articles_fts WHERE articles_fts MATCH 'hurtigruten'") == ["Ferry strike ends"])
        }
    }

    @Test func pageMetadataIsStoredWithAuthorsJoinedAndNullsWhenAbsent() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        try await run(path, [SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            let beijing = try #require(try Row.fetchOne(db, sql: "SELECT authors, language, site FROM articles WHERE id = '0c44e1d2a9b87f10'"))
            #expect(beijing["authors"] as String? == "Anna Petrova; Li Wei")
            #expect(beijing["language"] as String? == "en-GB")
            #expect(beijing["site"] as String? == "The Daily Ledger")
            let tromso = try #require(try Row.fetchOne(db, sql: "SELECT authors, language, site FROM articles WHERE id = '7f3a9c1e00b2d4e6'"))
            #expect(tromso.databaseValues.map(\.isNull) == [true, true, true])
        }
    }

    @Test func aFifthVersionDatabaseGetsThePageMetadataColumns() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("v5.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteOutputSchema.migrator.migrate(old, upTo: "v5 record ids")
        try await old.write { (db: Database) throws -> Void in
            #expect(try !db.columns(in: "articles").map(\.name).contains("authors"))
            try db.execute(
                sql: """
                    INSERT INTO articles (id, source_path, source_line, source_format, title, text, removed_blocks, run_id, content_key)
                    VALUES ('0ld0000000000005', 'archive/2023.txt', 1, 'textdrop', 'Ferry strike ends', 'The Hurtigruten strike in Bodø ended.', 0, 'v5-run', 'c0ffee0000000005'),
                    ('0c44e1d2a9b87f10', 'drops/wire.jsonl', 3, 'jsonl', 'Putin meets Xi', 'An earlier version.', 0, 'v5-run', 'c0ffee0000000006');
                    INSERT INTO runs (id, pipeline, started_at, finished_at, status, articles)
                    VALUES ('v5-run', 'daily', '2023-05-01T06:00:00Z', '2023-05-01T06:01:00Z', 'complete', 2);
                    """)
        }
        try old.close()

        try await run(path, [SinkTestArticles.tromso(), SinkTestArticles.beijing()], runID: "v6-run")
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            #expect(try SQLiteOutputSchema.migrator.appliedIdentifiers(db).contains("v6 page metadata"))
            #expect(try db.columns(in: "articles").map(\.name) == OutputTable.articles.columns)
            #expect(try count(db, "articles") == 3)
            let kept = try #require(try Row.fetchOne(db, sql: "SELECT * FROM articles WHERE id = '0ld0000000000005'"))
            #expect(kept["title"] as String? == "Ferry strike ends")
            #expect(kept["content_key"] as String? == "c0ffee0000000005")
            #expect(kept["run_id"] as String? == "v5-run")
            #expect((kept["authors"] as DatabaseValue).isNull && (kept["language"] as DatabaseValue).isNull && (kept["site"] as DatabaseValue).isNull)
            let replaced = try #require(try Row.fetchOne(db, sql: "SELECT * FROM articles WHERE id = '0c44e1d2a9b87f10'"))
            #expect(replaced["title"] as String? == "Putin meets Xi in Beijing")
            #expect(replaced["authors"] as String? == "Anna Petrova; Li Wei")
            #expect(replaced["language"] as String? == "en-GB")
            #expect(replaced["site"] as String? == "The Daily Ledger")
            #expect(replaced["run_id"] as String? == "v6-run")
            #expect(try String.fetchAll(db, sql: "SELECT title FROM articles_fts WHERE articles_fts MATCH 'hurtigruten'") == ["Ferry strike ends"])
            #expect(try String.fetchAll(db, sql: "SELECT status FROM runs ORDER BY started_at") == ["complete", "complete"])
        }
    }

    @Test func extraFieldsAreStoredAsJSONTextAndASixthVersionDatabaseGetsTheColumn() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("v6.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteOutputSchema.migrator.migrate(old, upTo: "v6 page metadata")
        try await old.write { (db: Database) throws -> Void in
            try db.execute(
                sql: """
                    INSERT INTO articles (id, source_path, source_line, source_format, title, text, removed_blocks, run_id, content_key)
                    VALUES ('0ld0000000000006', 'archive/2023.txt', 1, 'textdrop', 'Ferry strike ends', 'The strike ended.', 0, 'v6-run', 'c0ffee0000000007');
                    """)
        }
        try old.close()
        var beijing = SinkTestArticles.beijing()
        beijing.extra = ["wordcount": .integer(512), "meta": .object(["desk": .string("Asia"), "score": .number(0.5)])]
        try await run(path, [SinkTestArticles.tromso(), beijing])
        let beijingID = beijing.id
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            #expect(try SQLiteOutputSchema.migrator.appliedIdentifiers(db).contains("v8 extra fields"))
            #expect(try db.columns(in: "articles").map(\.name) == OutputTable.articles.columns)
            let extras = try [String: String](
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, extra FROM articles").map { ($0["id"] as String, $0["extra"] as String) })
            #expect(extras[beijingID] == #"{"meta":{"desk":"Asia","score":0.5},"wordcount":512}"#)
            #expect(extras[SinkTestArticles.tromso().id] == "{}")
            #expect(extras["0ld0000000000006"] == "{}", "rows written before the column get an empty object")
            #expect(try String.fetchOne(db, sql: "SELECT extra ->> '$.meta.desk' FROM articles WHERE id = ?", arguments: [beijingID]) == "Asia")
        }
    }

    @Test func validatingCreatesNoFile() throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out/db.sqlite").path
        _ = try sink(path)
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))
    }

    @Test func aDiscardedRunIsRecordedAsFailed() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("out.sqlite").path
        let sink = try sink(path, runID: "killed")
        try await sink.write([SinkTestArticles.beijing()])
        await sink.discard()
        let database = try DatabaseQueue(path: path)
        try await database.read { (db: Database) throws -> Void in
            #expect(try String.fetchOne(db, sql: "SELECT status FROM runs WHERE id = 'killed'") == "failed")
            #expect(try count(db, "articles") == 1)
        }
    }

    @Test func anUnwritablePathFailsWithTheFileNamedAndLeavesNoFile() async throws {
        let parent = try TestPaths.temporaryDirectory()
        let blocker = parent.appendingPathComponent("blocker")
        try "not a directory".write(to: blocker, atomically: false, encoding: .utf8)
        let path = blocker.appendingPathComponent("out.sqlite").path
        let sink = try sink(path)
        let error = await #expect(throws: SinkError.self) { try await sink.write([SinkTestArticles.tromso()]) }
        #expect(error?.description.contains(blocker.path) == true)
        await sink.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["blocker"])

        guard getuid() != 0 else { return }
        let locked = parent.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let lockedPath = locked.appendingPathComponent("out.sqlite").path
        let lockedSink = try self.sink(lockedPath)
        let lockedError = await #expect(throws: SinkError.self) { try await lockedSink.commit() }
        #expect(lockedError?.description.contains(lockedPath) == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path).isEmpty)
    }
}

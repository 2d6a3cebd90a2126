import Foundation
import GRDB

/// Writes articles into the normalised tables of an SQLite database (see `docs/outputs.md`),
/// upserting by article id so a rerun or `--reprocess` replaces rows instead of adding them.
///
/// Each batch is written in its own transaction. The run is recorded in `runs` with status
/// `running` on the first write, `complete` on ``commit()`` (`interrupted` when a stop request
/// ended the intake early) and `failed` on ``discard()``. What a failed run leaves: ``discard()``
/// does not undo, since an upsert replaced the earlier rows of the same ids; the batches written
/// before the failure stay, each complete (one transaction per batch), with `run_id` naming the
/// failed run, whose `runs` row says `failed`. A killed run leaves the same under a `running`
/// row. Both are safe because a rerun writes the same ids and upserts them. The database is
/// opened only on the first write or commit, so validating a pipeline creates no file.
///
/// Into an empty database (a first run, an archive reprocessed into a new file) the indexes
/// (annotation keys, secondary indexes) and the full-text index are not kept up to date row by
/// row: they are built once, in bulk, in the transaction that marks the run complete, which
/// makes loading about twice as fast. A run killed during such a load leaves its rows without
/// those indexes; the next run builds them when it opens the database. Loading stops deferring
/// as soon as a batch replaces an article already written, because replacing needs the indexes.
public actor SQLiteSink: SinkStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "sqlite"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Writes articles into normalised SQLite tables (upsert by id, full-text index, run history)."

    /// The sink's options.
    public struct Options: DeclaredOptions {
        /// Database file.
        public var path = ""
        /// Keep the full-text index.
        public var fts = true

        /// Writes nowhere until `path` is set.
        public init() {}

        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Self>] = [
            .string(
                "path", \.path, required: true, writes: .file,
                doc: "Database file; created with its directory when missing, upgraded in place when older."),
            .boolean("fts", \.fts, doc: "Keep the full-text index articles_fts over title and text."),
        ]
    }

    private let path: String
    private let fullTextIndex: Bool
    private let runID: String
    private let pipelineName: String?
    private let configHash: String?
    private let stop: StopRequest
    private var database: DatabaseQueue?
    /// Whether the indexes and the full-text index are left to be built at the end of the run.
    private var deferringIndexes = false

    /// Turns an insert into `articles` into an update in place when the id exists, so the row
    /// keeps its rowid and so its full-text entry.
    private static let articleUpdateClause: String = {
        let updates = OutputTable.articles.columns.dropFirst().map { "\(quoted($0)) = excluded.\(quoted($0))" }
        return " ON CONFLICT (id) DO UPDATE SET " + updates.joined(separator: ", ")
    }()

    /// The files the run locks for this stage.
    public nonisolated var lockPaths: [String] { [path] }

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) throws {
        path = options.path
        guard !path.isEmpty else { throw context.invalid(\Options.path, "must not be empty") }
        fullTextIndex = options.fts
        runID = context.run.runID
        pipelineName = context.run.pipeline.isEmpty ? nil : context.run.pipeline
        configHash = context.run.configHash.isEmpty ? nil : context.run.configHash
        stop = context.intake.stop
    }

    /// Writes one batch, in input order.
    public func write(_ articles: [Article]) throws {
        let database = try openDatabase()
        let latest = articles.lastOccurrenceIndices
        let latestIDs = latest.map { articles[$0].id }
        let deferring = deferringIndexes
        let indexesBuilt = try perform("cannot write a batch") {
            try database.write { db in
                let replaced = try Self.storedIDs(of: latestIDs, in: db)
                let buildIndexes = deferring && !replaced.isEmpty
                if buildIndexes { try buildDeferredIndexes(db) }
                try SQLiteRowInserter.insert(
                    OutputTable.articles, of: articles, at: latest, runID, upsert: Self.articleUpdateClause, into: db)
                for table in OutputTable.storedAnnotationTables {
                    try Self.deleteRows(of: replaced, from: table, in: db)
                    try SQLiteRowInserter.insert(table, of: articles, at: latest, runID, upsert: "", into: db)
                }
                try db.execute(
                    sql: "UPDATE runs SET articles = articles + ?, duplicates = duplicates + ? WHERE id = ?",
                    arguments: [articles.count, articles.count { $0.duplicateOf != nil }, runID])
                return buildIndexes
            }
        }
        if indexesBuilt { deferringIndexes = false }
    }

    /// Keeps the articles dropped as duplicates in `dropped_duplicates` (a rerun replaces an
    /// article's row) and counts them in the run's `duplicates`.
    public func record(_ dropped: [DroppedDuplicate]) throws {
        let database = try openDatabase()
        try perform("cannot record dropped duplicates") {
            try database.write { db in
                let insert = try db.cachedStatement(
                    sql: """
                        INSERT OR REPLACE INTO dropped_duplicates
                            (article_id, duplicate_of, similarity, run_id, source_path, source_line, source_member, title, date)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for duplicate in dropped {
                    try insert.execute(arguments: [
                        duplicate.id, duplicate.duplicateOf, duplicate.similarity, runID, duplicate.source.path, duplicate.source.line,
                        duplicate.source.member, duplicate.title, duplicate.date,
                    ])
                }
                try db.execute(sql: "UPDATE runs SET duplicates = duplicates + ? WHERE id = ?", arguments: [dropped.count, runID])
            }
        }
    }

    /// Makes what this run wrote visible: renames into place or commits.
    public func commit() throws {
        let database = try openDatabase()
        let deferring = deferringIndexes
        let status = stop.isRequested ? "interrupted" : "complete"
        try perform("cannot record the run as \(status)") {
            try database.write { db in
                if deferring { try buildDeferredIndexes(db) }
                try db.execute(
                    sql: "UPDATE runs SET status = ?, finished_at = ? WHERE id = ?",
                    arguments: [status, Self.timestamp(), runID])
            }
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try database.close()
        }
        self.database = nil
        deferringIndexes = false
    }

    /// Throws away what this run wrote (see the type's doc for what remains).
    public func discard() {
        guard let database else { return }
        try? database.write { db in
            try db.execute(
                sql: "UPDATE runs SET status = 'failed', finished_at = ? WHERE id = ?",
                arguments: [Self.timestamp(), runID])
        }
        try? database.close()
        self.database = nil
        deferringIndexes = false
    }

    /// The open database, opening it on first use: creates the directory and file, switches to
    /// WAL mode, applies pending migrations, records the run as `running` and, when the database
    /// holds no article yet, drops the indexes and the full-text index to build them at the end;
    /// otherwise builds those that are missing (a killed load, or `fts` newly on).
    private func openDatabase() throws -> DatabaseQueue {
        if let database { return database }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try perform("cannot create the directory \(directory)") {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        }
        let opened: (queue: DatabaseQueue, empty: Bool) = try perform("cannot open the output database") {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            // The sink writes an article before its rows and deletes rows before replacing them,
            // so checking every row's parent would only repeat that work; the keys stay declared
            // for readers (a test runs `PRAGMA foreign_key_check` on the output).
            configuration.foreignKeysEnabled = false
            // Temporary data (the sorts of the index builds at commit) goes to temporary
            // files: held in memory, it grew with the run, to hundreds of MB at a million
            // articles.
            // A new database gets 16 KiB pages (an existing one keeps its own): an article's
            // text spans fewer overflow pages and tables split less often (the file is 5%
            // smaller). The write-ahead log is checkpointed every 64 MB.
            configuration.prepareDatabase { db in
                try db.execute(
                    sql:
                        "PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA temp_store = FILE; PRAGMA wal_autocheckpoint = 4096"
                )
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try SQLiteOutputSchema.migrator.migrate(queue)
            let empty = try queue.write { db in
                let empty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM articles)") ?? true
                if empty {
                    try SQLiteOutputSchema.dropIndexes(db)
                    if fullTextIndex { try SQLiteOutputSchema.dropFullTextIndex(db) }
                } else {
                    try buildDeferredIndexes(db)
                }
                try db.execute(
                    sql: "INSERT INTO runs (id, pipeline, config_hash, started_at, status) VALUES (?, ?, ?, ?, 'running')",
                    arguments: [runID, pipelineName, configHash, Self.timestamp()])
                return empty
            }
            return (queue, empty)
        }
        database = opened.queue
        deferringIndexes = opened.empty
        return opened.queue
    }

    /// Builds the indexes and, when asked, the full-text index that are missing.
    private nonisolated func buildDeferredIndexes(_ db: Database) throws {
        try SQLiteOutputSchema.createIndexesIfMissing(db)
        if fullTextIndex { try SQLiteOutputSchema.createFullTextIndexIfMissing(db) }
    }

    /// Runs `body`, turning any error into a ``SinkError`` naming the database file.
    private func perform<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw SinkError(sink: Self.typeName, message: "\(path): \(what): \(error)")
        }
    }

    /// The ids among `ids` that the database already holds: only their articles' annotation
    /// rows need deleting before the new ones are inserted.
    private static func storedIDs(of ids: [String], in db: Database) throws -> [String] {
        try chunks(of: ids).flatMap { ids in
            try String.fetchAll(
                db, sql: "SELECT id FROM articles WHERE id IN (\(placeholders(ids.count)))",
                arguments: StatementArguments(ids))
        }
    }

    /// Deletes the rows of `table` belonging to the articles `ids`.
    private static func deleteRows(of ids: [String], from table: OutputTable, in db: Database) throws {
        for chunk in chunks(of: ids) {
            try db.execute(
                sql: "DELETE FROM \(quoted(table.name)) WHERE article_id IN (\(placeholders(chunk.count)))",
                arguments: StatementArguments(chunk))
        }
    }

    /// `ids` in slices small enough to bind to one statement.
    private static func chunks(of ids: [String]) -> [ArraySlice<String>] {
        stride(from: 0, to: ids.count, by: 500).map { ids[$0..<min($0 + 500, ids.count)] }
    }

    /// `?, ?, …` with `count` placeholders.
    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// An SQL identifier in double quotes (`end` is an SQL keyword).
    private static func quoted(_ identifier: String) -> String { "\"\(identifier)\"" }

    /// The current time as ISO 8601 in UTC.
    private static func timestamp() -> String { Date.now.ISO8601Format() }
}

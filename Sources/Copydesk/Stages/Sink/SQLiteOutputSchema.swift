import GRDB

/// The schema of the `sqlite` sink's output database, as named migrations so a database written
/// by an earlier version is upgraded in place, keeping its rows.
///
/// Column names and order follow ``OutputTable``; `docs/outputs.md` documents every column.
enum SQLiteOutputSchema {
    /// Name of the full-text table over `articles.title` and `articles.text`.
    static let fullTextTable = "articles_fts"

    /// The migrations, oldest first: "v1 tables" creates the article and annotation tables, run
    /// history and duplicates; "v2 dates" adds the date mentions; "v3 run details" adds each
    /// run's pipeline hash and duplicate count; "v4 appendable annotations" turns the annotation
    /// tables from `WITHOUT ROWID` tables clustered on `(article_id, idx)` into rowid tables
    /// keyed by a unique index on `(article_id, idx)`, so rows are appended in arrival order
    /// instead of inserted at the random place of their article's hash id, and stores sentences
    /// as spans (`sentence_spans`) under a `sentences` view that cuts their text out of the
    /// article's, instead of a second copy of every article's text; "v5 record ids" adds each
    /// article's content key and the input record's own id, and lets a run be recorded as
    /// `interrupted`; "v6 page metadata" adds each article's authors, language and site; "v7
    /// archive members" adds the archive member and byte offset a record was read from; "v8
    /// extra fields" adds each article's unmapped input fields as JSON text (`{}` for rows
    /// written before it); "v9 unreserved names" renames the offset columns `start` and `end`
    /// (`end` is reserved in SQL) to `start_offset` and `end_offset`, and `removed_blocks` to
    /// `removed_block_count` (the record's `removed_blocks` is the list of blocks); "v10 dropped
    /// duplicates" adds `dropped_duplicates`, the articles the dedupe stage dropped with the
    /// article each duplicates, for `copydesk explain`; "v11 run reports" adds `run_reports`, what
    /// each run's HTML page showed, for `copydesk report`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 tables", migrate: createTables)
        migrator.registerMigration("v2 dates", migrate: createDates)
        migrator.registerMigration("v3 run details", migrate: addRunDetails)
        migrator.registerMigration("v4 appendable annotations", migrate: makeAnnotationsAppendable)
        migrator.registerMigration("v5 record ids", migrate: addRecordIDs)
        migrator.registerMigration("v6 page metadata", migrate: addPageMetadata)
        migrator.registerMigration("v7 archive members", migrate: addArchiveMembers)
        migrator.registerMigration("v8 extra fields", migrate: addExtraFields)
        migrator.registerMigration("v9 unreserved names", migrate: renameReservedColumns)
        migrator.registerMigration("v10 dropped duplicates", migrate: createDroppedDuplicates)
        migrator.registerMigration("v11 run reports", migrate: createRunReports)
        return migrator
    }

    private static func createTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE articles (
                    id TEXT PRIMARY KEY NOT NULL,
                    source_path TEXT NOT NULL,
                    source_line INTEGER NOT NULL,
                    source_format TEXT NOT NULL,
                    date TEXT,
                    section TEXT,
                    title TEXT,
                    summary TEXT,
                    url TEXT,
                    dateline_place TEXT,
                    dateline_agency TEXT,
                    text TEXT NOT NULL,
                    duplicate_of TEXT,
                    similarity REAL,
                    removed_blocks INTEGER NOT NULL,
                    run_id TEXT NOT NULL
                );
                CREATE INDEX articles_date ON articles (date);
                CREATE INDEX articles_section ON articles (section);
                CREATE INDEX articles_run ON articles (run_id);
                CREATE TABLE paragraphs (
                    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    PRIMARY KEY (article_id, idx)
                ) WITHOUT ROWID;
                CREATE TABLE sentences (
                    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    paragraph INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (article_id, idx)
                ) WITHOUT ROWID;
                CREATE TABLE entities (
                    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    type TEXT NOT NULL,
                    canonical TEXT NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    sentence INTEGER NOT NULL,
                    mentions INTEGER NOT NULL,
                    PRIMARY KEY (article_id, idx)
                ) WITHOUT ROWID;
                CREATE INDEX entities_canonical ON entities (canonical, type);
                CREATE TABLE quotes (
                    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    speaker TEXT,
                    verb TEXT,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    sentence INTEGER NOT NULL,
                    PRIMARY KEY (article_id, idx)
                ) WITHOUT ROWID;
                CREATE INDEX quotes_speaker ON quotes (speaker);
                CREATE TABLE amounts (
                    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    value REAL NOT NULL,
                    currency TEXT,
                    unit TEXT,
                    qualifier TEXT,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    sentence INTEGER NOT NULL,
                    PRIMARY KEY (article_id, idx)
                ) WITHOUT ROWID;
                CREATE TABLE duplicates (
                    article_id TEXT PRIMARY KEY NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                    duplicate_of TEXT NOT NULL,
                    similarity REAL
                ) WITHOUT ROWID;
                CREATE INDEX duplicates_duplicate_of ON duplicates (duplicate_of);
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    pipeline TEXT,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed')),
                    articles INTEGER NOT NULL DEFAULT 0
                );
                """)
    }

    private static func createDates(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE dates (
                    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    value TEXT,
                    resolution TEXT NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    sentence INTEGER NOT NULL,
                    PRIMARY KEY (article_id, idx)
                ) WITHOUT ROWID;
                CREATE INDEX dates_value ON dates (value);
                """)
    }

    private static func addRunDetails(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE runs ADD COLUMN config_hash TEXT;
                ALTER TABLE runs ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
                """)
    }

    private static func makeAnnotationsAppendable(_ db: Database) throws {
        for table in ["paragraphs", "entities", "quotes", "amounts", "dates"] {
            try db.execute(
                sql: """
                    \(try appendableDefinition(of: table, named: "appendable_\(table)", in: db));
                    INSERT INTO appendable_\(table) SELECT * FROM \(table) ORDER BY article_id, idx;
                    DROP TABLE \(table);
                    ALTER TABLE appendable_\(table) RENAME TO \(table);
                    """)
        }
        try db.execute(
            sql: """
                CREATE TABLE sentence_spans (
                    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    paragraph INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL
                );
                INSERT INTO sentence_spans SELECT article_id, idx, paragraph, start, "end" FROM sentences ORDER BY article_id, idx;
                DROP TABLE sentences;
                CREATE VIEW sentences AS
                    SELECT s.article_id, s.idx, s.paragraph, s.start, s."end", substr(a.text, s.start + 1, s."end" - s.start) AS text
                    FROM sentence_spans s JOIN articles a ON a.id = s.article_id;
                """)
        // The tables rebuilt above lost their indexes; those on `articles` date from v1 (or
        // from later migrations, whose columns do not exist yet).
        try createIndexesIfMissing(db, where: { !$0.on.hasPrefix("articles ") })
    }

    private static func addRecordIDs(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE articles ADD COLUMN content_key TEXT;
                ALTER TABLE articles ADD COLUMN source_record_id TEXT;
                CREATE TABLE runs_v5 (
                    id TEXT PRIMARY KEY NOT NULL,
                    pipeline TEXT,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted', 'failed')),
                    articles INTEGER NOT NULL DEFAULT 0,
                    config_hash TEXT,
                    duplicates INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO runs_v5 SELECT id, pipeline, started_at, finished_at, status, articles, config_hash, duplicates FROM runs;
                DROP TABLE runs;
                ALTER TABLE runs_v5 RENAME TO runs;
                """)
        try createIndexesIfMissing(db)
    }

    private static func addArchiveMembers(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE articles ADD COLUMN source_member TEXT;
                ALTER TABLE articles ADD COLUMN source_offset INTEGER;
                """)
    }

    private static func addPageMetadata(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE articles ADD COLUMN authors TEXT;
                ALTER TABLE articles ADD COLUMN language TEXT;
                ALTER TABLE articles ADD COLUMN site TEXT;
                """)
    }

    private static func addExtraFields(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE articles ADD COLUMN extra TEXT NOT NULL DEFAULT '{}'")
    }

    private static func renameReservedColumns(_ db: Database) throws {
        try db.execute(sql: "DROP VIEW sentences")
        for table in ["paragraphs", "sentence_spans", "entities", "quotes", "amounts", "dates"] {
            try db.execute(
                sql: """
                    ALTER TABLE \(table) RENAME COLUMN start TO start_offset;
                    ALTER TABLE \(table) RENAME COLUMN "end" TO end_offset;
                    """)
        }
        try db.execute(
            sql: """
                ALTER TABLE articles RENAME COLUMN removed_blocks TO removed_block_count;
                CREATE VIEW sentences AS
                    SELECT s.article_id, s.idx, s.paragraph, s.start_offset, s.end_offset,
                        substr(a.text, s.start_offset + 1, s.end_offset - s.start_offset) AS text
                    FROM sentence_spans s JOIN articles a ON a.id = s.article_id;
                """)
    }

    private static func createRunReports(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE run_reports (run_id TEXT PRIMARY KEY NOT NULL, page TEXT NOT NULL)")
    }

    private static func createDroppedDuplicates(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE dropped_duplicates (
                    article_id TEXT PRIMARY KEY NOT NULL,
                    duplicate_of TEXT NOT NULL,
                    similarity REAL NOT NULL,
                    run_id TEXT NOT NULL,
                    source_path TEXT NOT NULL,
                    source_line INTEGER NOT NULL,
                    source_member TEXT,
                    title TEXT,
                    date TEXT
                );
                """)
        try createIndexesIfMissing(db) { $0.name == droppedDuplicatesIndex.name }
    }

    /// The `CREATE TABLE` statement of `table`, a `WITHOUT ROWID` table with the primary key
    /// `(article_id, idx)` as written by the earlier migrations, for a rowid table `name` with the
    /// same columns and no primary key clause.
    private static func appendableDefinition(of table: String, named name: String, in db: Database) throws -> String {
        let stored = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) ?? ""
        let clustered = /,\s*PRIMARY KEY \(article_id, idx\)\s*\)\s*WITHOUT ROWID\s*$/
        guard stored.hasPrefix("CREATE TABLE \(table) ("), stored.contains(clustered) else {
            throw DatabaseError(message: "cannot make \(table) appendable: unexpected definition \(stored)")
        }
        return "CREATE TABLE \(name) (" + stored.dropFirst("CREATE TABLE \(table) (".count).replacing(clustered, with: "\n)")
    }

    /// Every index the sink can build after loading, by name, indexed columns and uniqueness:
    /// the annotation tables' keys `(article_id, idx)` (`<table>_key`) and the secondary indexes
    /// of ``OutputTable/indexes``. The migrations create them; a load into an empty database
    /// drops them and builds them once at the end (``createIndexesIfMissing(_:)``), which sorts
    /// once instead of inserting every entry at a random place. A test keeps this list equal to
    /// what the migrations create.
    static let indexes: [(name: String, on: String, unique: Bool)] = {
        let stored = OutputTable.all.map(\.stored)
        let keys = stored.filter { $0.key.count > 1 }.map { table in
            (name: "\(table.name)_key", on: "\(table.name) (\(table.key.joined(separator: ", ")))", unique: true)
        }
        let secondary = stored.flatMap { table in
            table.indexes.map { (name: $0.name, on: "\(table.name) (\($0.columns.joined(separator: ", ")))", unique: false) }
        }
        return keys + secondary + [droppedDuplicatesIndex]
    }()

    /// The index of `dropped_duplicates` by the article kept, for `copydesk explain`.
    static let droppedDuplicatesIndex = (name: "dropped_duplicates_duplicate_of", on: "dropped_duplicates (duplicate_of)", unique: false)

    /// Drops every index of ``indexes`` (quick on empty tables).
    static func dropIndexes(_ db: Database) throws {
        for index in indexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
    }

    /// Creates the indexes of ``indexes`` that are missing: after a load into an empty database,
    /// or when a run that was building them was killed. An index of a table a later migration
    /// creates is left to that migration.
    static func createIndexesIfMissing(_ db: Database, where included: ((name: String, on: String, unique: Bool)) -> Bool = { _ in true }) throws {
        for index in indexes where included(index) {
            guard try db.tableExists(String(index.on.prefix { $0 != " " })) else { continue }
            try db.execute(sql: "CREATE \(index.unique ? "UNIQUE " : "")INDEX IF NOT EXISTS \(index.name) ON \(index.on)")
        }
    }

    /// Drops the full-text index and its triggers (quick on an empty table).
    static func dropFullTextIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER IF EXISTS articles_fts_insert;
                DROP TRIGGER IF EXISTS articles_fts_delete;
                DROP TRIGGER IF EXISTS articles_fts_update;
                DROP TABLE IF EXISTS \(fullTextTable);
                """)
    }

    /// Creates the external-content FTS5 index over `articles` with the triggers that keep it in
    /// sync, and fills it from the rows already there; does nothing when it exists.
    static func createFullTextIndexIfMissing(_ db: Database) throws {
        guard try !db.tableExists(fullTextTable) else { return }
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE \(fullTextTable) USING fts5(
                    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                    INSERT INTO \(fullTextTable) (rowid, title, text) VALUES (new.rowid, new.title, new.text);
                END;
                CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                    INSERT INTO \(fullTextTable) (\(fullTextTable), rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
                END;
                CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
                    INSERT INTO \(fullTextTable) (\(fullTextTable), rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
                    INSERT INTO \(fullTextTable) (rowid, title, text) VALUES (new.rowid, new.title, new.text);
                END;
                INSERT INTO \(fullTextTable) (\(fullTextTable), rank) VALUES ('hashsize', 16777216);
                INSERT INTO \(fullTextTable) (\(fullTextTable)) VALUES ('rebuild');
                INSERT INTO \(fullTextTable) (\(fullTextTable), rank) VALUES ('automerge', 16);
                """)
    }
}

import Foundation
import GRDB

/// The embedded state store: one SQLite file (WAL mode) holding the dedupe history and the
/// ledger of processed input files, with schema migrations so an older file is upgraded in place.
///
/// History records are found through indexes on the exact content key and on every lookup
/// key, so a lookup costs a few index probes however many articles the history holds; the
/// probes of a batch are made together, each key once, in key order
/// (``HistoryBatchLookup``). The layout (schema v5, ``CompactHistoryMigration``) keeps a
/// commit's writes far below the size of the history: keys as bytes (``StoredKeyText``),
/// lookup keys in 32 bits and in two tiers (``HistoryLookupKeys``), and a run's records staged
/// in a table of their own until it commits, so nothing is flagged or updated row by row.
/// Schema v6 adds the tables where the tasks of a sharded run meet (``ShardStore``). Schema v7
/// (``PackedHistoryMigration``) halves the history: signatures in the 32 bits a value matching
/// compares (``StoredSignature``), settled lookup keys packed in buckets (``SettledKeyBuckets``),
/// and a run's records written where they stay, only marked staged until the run commits.
public final class SQLiteStateStore: StateStore {
    /// The database file.
    public let path: String
    /// The connection every read and write goes through.
    let database: DatabaseQueue

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL keeps every commit atomic; NORMAL syncs at checkpoints only. The journal
            // limit gives back the disk a large commit's WAL took once it is checkpointed.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072; PRAGMA journal_size_limit = 67108864")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            // A new file gives the pages a commit frees back to the disk (``giveBackFreeSpace()``),
            // which SQLite allows only when chosen before the first table is made.
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") == 0 { try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL") }
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        do {
            try Self.migrator.migrate(database)
        } catch {
            // Another process opening the same new or older file at the same moment (the tasks
            // of a sharded run) may have applied a migration between this one's reading of the
            // applied list and its applying: read the list again.
            try Self.migrator.migrate(database)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE history_articles (
                        id INTEGER PRIMARY KEY,
                        article_id TEXT NOT NULL,
                        exact_key TEXT NOT NULL,
                        date TEXT,
                        signature BLOB NOT NULL,
                        run TEXT NOT NULL,
                        committed INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX history_articles_exact ON history_articles (exact_key);
                    CREATE INDEX history_articles_run ON history_articles (run);
                    CREATE TABLE history_bands (
                        band_key INTEGER NOT NULL,
                        article INTEGER NOT NULL,
                        PRIMARY KEY (band_key, article)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2 ledger") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ledger (
                        path TEXT PRIMARY KEY,
                        size INTEGER NOT NULL,
                        content_hash TEXT NOT NULL,
                        status TEXT NOT NULL,
                        run TEXT NOT NULL,
                        updated TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v3 history by article") { db in
            try db.execute(sql: "CREATE INDEX history_articles_article ON history_articles (article_id)")
        }
        migrator.registerMigration("v4 ledger members") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ledger_members (
                        path TEXT NOT NULL,
                        member TEXT NOT NULL DEFAULT '',
                        size INTEGER NOT NULL,
                        content_hash TEXT NOT NULL,
                        status TEXT NOT NULL,
                        run TEXT NOT NULL,
                        updated TEXT NOT NULL,
                        PRIMARY KEY (path, member)
                    ) WITHOUT ROWID;
                    INSERT INTO ledger_members (path, member, size, content_hash, status, run, updated)
                        SELECT path, '', size, content_hash, status, run, updated FROM ledger;
                    DROP TABLE ledger;
                    ALTER TABLE ledger_members RENAME TO ledger;
                    """)
        }
        migrator.registerMigration("v5 compact history") { db in
            try CompactHistoryMigration.migrate(db)
        }
        migrator.registerMigration("v6 shards") { db in
            try db.execute(
                sql: """
                    CREATE TABLE shard_jobs (
                        job TEXT PRIMARY KEY,
                        shards INTEGER NOT NULL,
                        config_hash TEXT NOT NULL,
                        listing_digest TEXT NOT NULL,
                        created TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE shard_phases (
                        job TEXT NOT NULL,
                        phase TEXT NOT NULL,
                        shard INTEGER NOT NULL,
                        attempt TEXT NOT NULL,
                        documents INTEGER NOT NULL,
                        completed TEXT NOT NULL,
                        PRIMARY KEY (job, phase, shard)
                    ) WITHOUT ROWID;
                    CREATE TABLE shard_documents (
                        job TEXT NOT NULL,
                        shard INTEGER NOT NULL,
                        attempt TEXT NOT NULL,
                        ordinal INTEGER NOT NULL,
                        article_id TEXT NOT NULL,
                        date TEXT,
                        rank INTEGER NOT NULL,
                        exact_key BLOB NOT NULL,
                        signature BLOB NOT NULL,
                        PRIMARY KEY (job, shard, attempt, ordinal)
                    );
                    CREATE TABLE shard_decisions (
                        job TEXT NOT NULL,
                        attempt TEXT NOT NULL,
                        shard INTEGER NOT NULL,
                        ordinal INTEGER NOT NULL,
                        article_id TEXT NOT NULL,
                        duplicate_of TEXT,
                        similarity REAL,
                        PRIMARY KEY (job, attempt, shard, ordinal)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v7 packed history") { db in
            try PackedHistoryMigration.migrate(db)
        }
        return migrator
    }

    /// The fingerprint settings of the committed history; `nil` when it is empty.
    public func historySettings() async throws -> String? {
        try await database.read { db in
            guard try Self.committedCount(db) > 0 else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'")
        }
    }

    /// Records this run's fingerprint settings and deletes the records staged by runs that died.
    public func prepareHistory(fingerprintSettings: String, run: String) async throws {
        try await database.write { db in
            try Self.deleteStaged(db, where: "run <> ?", run)
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?)", arguments: [fingerprintSettings])
        }
    }

    /// The whole batch in one read transaction (``HistoryBatchLookup``): every distinct lookup
    /// key probed once, in key order, in both key tiers, the exact keys through the index on
    /// `exact_key` (leaving out staged records), and each record found read once, by id.
    /// Staged records have no lookup keys in the tiers yet, so they are never found by one.
    public func candidates(for queries: [HistoryQuery]) async throws -> [[HistoryCandidate]] {
        guard !queries.isEmpty else { return [] }
        return try await database.read { db in try HistoryBatchLookup.candidates(for: queries, db) }
    }

    /// Adds records to `history_articles`, numbered after every committed and staged record,
    /// and marks them staged by `run` in `history_staged_articles`, each with its packed lookup
    /// keys. A record is written where it stays: committing it only adds its keys.
    public func stage(_ records: [HistoryRecord], run: String, skippingKnown: Bool) async throws {
        guard !records.isEmpty else { return }
        try await database.write { db in
            var entry = try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(id), 0) FROM history_articles") ?? 0
            let insert = try db.cachedStatement(
                sql: "INSERT INTO history_articles (id, article_id, exact_key, date, signature) VALUES (?, ?, ?, ?, ?)")
            let mark = try db.cachedStatement(sql: "INSERT INTO history_staged_articles (id, run, lookup_keys) VALUES (?, ?, ?)")
            let known = try db.cachedStatement(
                sql: """
                    SELECT 1 FROM history_articles AS record WHERE article_id = ?
                        AND NOT EXISTS (SELECT 1 FROM history_staged_articles AS staged WHERE staged.id = record.id) LIMIT 1
                    """)
            for record in records {
                let articleID = StoredKeyText.databaseValue(record.articleID)
                if skippingKnown, try Bool.fetchOne(known, arguments: [articleID]) == true { continue }
                entry += 1
                try insert.execute(arguments: [
                    entry, articleID, StoredKeyText.databaseValue(record.exactKey), record.date,
                    StoredSignature.data(record.signature, width: .history),
                ])
                try mark.execute(arguments: [entry, run, HistoryLookupKeys.packed(record.lookupKeys)])
            }
        }
    }

    /// Adds the keys of the records `run` staged to the key tiers and unmarks them, in one
    /// transaction; with `replacingAll`, every committed record and key is deleted first.
    public func commitHistory(run: String, replacingAll: Bool) async throws {
        try await database.write { db in
            if replacingAll {
                try db.execute(sql: "DELETE FROM history_articles WHERE id NOT IN (SELECT id FROM history_staged_articles)")
                try HistoryLookupKeys.removeAll(db)
            }
            let added = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM history_staged_articles WHERE run = ?", arguments: [run]) ?? 0
            guard added > 0 else { return }
            let committed = try Self.committedCount(db) + added
            try HistoryLookupKeys.commit(db, stagedBy: run, added: added, committed: committed)
            try db.execute(sql: "DELETE FROM history_staged_articles WHERE run = ?", arguments: [run])
        }
        try giveBackFreeSpace()
    }

    /// Gives back to the disk what a commit left free: in a file made with incremental
    /// auto-vacuum, the pages freed by the recent lookup keys it moved and the marks it
    /// deleted (a twentieth of the file after a commit of a quarter million records), which
    /// would otherwise wait for the next large commit; and the WAL, once copied into the file,
    /// which would otherwise keep the size of the commit's transaction until the next write.
    private func giveBackFreeSpace() throws {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA incremental_vacuum")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// Deletes the records staged by `run`.
    public func discardHistory(run: String) async throws {
        try await database.write { db in try Self.deleteStaged(db, where: "run = ?", run) }
    }

    /// Number of committed records.
    public func historyCount() async throws -> Int {
        try await database.read { db in try Self.committedCount(db) }
    }

    /// Number of committed records: those of `history_articles` not marked staged.
    private static func committedCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM history_articles) - (SELECT COUNT(*) FROM history_staged_articles)") ?? 0
    }

    /// Deletes the staged records whose run meets `condition` (on `run`, given `run`), and
    /// their marks.
    private static func deleteStaged(_ db: Database, where condition: String, _ run: String) throws {
        try db.execute(
            sql: """
                DELETE FROM history_articles WHERE id IN (SELECT id FROM history_staged_articles WHERE \(condition));
                DELETE FROM history_staged_articles WHERE \(condition);
                """, arguments: [run, run])
    }

    /// The entry recorded for the whole file at `path`, if any.
    public func ledgerEntry(for path: String) async throws -> LedgerEntry? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT path, member, size, content_hash, status FROM ledger WHERE path = ? AND member = ''", arguments: [path]
            ).map(Self.entry)
        }
    }

    /// The members of the archive at `path` recorded as done.
    public func ledgerMembers(of path: String) async throws -> [LedgerEntry] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT path, member, size, content_hash, status FROM ledger WHERE path = ? AND member <> '' ORDER BY member",
                arguments: [path]
            ).map(Self.entry)
        }
    }

    /// Records entries as done by `run`, in one transaction; a whole-file entry deletes the
    /// member entries of its path.
    public func markDone(_ entries: [LedgerEntry], run: String, replacingAll: Bool) async throws {
        let now = ISO8601DateFormatter().string(from: Date())
        try await database.write { db in
            if replacingAll { try db.execute(sql: "DELETE FROM ledger") }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO ledger (path, member, size, content_hash, status, run, updated) VALUES (?, ?, ?, ?, 'done', ?, ?)
                    ON CONFLICT (path, member) DO UPDATE SET size = excluded.size, content_hash = excluded.content_hash,
                        status = 'done', run = excluded.run, updated = excluded.updated
                    """)
            let deleteMembers = try db.cachedStatement(sql: "DELETE FROM ledger WHERE path = ? AND member <> ''")
            for entry in entries {
                if entry.member == nil { try deleteMembers.execute(arguments: [entry.path]) }
                try insert.execute(arguments: [entry.path, entry.member ?? "", entry.size, entry.contentHash, run, now])
            }
        }
    }

    /// Every entry, sorted by path, then member.
    public func ledgerEntries() async throws -> [LedgerEntry] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT path, member, size, content_hash, status FROM ledger ORDER BY path, member").map(Self.entry)
        }
    }

    private static func entry(_ row: Row) -> LedgerEntry {
        let member: String = row["member"]
        return LedgerEntry(
            path: row["path"], member: member.isEmpty ? nil : member, size: row["size"], contentHash: row["content_hash"], status: row["status"])
    }
}

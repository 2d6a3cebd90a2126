import Foundation
import GRDB

/// The embedded state store: one SQLite file (WAL mode) holding the dedupe history and the
/// ledger of processed input files, with schema migrations so an older file is upgraded in place.
///
/// History records are found through indexes on the exact content key and on every lookup
/// key (`history_bands`), so a lookup costs a few index probes however many articles the
/// history holds.
public final class SQLiteStateStore: StateStore {
    /// The database file.
    public let path: String
    private let database: DatabaseQueue

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try Self.migrator.migrate(database)
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
        return migrator
    }

    /// The fingerprint settings of the committed history; `nil` when it is empty.
    public func historySettings() async throws -> String? {
        try await database.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM history_articles WHERE committed = 1)") == true else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'")
        }
    }

    /// Records this run's fingerprint settings and deletes the pending records of runs that died.
    public func prepareHistory(fingerprintSettings: String, run: String) async throws {
        try await database.write { db in
            try Self.deleteEntries(db, where: "committed = 0 AND run <> ?", run)
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?)", arguments: [fingerprintSettings])
        }
    }

    /// One indexed query per article, all in one read transaction: the records with its exact
    /// key (index on `exact_key`) united with those under its band keys (primary key of
    /// `history_bands`), then fetched by id.
    public func candidates(for queries: [HistoryQuery]) async throws -> [[HistoryCandidate]] {
        guard !queries.isEmpty else { return [] }
        return try await database.read { db in
            try queries.map { query in
                let placeholders = Array(repeating: "?", count: query.lookupKeys.count).joined(separator: ",")
                let statement = try db.cachedStatement(
                    sql: """
                        SELECT id, article_id, exact_key, signature FROM history_articles
                        WHERE id IN (SELECT id FROM history_articles WHERE exact_key = ?
                                     UNION SELECT article FROM history_bands WHERE band_key IN (\(placeholders)))
                          AND committed = 1 AND article_id <> ?
                        ORDER BY id
                        """)
                let keys = query.lookupKeys.map { $0 as any DatabaseValueConvertible }
                return try Row.fetchAll(statement, arguments: StatementArguments([query.exactKey] + keys + [query.articleID])).map { row in
                    HistoryCandidate(
                        entry: row["id"], articleID: row["article_id"], exactKey: row["exact_key"],
                        signature: Self.signature(from: row["signature"]))
                }
            }
        }
    }

    /// Adds records as pending records of `run`.
    public func stage(_ records: [HistoryRecord], run: String, skippingKnown: Bool) async throws {
        guard !records.isEmpty else { return }
        try await database.write { db in
            let article = try db.cachedStatement(
                sql: "INSERT INTO history_articles (article_id, exact_key, date, signature, run) VALUES (?, ?, ?, ?, ?)")
            let known = try db.cachedStatement(sql: "SELECT 1 FROM history_articles WHERE article_id = ? AND committed = 1 LIMIT 1")
            let band = try db.cachedStatement(sql: "INSERT OR IGNORE INTO history_bands (band_key, article) VALUES (?, ?)")
            for record in records {
                if skippingKnown, try Bool.fetchOne(known, arguments: [record.articleID]) == true { continue }
                try article.execute(arguments: [record.articleID, record.exactKey, record.date, Self.data(from: record.signature), run])
                let id = db.lastInsertedRowID
                for key in record.lookupKeys {
                    try band.execute(arguments: [key, id])
                }
            }
        }
    }

    /// Makes the records of `run` visible to later runs.
    public func commitHistory(run: String, replacingAll: Bool) async throws {
        try await database.write { db in
            if replacingAll { try Self.deleteEntries(db, where: "run <> ?", run) }
            try db.execute(sql: "UPDATE history_articles SET committed = 1 WHERE run = ?", arguments: [run])
        }
    }

    /// Deletes the pending records of `run`.
    public func discardHistory(run: String) async throws {
        try await database.write { db in
            try Self.deleteEntries(db, where: "committed = 0 AND run = ?", run)
        }
    }

    /// Deletes the history entries matching `condition` (with one `run` argument) and their band keys.
    private static func deleteEntries(_ db: Database, where condition: String, _ run: String) throws {
        try db.execute(sql: "DELETE FROM history_bands WHERE article IN (SELECT id FROM history_articles WHERE \(condition))", arguments: [run])
        try db.execute(sql: "DELETE FROM history_articles WHERE \(condition)", arguments: [run])
    }

    /// Number of committed records.
    public func historyCount() async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM history_articles WHERE committed = 1") ?? 0 }
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

    private static func data(from signature: [UInt64]) -> Data {
        var data = Data(capacity: signature.count * 8)
        for value in signature { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    private static func signature(from data: Data) -> [UInt64] {
        stride(from: 0, to: data.count - 7, by: 8).map { offset in
            data[data.startIndex + offset..<data.startIndex + offset + 8].reduce(UInt64(0)) { $0 >> 8 | UInt64($1) << 56 }
        }
    }
}

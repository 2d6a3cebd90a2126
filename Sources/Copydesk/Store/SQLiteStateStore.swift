import Foundation
import GRDB

/// The embedded state store: one SQLite file (WAL mode) holding the dedupe history and the
/// ledger of processed input files, with schema migrations so an older file is upgraded in place.
///
/// History lookups use indexes on the exact content key and on every LSH band key, so a
/// lookup costs a few index probes however many articles the history holds.
public final class SQLiteStateStore: HistoryStore, LedgerStore {
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
            try db.execute(sql: """
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
            try db.execute(sql: """
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
        return migrator
    }

    /// A history built with other fingerprint settings cannot be compared with this run's.
    public struct SettingsMismatch: Error, CustomStringConvertible {
        /// The store file.
        public let path: String
        /// Settings recorded in the store.
        public let stored: String
        /// Settings of this run.
        public let requested: String
        public var description: String {
            "\(path): the dedupe history was built with \(stored), this pipeline uses \(requested); run with --reprocess and on_reprocess: rebuild to rebuild it"
        }
    }

    public func prepareHistory(fingerprintSettings: String, run: String) throws {
        try database.write { db in
            try Self.deleteEntries(db, where: "committed = 0 AND run <> ?", run)
            let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'")
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM history_articles") ?? 0
            if let stored, stored != fingerprintSettings, count > 0 {
                throw SettingsMismatch(path: path, stored: stored, requested: fingerprintSettings)
            }
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?)", arguments: [fingerprintSettings])
        }
    }

    public func match(_ articles: [(id: String, fingerprint: DocumentFingerprint)], bands: Int, rows: Int, threshold: Double) throws -> [IndexMatch?] {
        let lsh = LSHIndex(bands: bands, rows: rows)
        return try database.read { db in
            let exact = try db.cachedStatement(sql: """
                SELECT id, article_id FROM history_articles WHERE exact_key = ? AND committed = 1 AND article_id <> ? ORDER BY id LIMIT 1
                """)
            return try articles.map { article -> IndexMatch? in
                let fingerprint = article.fingerprint
                if let row = try Row.fetchOne(exact, arguments: [fingerprint.exactKey.description, article.id]) {
                    return IndexMatch(key: row["article_id"], entry: row["id"], similarity: 1, evidence: .exactContent)
                }
                guard !fingerprint.hasNoShingles else { return nil }
                let keys = lsh.bandKeys(of: fingerprint.signature).map { Int64(bitPattern: $0) }
                let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT a.id, a.article_id, a.signature FROM history_articles a
                    WHERE a.committed = 1 AND a.article_id <> ?
                      AND a.id IN (SELECT article FROM history_bands WHERE band_key IN (\(placeholders)))
                    ORDER BY a.id
                    """, arguments: StatementArguments([article.id] + keys.map { $0 as any DatabaseValueConvertible }))
                var best: IndexMatch?
                for row in rows {
                    let signature = Self.signature(from: row["signature"])
                    let similarity = MinHasher.estimatedJaccard(fingerprint.signature, signature)
                    if similarity >= threshold, similarity > (best?.similarity ?? 0) {
                        best = IndexMatch(key: row["article_id"], entry: row["id"], similarity: similarity, evidence: .estimatedJaccard)
                    }
                }
                return best
            }
        }
    }

    public func stage(_ entries: [HistoryEntry], bands: Int, rows: Int, run: String, skippingKnown: Bool) throws {
        guard !entries.isEmpty else { return }
        let lsh = LSHIndex(bands: bands, rows: rows)
        try database.write { db in
            let article = try db.cachedStatement(sql: "INSERT INTO history_articles (article_id, exact_key, date, signature, run) VALUES (?, ?, ?, ?, ?)")
            let known = try db.cachedStatement(sql: "SELECT 1 FROM history_articles WHERE article_id = ? AND committed = 1 LIMIT 1")
            let band = try db.cachedStatement(sql: "INSERT INTO history_bands (band_key, article) VALUES (?, ?)")
            for entry in entries {
                if skippingKnown, try Bool.fetchOne(known, arguments: [entry.articleID]) == true { continue }
                try article.execute(arguments: [entry.articleID, entry.fingerprint.exactKey.description, entry.date,
                                                Self.data(from: entry.fingerprint.signature), run])
                let id = db.lastInsertedRowID
                guard !entry.fingerprint.hasNoShingles else { continue }
                for key in Set(lsh.bandKeys(of: entry.fingerprint.signature)) {
                    try band.execute(arguments: [Int64(bitPattern: key), id])
                }
            }
        }
    }

    public func commitHistory(run: String, replacingAll: Bool) throws {
        try database.write { db in
            if replacingAll { try Self.deleteEntries(db, where: "run <> ?", run) }
            try db.execute(sql: "UPDATE history_articles SET committed = 1 WHERE run = ?", arguments: [run])
        }
    }

    public func discardHistory(run: String) throws {
        try database.write { db in
            try Self.deleteEntries(db, where: "committed = 0 AND run = ?", run)
        }
    }

    /// Deletes the history entries matching `condition` (with one `run` argument) and their band keys.
    private static func deleteEntries(_ db: Database, where condition: String, _ run: String) throws {
        try db.execute(sql: "DELETE FROM history_bands WHERE article IN (SELECT id FROM history_articles WHERE \(condition))", arguments: [run])
        try db.execute(sql: "DELETE FROM history_articles WHERE \(condition)", arguments: [run])
    }

    public func historyCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM history_articles WHERE committed = 1") ?? 0 }
    }

    public func ledgerEntry(for path: String) throws -> LedgerEntry? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT path, size, content_hash, status FROM ledger WHERE path = ?", arguments: [path]).map(Self.entry)
        }
    }

    public func markDone(_ entries: [LedgerEntry], run: String, replacingAll: Bool) throws {
        let now = ISO8601DateFormatter().string(from: Date())
        try database.write { db in
            if replacingAll { try db.execute(sql: "DELETE FROM ledger") }
            let statement = try db.cachedStatement(sql: """
                INSERT INTO ledger (path, size, content_hash, status, run, updated) VALUES (?, ?, ?, 'done', ?, ?)
                ON CONFLICT (path) DO UPDATE SET size = excluded.size, content_hash = excluded.content_hash,
                    status = 'done', run = excluded.run, updated = excluded.updated
                """)
            for entry in entries {
                try statement.execute(arguments: [entry.path, entry.size, entry.contentHash, run, now])
            }
        }
    }

    public func ledgerEntries() throws -> [LedgerEntry] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT path, size, content_hash, status FROM ledger ORDER BY path").map(Self.entry)
        }
    }

    private static func entry(_ row: Row) -> LedgerEntry {
        LedgerEntry(path: row["path"], size: row["size"], contentHash: row["content_hash"], status: row["status"])
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

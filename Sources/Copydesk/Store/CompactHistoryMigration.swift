import Foundation
import GRDB

/// Schema v5 of ``SQLiteStateStore``: the history in its compact layout, built from the
/// history of an older file.
///
/// - `history_articles` holds committed records only (no `run`, no `committed` flag, no index
///   on the run): ids and exact keys in their ``StoredKeyText`` form, signatures as before
///   (``StoredSignature``).
/// - `history_bands` and `history_recent_bands` are the two tiers of lookup keys, each key in
///   its 32-bit stored form (``HistoryLookupKeys``).
/// - `history_staged_articles` holds the records a run staged until it commits them, with
///   their packed lookup keys; committing copies them over and deletes them.
///
/// Committed records and their keys are carried over, the keys sorted into the settled tier,
/// and the two indexes are built after the records are in. Pending records of an older file
/// are not: they belong to a run that stopped before committing, and the next run would
/// delete them.
enum CompactHistoryMigration {
    /// Rebuilds the history tables of a v4 file in the v5 layout.
    static func migrate(_ db: Database) throws {
        db.add(
            function: DatabaseFunction("copydesk_stored_key", argumentCount: 1, pure: true) { values in
                StoredKeyText.databaseValue(String.fromDatabaseValue(values[0]) ?? "")
            })
        db.add(
            function: DatabaseFunction("copydesk_stored_lookup_key", argumentCount: 1, pure: true) { values in
                HistoryLookupKeys.stored(Int64.fromDatabaseValue(values[0]) ?? 0)
            })
        // Key columns have no declared type, so a stored form is kept as it is given: bytes or text.
        try db.execute(
            sql: """
                CREATE TABLE history_entries (
                    id INTEGER PRIMARY KEY,
                    article_id NOT NULL,
                    exact_key NOT NULL,
                    date TEXT,
                    signature BLOB NOT NULL
                );
                INSERT INTO history_entries (id, article_id, exact_key, date, signature)
                    SELECT id, copydesk_stored_key(article_id), copydesk_stored_key(exact_key), date, signature
                    FROM history_articles WHERE committed = 1 ORDER BY id;
                CREATE TABLE history_settled_bands (
                    band_key INTEGER NOT NULL,
                    article INTEGER NOT NULL,
                    PRIMARY KEY (band_key, article)
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO history_settled_bands (band_key, article)
                    SELECT copydesk_stored_lookup_key(band_key) AS key, article FROM history_bands
                    WHERE article IN (SELECT id FROM history_entries) ORDER BY key, article;
                DROP TABLE history_bands;
                DROP TABLE history_articles;
                ALTER TABLE history_entries RENAME TO history_articles;
                ALTER TABLE history_settled_bands RENAME TO history_bands;
                CREATE INDEX history_articles_exact ON history_articles (exact_key);
                CREATE INDEX history_articles_article ON history_articles (article_id);
                CREATE TABLE history_recent_bands (
                    band_key INTEGER NOT NULL,
                    article INTEGER NOT NULL,
                    PRIMARY KEY (band_key, article)
                ) WITHOUT ROWID;
                CREATE TABLE history_staged_articles (
                    id INTEGER PRIMARY KEY,
                    run TEXT NOT NULL,
                    article_id NOT NULL,
                    exact_key NOT NULL,
                    date TEXT,
                    signature BLOB NOT NULL,
                    lookup_keys BLOB NOT NULL
                );
                """)
    }
}

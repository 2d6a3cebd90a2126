import Foundation
import GRDB

/// Schema v7 of ``SQLiteStateStore``: the history at about half its v6 size, rebuilt in place
/// from a v6 file.
///
/// - `history_articles` keeps each signature value's low 32 bits (``StoredSignature/Width/history``),
///   the bits matching compares (``HistorySignature``): 480 bytes a signature instead of 960.
///   The table is rebuilt in id order, so its pages are as full as a fresh fill's, and its two
///   indexes are built after the records are in.
/// - `history_bands`, the settled tier of lookup keys, packs them in buckets
///   (``SettledKeyBuckets``), filled from the v6 table in key order, each bucket written once.
/// - `history_recent_bands` and the cursor of the next slice to move keep their v6 layout.
/// - A run's records are staged where they stay, in `history_articles`, and only marked in
///   `history_staged_articles` (their entry number, run and packed lookup keys): committing
///   adds their keys and deletes the marks, where it copied every record and deleted it from
///   the staging table, leaving as many pages free. The records a run that has not committed
///   staged in a v6 file are moved over and marked.
///
/// Every record keeps its entry number and every key its record, so lookups find what they
/// found and matching decides as it did.
enum PackedHistoryMigration {
    /// Rebuilds the history tables of a v6 file in the v7 layout.
    static func migrate(_ db: Database) throws {
        db.add(
            function: DatabaseFunction("copydesk_history_signature", argumentCount: 1, pure: true) { values in
                StoredSignature.data(StoredSignature.values(Data.fromDatabaseValue(values[0]) ?? Data(), width: .whole), width: .history)
            })
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
                    SELECT id, article_id, exact_key, date, copydesk_history_signature(signature) FROM (
                        SELECT id, article_id, exact_key, date, signature FROM history_articles
                        UNION ALL SELECT id, article_id, exact_key, date, signature FROM history_staged_articles
                    ) ORDER BY id;
                DROP TABLE history_articles;
                ALTER TABLE history_entries RENAME TO history_articles;
                CREATE INDEX history_articles_exact ON history_articles (exact_key);
                CREATE INDEX history_articles_article ON history_articles (article_id);
                CREATE TABLE history_staged_marks (
                    id INTEGER PRIMARY KEY,
                    run TEXT NOT NULL,
                    lookup_keys BLOB NOT NULL
                );
                INSERT INTO history_staged_marks (id, run, lookup_keys) SELECT id, run, lookup_keys FROM history_staged_articles ORDER BY id;
                DROP TABLE history_staged_articles;
                ALTER TABLE history_staged_marks RENAME TO history_staged_articles;
                CREATE TABLE history_key_buckets (bucket INTEGER PRIMARY KEY, entries BLOB NOT NULL);
                ALTER TABLE history_bands RENAME TO history_unpacked_bands;
                ALTER TABLE history_key_buckets RENAME TO history_bands;
                """)
        var writer = try SettledKeyWriter(db)
        try writer.add(rowsOf: try db.makeStatement(sql: "SELECT band_key, article FROM history_unpacked_bands ORDER BY band_key, article"))
        try db.execute(sql: "DROP TABLE history_unpacked_bands")
    }
}

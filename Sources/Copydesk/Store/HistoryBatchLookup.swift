import Foundation
import GRDB
import GRDBSQLite

/// How ``SQLiteStateStore`` finds the candidates of a batch of queries at once.
///
/// The band-key tables are far larger than the page cache in a history of millions, and each
/// key probe reads a page of them. The probes of the whole batch are therefore made together:
/// every distinct lookup key of the batch once, in ascending key order, in the settled tier's
/// bucket (read once for every key it holds) and the recent tier's rows
/// (``HistoryLookupKeys``), so both tables are walked in one direction and a key two articles
/// share is probed once. The records found are then read in ascending entry order, each once
/// however many articles found it, and every query is given its own: the records under its
/// exact key or any of its keys, leaving out those of its own article id, ascending by entry.
enum HistoryBatchLookup {
    /// The committed records each of `queries` is to be given (``HistoryStore/candidates(for:)``).
    static func candidates(for queries: [HistoryQuery], _ db: Database) throws -> [[HistoryCandidate]] {
        let keysByQuery = queries.map { query in Set(query.lookupKeys.map(HistoryLookupKeys.stored)) }
        let entriesByKey = try entries(underKeys: Set(keysByQuery.joined()).sorted(), db)
        let exactEntries = try queries.map { query in try entries(withExactKey: query.exactKey, db) }
        let entriesByQuery = zip(keysByQuery, exactEntries).map { keys, exact in
            keys.reduce(into: Set(exact)) { found, key in found.formUnion(entriesByKey[key] ?? []) }
        }
        let records = try self.records(Set(entriesByQuery.joined()).sorted(), db)
        return zip(queries, entriesByQuery).map { query, entries in
            let ownID = StoredKeyText.databaseValue(query.articleID)
            return entries.sorted().compactMap { entry in
                guard let record = records[entry], !sameStoredForm(record.articleID, ownID) else { return nil }
                return HistoryCandidate(
                    entry: Int(entry), articleID: StoredKeyText.text(record.articleID), exactKey: StoredKeyText.text(record.exactKey),
                    signature: StoredSignature.values(record.signature, width: .history))
            }
        }
    }

    /// One committed record as read from `history_articles`, keys in their stored form.
    private struct StoredRecord {
        var articleID: DatabaseValue
        var exactKey: DatabaseValue
        var signature: Data
    }

    /// The entries of the records under each of `keys` (stored forms, ascending), in either
    /// tier, probed in the order given: each key's settled bucket (``SettledKeyBuckets``) read
    /// once for the keys that fall in it, then its rows in the recent tier.
    private static func entries(underKeys keys: [Int64], _ db: Database) throws -> [Int64: [Int64]] {
        let bucketStatement = try db.cachedStatement(sql: "SELECT entries FROM \(HistoryLookupKeys.settled) WHERE bucket = ?")
        let recentStatement = try db.cachedStatement(sql: "SELECT article FROM \(HistoryLookupKeys.recent) WHERE band_key = ?")
        let (bucketHandle, recentHandle) = (bucketStatement.sqliteStatement, recentStatement.sqliteStatement)
        defer {
            sqlite3_reset(bucketHandle)
            sqlite3_reset(recentHandle)
        }
        var found: [Int64: [Int64]] = [:]
        var bucket: (number: Int64, data: Data)?
        for key in keys {
            let number = SettledKeyBuckets.bucket(ofStored: key)
            if bucket?.number != number {
                sqlite3_reset(bucketHandle)
                sqlite3_bind_int64(bucketHandle, 1, number)
                let code = sqlite3_step(bucketHandle)
                if code != SQLITE_ROW { try check(code, db) }
                let bytes = code == SQLITE_ROW ? sqlite3_column_blob(bucketHandle, 0) : nil
                bucket = (number, bytes.map { Data(bytes: $0, count: Int(sqlite3_column_bytes(bucketHandle, 0))) } ?? Data())
            }
            var records = SettledKeyBuckets.records(in: bucket?.data ?? Data(), low: SettledKeyBuckets.lowPart(ofStored: key))
            sqlite3_reset(recentHandle)
            sqlite3_bind_int64(recentHandle, 1, key)
            var code = sqlite3_step(recentHandle)
            while code == SQLITE_ROW {
                records.append(sqlite3_column_int64(recentHandle, 0))
                code = sqlite3_step(recentHandle)
            }
            try check(code, db)
            if !records.isEmpty { found[key] = records }
        }
        return found
    }

    /// Throws the connection's error unless `code` is `SQLITE_DONE`.
    private static func check(_ code: Int32, _ db: Database) throws {
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// The entries of the committed records whose exact key is `exactKey`: staged records
    /// share the table, marked in `history_staged_articles`.
    private static func entries(withExactKey exactKey: String, _ db: Database) throws -> [Int64] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT id FROM history_articles AS record WHERE exact_key = ?
                    AND NOT EXISTS (SELECT 1 FROM history_staged_articles AS staged WHERE staged.id = record.id)
                """)
        return try Int64.fetchAll(statement, arguments: [StoredKeyText.databaseValue(exactKey)])
    }

    /// The records numbered `entries` (ascending), read in that order.
    private static func records(_ entries: [Int64], _ db: Database) throws -> [Int64: StoredRecord] {
        let statement = try db.cachedStatement(sql: "SELECT article_id, exact_key, signature FROM history_articles WHERE id = ?")
        var records: [Int64: StoredRecord] = [:]
        for entry in entries {
            guard let row = try Row.fetchOne(statement, arguments: [entry]) else { continue }
            records[entry] = StoredRecord(articleID: row[0], exactKey: row[1], signature: row[2])
        }
        return records
    }

    /// Whether two stored key forms are equal as SQLite compares them: bytes with bytes, text
    /// with text byte for byte; bytes never equal text.
    private static func sameStoredForm(_ one: DatabaseValue, _ other: DatabaseValue) -> Bool {
        switch (one.storage, other.storage) {
        case (.blob(let oneBytes), .blob(let otherBytes)): oneBytes == otherBytes
        case (.string(let oneText), .string(let otherText)): Array(oneText.utf8) == Array(otherText.utf8)
        default: false
        }
    }
}

import Foundation
import GRDB
import GRDBSQLite

/// Adds lookup keys to the settled tier's buckets (``SettledKeyBuckets``): keys given in
/// ascending order are gathered by bucket, and each bucket touched is read, merged with what
/// it held and written back once, through prepared statements bound and stepped directly.
struct SettledKeyWriter {
    private let database: Database
    private let select: Statement
    private let replace: Statement
    /// The bucket whose new entries are being gathered.
    private var bucket: Int64?
    /// Its new entries, in the order given.
    private var added: [UInt64] = []

    /// A writer into the settled tier of `db`.
    init(_ db: Database) throws {
        database = db
        select = try db.cachedStatement(sql: "SELECT entries FROM \(HistoryLookupKeys.settled) WHERE bucket = ?")
        replace = try db.cachedStatement(sql: "INSERT OR REPLACE INTO \(HistoryLookupKeys.settled) (bucket, entries) VALUES (?, ?)")
    }

    /// Adds record `record` under stored key `key`; keys come in ascending order (a bucket's
    /// keys one after the other), until ``finish()``.
    mutating func add(storedKey key: Int64, record: Int64) throws {
        let keyBucket = SettledKeyBuckets.bucket(ofStored: key)
        if keyBucket != bucket {
            try flush()
            bucket = keyBucket
        }
        added.append(SettledKeyBuckets.entry(low: SettledKeyBuckets.lowPart(ofStored: key), record: record))
    }

    /// Adds every key and record `statement` selects (a stored key, then an entry number, a row
    /// each, in ascending key order), stepping it directly, then writes the last bucket.
    mutating func add(rowsOf statement: Statement) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW {
            try add(storedKey: sqlite3_column_int64(handle, 0), record: sqlite3_column_int64(handle, 1))
            code = sqlite3_step(handle)
        }
        try check(code, expected: SQLITE_DONE)
        try finish()
    }

    /// Writes the last bucket gathered; the writer may then take keys from the start again.
    mutating func finish() throws {
        try flush()
        bucket = nil
    }

    /// Merges the gathered entries into their bucket's row.
    private mutating func flush() throws {
        guard let bucket, !added.isEmpty else { return }
        added.sort()
        let merged = Self.union(try stored(bucket), added)
        added.removeAll(keepingCapacity: true)
        let handle = replace.sqliteStatement
        defer { sqlite3_reset(handle) }
        sqlite3_bind_int64(handle, 1, bucket)
        let data = SettledKeyBuckets.encoded(merged)
        let bound = data.withUnsafeBytes { bytes in sqlite3_bind_blob(handle, 2, bytes.baseAddress, Int32(bytes.count), Self.transient) }
        try check(bound, expected: SQLITE_OK)
        try check(sqlite3_step(handle), expected: SQLITE_DONE)
    }

    /// The entries bucket `bucket` holds.
    private func stored(_ bucket: Int64) throws -> [UInt64] {
        let handle = select.sqliteStatement
        defer { sqlite3_reset(handle) }
        sqlite3_bind_int64(handle, 1, bucket)
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW else {
            try check(code, expected: SQLITE_DONE)
            return []
        }
        guard let bytes = sqlite3_column_blob(handle, 0) else { return [] }
        return SettledKeyBuckets.decoded(Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, 0))))
    }

    /// The entries of two ascending lists, ascending, each once.
    private static func union(_ one: [UInt64], _ other: [UInt64]) -> [UInt64] {
        var merged: [UInt64] = []
        merged.reserveCapacity(one.count + other.count)
        var (oneIndex, otherIndex) = (0, 0)
        while oneIndex < one.count || otherIndex < other.count {
            let next: UInt64
            if otherIndex == other.count || (oneIndex < one.count && one[oneIndex] <= other[otherIndex]) {
                next = one[oneIndex]
                oneIndex += 1
            } else {
                next = other[otherIndex]
                otherIndex += 1
            }
            if merged.last != next { merged.append(next) }
        }
        return merged
    }

    /// Throws the connection's error unless `code` is `expected`.
    private func check(_ code: Int32, expected: Int32) throws {
        guard code == expected else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(database.sqliteConnection)))
        }
    }

    /// SQLite's marker for a bound value it must copy.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}

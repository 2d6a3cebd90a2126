import Foundation
import GRDB
import GRDBSQLite

/// How ``SQLiteStateStore`` keeps the lookup keys (LSH band keys) of committed records and
/// finds records by them.
///
/// **Stored form.** A key is kept as its low 32 bits (``stored(_:)``). Lookup keys are hashes,
/// so their low bits spread as well as all of them; two keys that differ only above bit 31
/// find each other's records, which the protocol allows (``HistoryStore/candidates(for:)``) and
/// the matcher checks. The recent tier keeps a key beside the record's entry number in a
/// clustered `WITHOUT ROWID` primary key, a row a key, so a commit adds its keys without
/// reading any; the settled tier packs them in buckets of about a hundred
/// (``SettledKeyBuckets``), 5 bytes a key instead of 13.
///
/// **Two tiers.** Keys are random, so adding a drop's keys to one index of millions would
/// change nearly every page of it, and each commit would write the whole index again (a
/// gigabyte at three million articles). The keys are therefore kept in two tables:
/// `history_recent_bands` takes each commit's keys, `history_bands` holds the settled rest,
/// and each commit also moves one slice of the key range from the recent tier to the settled
/// one, the slices following each other round the range (the next one starts at the cursor
/// kept in `meta`). Moving a fraction f of the range keeps about d/f keys in the recent tier
/// for d keys added a commit, so a commit rewrites the recent tier and a slice f of the M
/// settled keys: d/f + f·M keys, least at f = √(d/M), where it is 2·√(d·M). At 120 million
/// keys (three million articles) a 10,000-article drop (400,000 keys) rewrites about 14
/// million keys instead of 120 million. A commit that adds as much as a quarter of the
/// history (a first fill, a rebuild) goes to the settled tier directly. A lookup reads both
/// tiers.
///
/// Keys are written into the recent tier in key order, in chunks, through one prepared
/// statement bound directly, so each chunk walks its index once. Keys going to the settled
/// tier (a slice moved, a large commit) are merged into it in key order a bucket at a time
/// (``SettledKeyWriter``), each bucket touched read and written once.
enum HistoryLookupKeys {
    /// The table of settled keys.
    static let settled = "history_bands"
    /// The table of keys not yet moved to ``settled``.
    static let recent = "history_recent_bands"
    /// The `meta` key under which the start of the next slice to move is kept.
    private static let cursorKey = "recent_bands_cursor"
    /// Keys sorted and written at a time: 32 MB of packed entries.
    private static let chunk = 4_000_000
    /// The stored keys span the 32-bit signed range.
    private static let range = 1 << 32

    /// The stored form of lookup key `key`: its low 32 bits, as a signed 32-bit value so
    /// SQLite keeps it in 4 bytes.
    static func stored(_ key: Int64) -> Int64 {
        Int64(Int32(truncatingIfNeeded: key))
    }

    /// The stored forms of a record's keys, packed 4 little-endian bytes each, as a staged
    /// record keeps them until its run commits.
    static func packed(_ keys: [Int64]) -> Data {
        var data = Data(count: keys.count * 4)
        data.withUnsafeMutableBytes { bytes in
            for (index, key) in keys.enumerated() {
                bytes.storeBytes(of: UInt32(truncatingIfNeeded: key).littleEndian, toByteOffset: index * 4, as: UInt32.self)
            }
        }
        return data
    }

    /// The keys packed in `data` by ``packed(_:)``.
    static func unpacked(_ data: Data) -> [Int64] {
        data.withUnsafeBytes { bytes in
            (0..<bytes.count / 4).map { index in
                Int64(Int32(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))))
            }
        }
    }

    /// Adds the keys of the records `run` staged, just committed: `added` records, which the
    /// history of `committed` records now holds.
    static func commit(_ db: Database, stagedBy run: String, added: Int, committed: Int) throws {
        let fraction = (Double(added) / Double(max(committed, 1))).squareRoot()
        if fraction >= 0.5 {
            try commitSettled(db, stagedBy: run)
            return
        }
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(recent) (band_key, article) VALUES (?, ?)")
        var entries: [UInt64] = []
        try forEachStaged(db, by: run) { entry, keys in
            for key in keys { entries.append(packedEntry(key: key, entry: entry)) }
            if entries.count >= chunk { try write(&entries, with: insert, db) }
        }
        try write(&entries, with: insert, db)
        try moveSlice(db, fraction: fraction)
    }

    /// Adds the keys of the records `run` staged straight to the settled tier, a part of the
    /// key range at a time, each part small enough to sort in one chunk: each bucket is then
    /// read and written once, where chunks taken in entry order would each span every bucket.
    private static func commitSettled(_ db: Database, stagedBy run: String) throws {
        let keyCount =
            try Int.fetchOne(db, sql: "SELECT IFNULL(SUM(length(lookup_keys)), 0) / 4 FROM history_staged_articles WHERE run = ?", arguments: [run])
            ?? 0
        let parts = UInt64(max(1, (keyCount + chunk - 1) / chunk))
        var writer = try SettledKeyWriter(db)
        var entries: [UInt64] = []
        for part in 0..<parts {
            let (lower, upper) = (UInt64(range) * part / parts, UInt64(range) * (part + 1) / parts)
            try forEachStaged(db, by: run) { entry, keys in
                for key in keys {
                    let packed = packedEntry(key: key, entry: entry)
                    if packed >> 32 >= lower && packed >> 32 < upper { entries.append(packed) }
                }
            }
            entries.radixSort()
            for packed in entries { try writer.add(storedKey: storedKey(ofPacked: packed), record: Int64(packed & 0xFFFF_FFFF)) }
            entries.removeAll(keepingCapacity: true)
        }
        try writer.finish()
    }

    /// Calls `body` with the entry number and lookup keys of every record `run` staged, in
    /// entry order, reading them 10,000 at a time.
    private static func forEachStaged(_ db: Database, by run: String, _ body: (Int64, [Int64]) throws -> Void) throws {
        var after = Int64.min
        while true {
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, lookup_keys FROM history_staged_articles WHERE run = ? AND id > ? ORDER BY id LIMIT 10000",
                arguments: [run, after])
            guard let last = rows.last else { return }
            after = last["id"]
            for row in rows { try body(row["id"], unpacked(row["lookup_keys"])) }
        }
    }

    /// Deletes every key of both tiers.
    static func removeAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM \(settled); DELETE FROM \(recent); DELETE FROM meta WHERE key = '\(cursorKey)'")
    }

    /// Moves the keys in the next `fraction` of the key range from the recent tier to the
    /// settled one and advances the cursor past them.
    private static func moveSlice(_ db: Database, fraction: Double) throws {
        let start = try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", arguments: [cursorKey]) ?? Int(Int32.min)
        let width = max(1, Int((Double(range) * fraction).rounded(.up)))
        let end = start + width
        let top = Int(Int32.max) + 1
        try move(db, from: start, to: min(end, top))
        if end > top { try move(db, from: Int(Int32.min), to: end - range) }
        let next = end >= top ? end - range : end
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [cursorKey, String(next)])
    }

    /// Moves the recent keys in `lower..<upper` to the settled tier, reading them in key order
    /// so that each bucket they fall in is rewritten once.
    private static func move(_ db: Database, from lower: Int, to upper: Int) throws {
        let slice = try db.makeStatement(
            sql: "SELECT band_key, article FROM \(recent) WHERE band_key >= ? AND band_key < ? ORDER BY band_key, article")
        try slice.setArguments([lower, upper])
        var writer = try SettledKeyWriter(db)
        try writer.add(rowsOf: slice)
        try db.execute(sql: "DELETE FROM \(recent) WHERE band_key >= ? AND band_key < ?", arguments: [lower, upper])
    }

    /// Sorts `entries` and writes them into the recent tier through `insert`, then empties them.
    private static func write(_ entries: inout [UInt64], with insert: Statement, _ db: Database) throws {
        entries.radixSort()
        let handle = insert.sqliteStatement
        defer { sqlite3_reset(handle) }
        for entry in entries {
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, storedKey(ofPacked: entry))
            sqlite3_bind_int64(handle, 2, Int64(entry & 0xFFFF_FFFF))
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
        entries.removeAll(keepingCapacity: true)
    }

    /// The stored key of a packed entry (``packedEntry(key:entry:)``).
    private static func storedKey(ofPacked entry: UInt64) -> Int64 {
        Int64(Int32(bitPattern: UInt32(entry >> 32) ^ 0x8000_0000))
    }

    /// One key entry as a number that sorts as (key, entry) does: the key, offset to be
    /// unsigned, above the entry number (entry numbers stay below 2³²).
    private static func packedEntry(key: Int64, entry: Int64) -> UInt64 {
        precondition(entry >= 0 && entry < 1 << 32, "history entry numbers stay below 2^32")
        return UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: key)) ^ 0x8000_0000) << 32 | UInt64(entry)
    }
}

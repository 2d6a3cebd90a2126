import GRDB
import GRDBSQLite

/// Inserts output rows through one prepared single-row statement per table, binding values
/// straight to SQLite: the sink's hot path, where building GRDB argument arrays for every
/// row would cost more than SQLite's own work.
enum SQLiteRowInserter {
    /// Inserts `rows` into `table`; `upsert` is appended to the statement (`ON CONFLICT …`).
    static func insert(_ table: OutputTable, rows: [[OutputValue]], upsert: String, into db: Database) throws {
        guard !rows.isEmpty else { return }
        let statement = try db.cachedStatement(sql: sql(for: table) + upsert)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        for row in rows {
            sqlite3_reset(handle)
            for (index, value) in row.enumerated() {
                let code = bind(value, at: Int32(index + 1), to: handle)
                guard code == SQLITE_OK else { throw error(code, db) }
            }
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else { throw error(code, db) }
        }
    }

    /// `INSERT INTO "table" ("column", …) VALUES (?, …)`.
    static func sql(for table: OutputTable) -> String {
        let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        return "INSERT INTO \"\(table.name)\" (\(columns)) VALUES (\(placeholders))"
    }

    private static func bind(_ value: OutputValue, at index: Int32, to handle: OpaquePointer) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let number):
            return sqlite3_bind_int64(handle, index, Int64(number))
        case .real(let number):
            return sqlite3_bind_double(handle, index, number)
        case .text(var text):
            if text.isEmpty { return sqlite3_bind_text(handle, index, "", 0, transient) }
            return text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    sqlite3_bind_text(handle, index, characters.baseAddress, Int32(characters.count), transient)
                }
            }
        }
    }

    /// SQLite's `SQLITE_TRANSIENT`: copy the bound bytes before returning.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func error(_ code: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}

import GRDB
import GRDBSQLite

/// Inserts output rows through one prepared single-row statement per table, binding each cell
/// straight to SQLite as the table's layout writes it: the sink's hot path, where building
/// arrays of values (or GRDB argument arrays) for every row would cost more than SQLite's own
/// work.
enum SQLiteRowInserter {
    /// Inserts the rows of the articles at `indices` of `articles` into `table`; `upsert` is
    /// appended to the statement (`ON CONFLICT …`).
    static func insert(
        _ table: OutputTable, of articles: [Article], at indices: [Int], _ runID: String, upsert: String, into db: Database
    ) throws {
        guard !indices.isEmpty else { return }
        let statement = try db.cachedStatement(sql: sql(for: table) + upsert)
        var binder = StatementBinder(handle: statement.sqliteStatement, db: db)
        defer { sqlite3_reset(statement.sqliteStatement) }
        try table.writeRows(of: articles, at: indices, runID, to: &binder)
    }

    /// `INSERT INTO "table" ("column", …) VALUES (?, …)`.
    static func sql(for table: OutputTable) -> String {
        let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        return "INSERT INTO \"\(table.name)\" (\(columns)) VALUES (\(placeholders))"
    }

    /// Binds a row's cells to the statement's parameters in order, and runs the statement when
    /// the row ends. A failed bind is kept and thrown when the row ends.
    private struct StatementBinder: OutputRowWriter {
        let handle: OpaquePointer
        let db: Database
        private var parameter: Int32 = 1
        private var failure = SQLITE_OK

        init(handle: OpaquePointer, db: Database) {
            self.handle = handle
            self.db = db
        }

        mutating func text(_ value: String) {
            // An empty buffer may have no address, so an empty text is bound as "".
            guard !value.isEmpty else { return advance(sqlite3_bind_text(handle, parameter, "", 0, Self.transient)) }
            var value = value
            let code = value.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    sqlite3_bind_text(handle, parameter, characters.baseAddress, Int32(characters.count), Self.transient)
                }
            }
            advance(code)
        }

        mutating func integer(_ value: Int) { advance(sqlite3_bind_int64(handle, parameter, Int64(value))) }

        mutating func real(_ value: Double) { advance(sqlite3_bind_double(handle, parameter, value)) }

        mutating func null() { advance(sqlite3_bind_null(handle, parameter)) }

        mutating func endRow() throws {
            defer {
                parameter = 1
                failure = SQLITE_OK
            }
            guard failure == SQLITE_OK else { throw error(failure) }
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            guard code == SQLITE_DONE else { throw error(code) }
        }

        private mutating func advance(_ code: Int32) {
            if code != SQLITE_OK && failure == SQLITE_OK { failure = code }
            parameter += 1
        }

        private func error(_ code: Int32) -> DatabaseError {
            DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }

        /// SQLite's `SQLITE_TRANSIENT`: copy the bound bytes before returning.
        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}

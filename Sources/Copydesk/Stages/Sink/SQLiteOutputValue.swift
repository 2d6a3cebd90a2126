import GRDB

extension OutputValue {
    /// The value as SQLite stores it: TEXT, INTEGER, REAL or NULL.
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let value): value.databaseValue
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .null: .null
        }
    }
}

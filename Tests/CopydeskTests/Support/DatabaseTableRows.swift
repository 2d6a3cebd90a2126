import Foundation
import GRDB

@testable import Copydesk

/// The rows of an output table read back from SQLite or PostgreSQL in one comparable form: every
/// value as text by its column's kind (whole numbers in decimal, decimals as Swift prints the
/// `Double`, null as `nil`), rows sorted, so the two databases can be compared table by table.
enum DatabaseTableRows {
    /// The columns of `table` that `excluded` does not name.
    static func columns(of table: OutputTable, excluding excluded: Set<String> = []) -> [OutputColumn] {
        table.schema.filter { !excluded.contains($0.name) }
    }

    /// Every row of `table` (read from its name, so `sentences` through its view) in `db`.
    static func sqlite(_ table: OutputTable, excluding excluded: Set<String> = [], in db: Database) throws -> [[String?]] {
        let columns = columns(of: table, excluding: excluded)
        let sql = "SELECT \(columns.map { "\"\($0.name)\"" }.joined(separator: ", ")) FROM \(table.name)"
        return try Row.fetchAll(db, sql: sql).map { row in
            columns.indices.map { index in
                let value = row[index] as DatabaseValue
                switch value.storage {
                case .null: return nil
                case .int64(let number): return canonical(String(number), columns[index].kind)
                case .double(let number): return canonical(String(number), columns[index].kind)
                case .string(let text): return canonical(text, columns[index].kind)
                case .blob: return "blob"
                }
            }
        }.sorted(by: precedes)
    }

    /// Every row of `table` (read from its name, so `sentences` through its view) on `connection`.
    static func postgres(_ table: OutputTable, excluding excluded: Set<String> = [], on connection: PostgresConnection) throws -> [[String?]] {
        let columns = columns(of: table, excluding: excluded)
        let sql = "SELECT \(columns.map { "\"\($0.name)\"" }.joined(separator: ", ")) FROM \(table.name)"
        return try connection.query(sql).map { row in
            zip(row, columns).map { value, column in value.map { canonical($0, column.kind) } }
        }.sorted(by: precedes)
    }

    /// `text` in the form both databases are compared in.
    private static func canonical(_ text: String, _ kind: OutputColumn.Kind) -> String {
        switch kind {
        case .text: text
        case .integer: Int64(text).map(String.init) ?? "not an integer: \(text)"
        case .real: Double(text).map { String($0) } ?? "not a number: \(text)"
        }
    }

    /// Row order: value by value, null first.
    private static func precedes(_ left: [String?], _ right: [String?]) -> Bool {
        for (a, b) in zip(left, right) where a != b {
            guard let a else { return true }
            guard let b else { return false }
            return a < b
        }
        return left.count < right.count
    }
}

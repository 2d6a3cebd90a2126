import Foundation
import GRDB

/// The `articles` rows of `OUT/copydesk.sqlite`, sorted by id, every column but the run id
/// (which differs between runs by design), one string a row; empty when there is no database.
func storedArticles(in out: String) throws -> [String] {
    let path = (out as NSString).appendingPathComponent("copydesk.sqlite")
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    let database = try DatabaseQueue(path: path)
    defer { try? database.close() }
    return try database.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM articles ORDER BY id").map { row in
            row.columnNames.filter { $0 != "run_id" }.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|")
        }
    }
}

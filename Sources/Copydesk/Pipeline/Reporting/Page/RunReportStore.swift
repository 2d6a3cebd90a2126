import Foundation
import GRDB

/// Keeps each run's HTML page, as the data it was drawn from, in the SQLite output's
/// `run_reports` table, so `copydesk report RUN_ID` can draw it again, byte for byte, after the
/// page file was replaced by a later run's.
public enum RunReportStore {
    /// A failure reading or writing the table.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, naming the database.
        public let description: String
    }

    /// Stores `page` for `runID` in the SQLite output at `path` (migrated first when it is
    /// older), replacing any earlier page of that run. Does nothing when there is no such file.
    public static func save(_ page: RunReportPage, runID: String, sqlite path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = String(decoding: try encoder.encode(page), as: UTF8.self)
        do {
            let database = try DatabaseQueue(path: path)
            try SQLiteOutputSchema.migrator.migrate(database)
            try database.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO run_reports (run_id, page) VALUES (?, ?)", arguments: [runID, data])
            }
            try database.close()
        } catch {
            throw Failure(description: "\(path): cannot keep the run's page: \(error)")
        }
    }

    /// The page of `runID` kept in the SQLite output at `path`, or `nil` when it has none.
    public static func load(runID: String, sqlite path: String) throws -> RunReportPage? {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let database = try DatabaseQueue(path: path, configuration: configuration)
            let text = try database.read { db -> String? in
                guard try db.tableExists("run_reports") else { return nil }
                return try String.fetchOne(db, sql: "SELECT page FROM run_reports WHERE run_id = ?", arguments: [runID])
            }
            return try text.map { try JSONDecoder().decode(RunReportPage.self, from: Data($0.utf8)) }
        } catch {
            throw Failure(description: "\(path): cannot read the run's page: \(error)")
        }
    }
}

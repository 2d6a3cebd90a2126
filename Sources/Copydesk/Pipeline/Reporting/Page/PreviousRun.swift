import Foundation
import GRDB

/// One earlier run of the same pipeline as the SQLite output's `runs` table records it, for the
/// trend charts of the run report.
public struct PreviousRun: Sendable, Equatable, Codable {
    /// The run's id.
    public var id: String
    /// When it started (ISO 8601).
    public var startedAt: String
    /// `complete`, `interrupted`, `failed` or `running`.
    public var status: String
    /// Articles it wrote.
    public var articles: Int
    /// Duplicates it dropped or marked.
    public var duplicates: Int

    /// The most runs the report charts.
    static let limit = 30

    /// The last runs of `pipeline` in the SQLite output at `path`, oldest first; none when the
    /// file does not exist or holds no `runs` table. The file is opened read-only.
    public static func read(sqlite path: String, pipeline: String) -> [PreviousRun] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var configuration = Configuration()
        configuration.readonly = true
        guard let database = try? DatabaseQueue(path: path, configuration: configuration) else { return [] }
        let rows = try? database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, started_at, status, articles, duplicates FROM runs WHERE pipeline = ? ORDER BY started_at DESC, id LIMIT ?",
                arguments: [pipeline, limit])
        }
        return (rows ?? []).reversed().map { row in
            PreviousRun(id: row["id"], startedAt: row["started_at"], status: row["status"], articles: row["articles"], duplicates: row["duplicates"])
        }
    }
}

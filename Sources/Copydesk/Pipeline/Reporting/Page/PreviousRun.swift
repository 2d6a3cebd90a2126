import Foundation
import GRDB

/// One earlier run of the same pipeline as the SQLite output's `runs` table records it, with the
/// articles read and records quarantined its kept page (`run_reports`) gives, for the trend
/// charts of the run report.
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
    /// Articles it read, when its page was kept.
    public var read: Int?
    /// Records it quarantined, when its page was kept.
    public var quarantined: Int?

    /// The most runs the report charts.
    static let limit = 30

    /// The last runs of `pipeline` in the SQLite output at `path`, oldest first (runs started in
    /// the same second in the order they were recorded); none when the file does not exist or
    /// holds no `runs` table. The file is opened read-only.
    public static func read(sqlite path: String, pipeline: String) -> [PreviousRun] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var configuration = Configuration()
        configuration.readonly = true
        guard let database = try? DatabaseQueue(path: path, configuration: configuration) else { return [] }
        let rows = try? database.read { db in
            let pages = try db.tableExists("run_reports")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.started_at, r.status, r.articles, r.duplicates, \(pages ? "p.page" : "NULL AS page") FROM runs r
                    \(pages ? "LEFT JOIN run_reports p ON p.run_id = r.id" : "") WHERE r.pipeline = ? ORDER BY r.started_at DESC, r.rowid DESC LIMIT ?
                    """,
                arguments: [pipeline, limit])
        }
        return (rows ?? []).reversed().map { row in
            let summary = (row["page"] as String?).flatMap { try? JSONDecoder().decode(RunReportPage.self, from: Data($0.utf8)) }?.outcome.summary
            return PreviousRun(
                id: row["id"], startedAt: row["started_at"], status: row["status"], articles: row["articles"], duplicates: row["duplicates"],
                read: summary?.articlesRead, quarantined: summary?.quarantined)
        }
    }
}

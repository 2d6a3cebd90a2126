import BenchSupport
import Foundation
import GRDB
import Testing

@testable import Copydesk

/// A run stopped by SIGTERM commits what it read and is recorded as interrupted, not complete:
/// in the SQLite output's `runs` table (with the number of articles it really wrote) and in the
/// run report.
@Suite("interrupted runs recorded as such", .serialized, .enabled(if: CLIRunner.isAvailable))
struct InterruptedRunTests {
    @Test func aTerminatedArchiveRunIsRecordedAsInterrupted() throws {
        let archive = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 2_000, seed: 34, nearDuplicates: 0, articlesPerFile: 40)).write(to: archive)
        let out = try TestPaths.temporaryDirectory().path
        let (victim, _, errors) = try CLIRunner.start(
            ["run", "--reprocess", try ResumeTests.smallBatchArchivePipeline()],
            environment: ["INPUT": archive, "OUT": out])
        let writing = RunMilestone.temporaryOutput(of: (out as NSString).appendingPathComponent("articles.jsonl"), reaches: 1)
        #expect(writing && victim.isRunning, "the archive run must still be going when it is stopped")
        kill(victim.processIdentifier, SIGTERM)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        victim.waitUntilExit()
        #expect(victim.terminationStatus == 130, "\(stderr)")

        let report = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("report.json"))) as? [String: Any])
        #expect(report["status"] as? String == "interrupted")
        #expect(report["exit_code"] as? Int == 130)
        let runID = try #require(report["run_id"] as? String)

        let lines = try writtenArticles(in: out).count
        #expect(lines > 0 && lines < 2_000, "part of the archive was written")
        #expect((report["articles"] as? [String: Int])?["written"] == lines)

        let database = try DatabaseQueue(path: (out as NSString).appendingPathComponent("copydesk.sqlite"))
        let (runs, status, recorded, rows) = try database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? 0,
                try String.fetchOne(db, sql: "SELECT status FROM runs WHERE id = ?", arguments: [runID]),
                try Int.fetchOne(db, sql: "SELECT articles FROM runs WHERE id = ?", arguments: [runID]),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
            )
        }
        #expect(runs == 1)
        #expect(status == "interrupted")
        #expect(recorded == rows)
        #expect(rows == lines)
    }
}

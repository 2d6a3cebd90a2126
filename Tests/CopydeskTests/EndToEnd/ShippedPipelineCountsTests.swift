import CSV
import Foundation
import GRDB
import Testing

@testable import Copydesk

/// The three shipped pipelines run by the real binary: every record keeps its own id in every
/// output, and the summary, the run report, the `runs` table and the rows each sink holds all
/// give the same counts.
@Suite("shipped pipelines: ids and counts", .serialized, .enabled(if: CLIRunner.isAvailable))
struct ShippedPipelineCountsTests {
    static let samples = TestPaths.repository.appendingPathComponent("samples").path

    /// The counts a run's summary line prints on stderr: read, written, duplicates.
    struct Counts: Equatable {
        var read: Int
        var written: Int
        var duplicates: Int
    }

    static func summaryCounts(_ stderr: String) throws -> Counts {
        let match = try #require(stderr.firstMatch(of: /: (\d+) read, (\d+) written, (\d+) duplicates, \d+ filtered/), "\(stderr)")
        return Counts(read: Int(match.1)!, written: Int(match.2)!, duplicates: Int(match.3)!)
    }

    /// The shipped pipeline `name`, with `duplicates: mark` added to its dedupe stage when asked.
    static func pipeline(_ name: String, markDuplicates: Bool) throws -> String {
        let shipped = TestPaths.repository.appendingPathComponent("pipelines/\(name).yaml").path
        guard markDuplicates else { return shipped }
        let text = try String(contentsOfFile: shipped, encoding: .utf8)
        let marked = text.replacingOccurrences(of: "  - type: dedupe\n", with: "  - type: dedupe\n    duplicates: mark\n")
        #expect(marked != text)
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("\(name)-mark.yaml").path
        try marked.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func sqliteCounts(_ out: String) throws -> (articles: Int, duplicates: Int, runs: [Row]) {
        let database = try DatabaseQueue(path: (out as NSString).appendingPathComponent("copydesk.sqlite"))
        defer { try? database.close() }
        return try database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL") ?? -1,
                try Row.fetchAll(db, sql: "SELECT status, articles, duplicates FROM runs ORDER BY started_at")
            )
        }
    }

    @Test(arguments: [
        ("default", false), ("default", true), ("daily-cron", false), ("daily-cron", true),
        ("reprocess-archive", false), ("reprocess-archive", true),
    ])
    func everyOutputHoldsEachRecordOnceAndTheCountsAgree(name: String, markDuplicates: Bool) throws {
        let out = try TestPaths.temporaryDirectory().path
        let arguments = ["run"] + (name == "reprocess-archive" ? ["--reprocess"] : []) + [try Self.pipeline(name, markDuplicates: markDuplicates)]
        let result = try CLIRunner.run(arguments, environment: ["INPUT": Self.samples, "OUT": out])
        #expect(result.status == 0, "\(result.stderr)")
        let counts = try Self.summaryCounts(result.stderr)
        #expect(counts.read == 14)
        #expect(counts.written + (markDuplicates ? 0 : counts.duplicates) == counts.read)

        let articles = try writtenArticles(in: out)
        #expect(articles.count == counts.written)
        #expect(Set(articles.map(\.id)).count == articles.count, "ids are unique in the JSON lines")
        let marked = articles.filter { $0.duplicateOf != nil }
        #expect(marked.count == (markDuplicates ? 2 : 0))
        for duplicate in marked {
            #expect(duplicate.duplicateOf != duplicate.id, "a duplicate points at another record")
            #expect(articles.contains { $0.id == duplicate.duplicateOf && $0.duplicateOf == nil }, "its survivor is written too")
        }
        if markDuplicates {
            let exactCopy = try #require(articles.first { $0.source.path.hasSuffix("004_rotterdam_port_strike_repost.txt") })
            let original = try #require(articles.first { $0.source.path.hasSuffix("001_rotterdam_port_strike.txt") })
            #expect(exactCopy.contentKey == original.contentKey, "exact copies share their content key")
            #expect(exactCopy.id != original.id)
            #expect(exactCopy.duplicateOf == original.id && exactCopy.similarity == 1)
        }

        let sqlite = try Self.sqliteCounts(out)
        #expect(sqlite.articles == counts.written, "no SQLite row overwrote another")
        #expect(sqlite.duplicates == marked.count)
        #expect(sqlite.runs.count == 1)
        #expect(sqlite.runs.first?["status"] as String? == "complete")
        #expect(sqlite.runs.first?["articles"] as Int? == counts.written)
        #expect(sqlite.runs.first?["duplicates"] as Int? == (markDuplicates ? marked.count : counts.duplicates), "marked or dropped, each is counted")

        let csvPath = (out as NSString).appendingPathComponent("tables/articles.csv")
        if FileManager.default.fileExists(atPath: csvPath) {
            let reader = try CSVReader(stream: try #require(InputStream(fileAtPath: csvPath)), hasHeaderRow: true)
            var ids: [String] = []
            while let row = reader.next() { ids.append(row[0]) }
            #expect(ids.count == counts.written)
            #expect(Set(ids).count == ids.count, "articles.csv has no duplicate key")
        }
        let reportPath = (out as NSString).appendingPathComponent("report.json")
        if FileManager.default.fileExists(atPath: reportPath) {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportPath))) as? [String: Any])
            let reported = try #require(report["articles"] as? [String: Any])
            #expect(reported["read"] as? Int == counts.read)
            #expect(reported["written"] as? Int == counts.written)
            #expect(reported["duplicates"] as? Int == counts.duplicates)
            #expect(report["balanced"] as? Bool == true)
        }
    }

    /// A cron job retried on the same drop writes what the first run wrote; the next day's
    /// reposts of the first day are still dropped, and the first day stays in SQLite.
    @Test func theDailyJobRunTwiceOnOneDropWritesTheSameOutputs() async throws {
        let out = try TestPaths.temporaryDirectory().path
        let daily = TestPaths.repository.appendingPathComponent("pipelines/daily-cron.yaml").path
        let day1 = try TestPaths.temporaryDirectory()
        let samples = URL(fileURLWithPath: Self.samples)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.samples) where !name.contains("repost") && !name.contains("wire") {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: day1.appendingPathComponent(name))
        }
        let first = try CLIRunner.run(["run", daily], environment: ["INPUT": day1.path, "OUT": out])
        #expect(first.status == 0, "\(first.stderr)")
        let firstArticles = try writtenArticles(in: out)
        let firstRows = try storedArticles(in: out)
        #expect(!firstArticles.isEmpty)

        let retried = try CLIRunner.run(["run", daily], environment: ["INPUT": day1.path, "OUT": out])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(try Self.summaryCounts(retried.stderr) == Self.summaryCounts(first.stderr))
        #expect(try writtenArticles(in: out) == firstArticles, "the retried run's JSON lines equal the first run's")
        #expect(try storedArticles(in: out) == firstRows, "and so do the SQLite rows")
        #expect(try await SQLiteStateStore(path: (out as NSString).appendingPathComponent("state.sqlite")).historyCount() == firstArticles.count)

        let day2 = try TestPaths.temporaryDirectory()
        for name in ["004_rotterdam_port_strike_repost.txt", "005_rotterdam_port_strike_wire.txt"] {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: day2.appendingPathComponent(name))
        }
        let next = try CLIRunner.run(["run", daily], environment: ["INPUT": day2.path, "OUT": out])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.summaryCounts(next.stderr) == Counts(read: 2, written: 0, duplicates: 2), "day 2 holds only reposts of day 1")
        #expect(try storedArticles(in: out) == firstRows, "day 1's articles stay in SQLite")
    }
}

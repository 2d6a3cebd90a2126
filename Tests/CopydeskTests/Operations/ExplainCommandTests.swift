import Foundation
import GRDB
import Testing

/// `copydesk explain` on the outputs of the shipped pipelines.
@Suite("copydesk explain", .enabled(if: CLIRunner.isAvailable, "the copydesk binary is built with the tests"))
struct ExplainCommandTests {
    /// The id of the article read from `file` (a path ending), written or dropped.
    static func id(readFrom file: String, in database: String) throws -> String {
        try DatabaseQueue(path: database).read { db in
            try String.fetchOne(db, sql: "SELECT id FROM articles WHERE source_path LIKE ?", arguments: ["%" + file])
                ?? String.fetchOne(db, sql: "SELECT article_id FROM dropped_duplicates WHERE source_path LIKE ?", arguments: ["%" + file])
        } ?? ""
    }

    @Test func theSamplesDuplicatePairIsExplainedWithItsSimilarityAndRule() throws {
        let out = try TestPaths.temporaryDirectory()
        #expect(try CLIRunner.run(["run", "pipelines/default.yaml"], environment: ["OUT": out.path]).status == 0)
        let database = out.appendingPathComponent("copydesk.sqlite").path
        let survivor = try Self.id(readFrom: "001_rotterdam_port_strike.txt", in: database)
        let repost = try Self.id(readFrom: "004_rotterdam_port_strike_repost.txt", in: database)
        let wire = try Self.id(readFrom: "005_rotterdam_port_strike_wire.txt", in: database)
        #expect(Set([survivor, repost, wire]).count == 3 && !survivor.isEmpty && !repost.isEmpty && !wire.isEmpty)
        let recorded = try DatabaseQueue(path: database).read { db in
            (try Int.fetchOne(db, sql: "SELECT duplicates FROM runs"), try Int.fetchOne(db, sql: "SELECT count(*) FROM dropped_duplicates"))
        }
        #expect(recorded.0 == 2 && recorded.1 == 2, "the run counts and keeps its two dropped duplicates")

        let explained = try CLIRunner.run(["explain", "pipelines/default.yaml", wire], environment: ["OUT": out.path])
        #expect(explained.status == 0, "\(explained.stderr)")
        let lines = explained.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("\(wire) was dropped as a duplicate of \(survivor): similarity 0.") == true, "\(explained.stdout)")
        #expect(lines.contains("survivor rule: earliest_date: the article with the earliest date is kept, the first read on a tie"))
        #expect(lines.contains { $0.hasPrefix("the article kept: \(survivor)  samples/001_rotterdam_port_strike.txt:1") })
        #expect(lines.contains("cluster of \(survivor): 2 duplicates"))
        #expect(lines.contains { $0.hasPrefix("  \(repost)  similarity 1.0000  dropped  samples/004_rotterdam_port_strike_repost.txt:1") })
        #expect(!explained.stdout.contains("history"), "both came in the same run")

        let kept = try CLIRunner.run(["explain", "pipelines/default.yaml", survivor], environment: ["OUT": out.path])
        #expect(kept.stdout.hasPrefix("\(survivor) is the survivor of a cluster of 2 duplicates\n"), "\(kept.stdout)")

        let unique = try Self.id(readFrom: "002_fed_holds_rates.txt", in: database)
        let alone = try CLIRunner.run(["explain", "pipelines/default.yaml", unique], environment: ["OUT": out.path])
        #expect(alone.status == 0)
        #expect(alone.stdout.hasPrefix("\(unique) is unique: no article was merged into it and it was not merged into another"), "\(alone.stdout)")

        let missing = try CLIRunner.run(["explain", "pipelines/default.yaml", "0123456789abcdef"], environment: ["OUT": out.path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("0123456789abcdef: no such article in \(database)"))
    }

    @Test func aRepostOnALaterDayNamesTheEarlierRunItMatched() throws {
        let out = try TestPaths.temporaryDirectory()
        let samples = TestPaths.repository.appendingPathComponent("samples")
        var runIDs: [String] = []
        for file in ["001_rotterdam_port_strike.txt", "004_rotterdam_port_strike_repost.txt"] {
            let day = try TestPaths.temporaryDirectory()
            try FileManager.default.copyItem(at: samples.appendingPathComponent(file), to: day.appendingPathComponent(file))
            let run = try CLIRunner.run(["run", "pipelines/daily-cron.yaml"], environment: ["INPUT": day.path, "OUT": out.path])
            #expect(run.status == 0, "\(run.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any]
            runIDs.append(report?["run_id"] as? String ?? "")
        }
        let database = out.appendingPathComponent("copydesk.sqlite").path
        let repost = try Self.id(readFrom: "004_rotterdam_port_strike_repost.txt", in: database)
        let explained = try CLIRunner.run(["explain", "pipelines/daily-cron.yaml", repost], environment: ["OUT": out.path])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("matched the history: "), "\(explained.stdout)")
        #expect(explained.stdout.contains("was written by an earlier run, \(runIDs[0]) (started "), "\(explained.stdout)")
        #expect(explained.stdout.contains("run \(runIDs[1])"), "the repost was dropped by the second run")
    }

    @Test func aPipelineWithoutADatabaseIsExplainedFromItsMarkedJSONLines() throws {
        let out = try TestPaths.temporaryDirectory()
        let pipeline = out.appendingPathComponent("marked.yaml")
        try """
        name: marked
        stages:
          - {type: textdrop, path: "\(TestPaths.repository.appendingPathComponent("samples").path)"}
          - {type: normalize}
          - {type: dedupe, duplicates: mark}
          - {type: jsonl, path: "\(out.path)/articles.jsonl"}
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        #expect(try CLIRunner.run(["run", pipeline.path]).status == 0)
        let records = try String(contentsOf: out.appendingPathComponent("articles.jsonl"), encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let marked = try #require(records.first { $0["duplicate_of"] is String })
        let explained = try CLIRunner.run(["explain", pipeline.path, marked["id"] as? String ?? ""])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(
            explained.stdout.hasPrefix("\(marked["id"] as? String ?? "") was marked as a duplicate of \(marked["duplicate_of"] as? String ?? "")"),
            "\(explained.stdout)")
    }
}

import Foundation
import Testing

@testable import Copydesk

/// Once the pipeline file has loaded, every exit of `copydesk run` rewrites the run report and
/// the metrics file with the outcome and its exit code, so monitoring of a cron job sees a
/// failed run as failed instead of the last success's files.
@Suite("report and metrics on every exit", .serialized, .enabled(if: CLIRunner.isAvailable))
struct FailureReportingTests {
    /// Three short wire stories on different subjects, as text-drop files (name → text).
    static let drop: [String: String] = [
        "001_tram_line.txt": """
         date 2024-05-06 Local
        City council approves tram extension to the airport
        The 9-kilometre line is due to open in 2028.
        GRENOBLE (Wire) - The city council voted on Monday to extend the tram line from the central station to the airport, a project estimated at 310 million euros.
        Construction of the nine new stops is due to start next spring, the transport authority said.

        """,
        "002_grain_harvest.txt": """
         date 2024-05-06 Business
        Dry spring cuts wheat harvest forecast by a tenth
        Farmers in the south are worst hit.
        PARIS (Wire) - The agriculture ministry lowered its wheat harvest forecast by 10% on Monday after the driest April in three decades.
        Growers' associations asked for early payment of drought aid, saying many farms had run out of cash.

        """,
        "003_chess_final.txt": """
         date 2024-05-07 Sport
        Teenager wins national chess championship in final round
        She beat the defending champion with the black pieces.
        LYON (Wire) - A 16-year-old from Nantes won the national chess championship on Tuesday, beating the defending champion in a 61-move final game.
        The title earns her a place in the national team for the autumn olympiad.

        """,
    ]

    /// What a run left for monitoring in `out`: the JSON report and the metrics samples.
    struct Monitoring {
        /// `report.json`, decoded.
        var report: [String: Any]
        /// `copydesk.prom`, as samples keyed by `name{labels}`.
        var metrics: [String: Double]

        /// Reads `out/report.json` and `out/copydesk.prom`.
        init(out: String) throws {
            let reportData = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("report.json"))
            report = try #require(try JSONSerialization.jsonObject(with: reportData) as? [String: Any])
            metrics = try PrometheusText.parse(String(contentsOfFile: (out as NSString).appendingPathComponent("copydesk.prom"), encoding: .utf8))
        }

        /// The metric `name` for `pipeline`.
        func metric(_ name: String, pipeline: String = "daily-cron") -> Double? {
            metrics["\(name){pipeline=\"\(pipeline)\"}"]
        }
    }

    /// Writes `files` (name → text) into a new folder `name` under `parent`; returns its path.
    static func makeDrop(_ name: String, in parent: URL, files: [String: String]) throws -> String {
        let folder = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, text) in files { try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        return folder.path
    }

    /// Runs the daily cron pipeline on `input` into `out`.
    static func dailyCron(input: String, out: String) throws -> CLIRunner.Result {
        try CLIRunner.run(["run", "pipelines/daily-cron.yaml"], environment: ["INPUT": input, "OUT": out])
    }

    @Test func aFailedRunAfterASuccessIsReportedAsFailedAndKeepsTheLastSuccessTime() throws {
        let folder = try TestPaths.temporaryDirectory()
        let out = folder.appendingPathComponent("out").path
        let articlesFile = (out as NSString).appendingPathComponent("articles.jsonl")

        let success = try Self.dailyCron(input: try Self.makeDrop("drop", in: folder, files: Self.drop), out: out)
        #expect(success.status == 0, "\(success.stderr)")
        let afterSuccess = try Monitoring(out: out)
        #expect(afterSuccess.report["status"] as? String == "success")
        #expect(afterSuccess.report["exit_code"] as? Int == 0)
        #expect(afterSuccess.metric("copydesk_last_run_success") == 1)
        let lastSuccess = try #require(afterSuccess.metric("copydesk_last_success_timestamp_seconds"))
        let written = try Data(contentsOf: URL(fileURLWithPath: articlesFile))
        #expect(try writtenArticles(in: out).count == 3)

        // (a) The drop folder did not arrive: an input error before anything is read.
        let missing = try Self.dailyCron(input: folder.appendingPathComponent("no-such-drop").path, out: out)
        #expect(missing.status == 3, "\(missing.stderr)")
        let afterMissing = try Monitoring(out: out)
        #expect(afterMissing.report["status"] as? String == "failed")
        #expect(afterMissing.report["exit_code"] as? Int == 3)
        #expect((afterMissing.report["message"] as? String)?.contains("no-such-drop") == true)
        #expect(afterMissing.metric("copydesk_last_run_success") == 0)
        #expect(afterMissing.metric("copydesk_last_run_exit_code") == 3)
        #expect(afterMissing.metric("copydesk_last_success_timestamp_seconds") == lastSuccess, "the last success is kept")
        #expect(try Data(contentsOf: URL(fileURLWithPath: articlesFile)) == written)

        // (b) An empty drop: fewer articles than min_articles, nothing committed.
        let empty = try Self.dailyCron(input: try Self.makeDrop("empty", in: folder, files: [:]), out: out)
        #expect(empty.status == 6, "\(empty.stderr)")
        let afterEmpty = try Monitoring(out: out)
        #expect(afterEmpty.report["status"] as? String == "failed")
        #expect(afterEmpty.report["exit_code"] as? Int == 6)
        #expect(afterEmpty.metric("copydesk_last_run_success") == 0)
        #expect(afterEmpty.metric("copydesk_last_run_exit_code") == 6)
        #expect(afterEmpty.metric("copydesk_last_success_timestamp_seconds") == lastSuccess)
        #expect(try Data(contentsOf: URL(fileURLWithPath: articlesFile)) == written, "the previous articles are left intact")

        // (d) One good article and two unreadable files: 2 of 3 records quarantined, more than 5%.
        var messy = [
            "010_ferry.txt": """
             date 2024-05-08 Local
            Ferry service resumes after storm damage repairs
            Crossings run on the winter timetable until June.
            BREST (Wire) - The island ferry resumed service on Wednesday after two weeks of repairs to the landing stage damaged in last month's storm, the operator said.

            """
        ]
        messy["011_empty.txt"] = ""
        messy["012_no_header.txt"] = "Notes for the night desk\nCall the harbour master back.\n"
        let partial = try Self.dailyCron(input: try Self.makeDrop("messy", in: folder, files: messy), out: out)
        #expect(partial.status == 4, "\(partial.stderr)")
        let afterPartial = try Monitoring(out: out)
        #expect(afterPartial.report["status"] as? String == "partial")
        #expect(afterPartial.report["exit_code"] as? Int == 4)
        #expect(afterPartial.report["quarantined"] as? Int == 2)
        #expect(afterPartial.metric("copydesk_last_run_success") == 0)
        #expect(afterPartial.metric("copydesk_last_run_exit_code") == 4)
        #expect(afterPartial.metric("copydesk_last_success_timestamp_seconds") == lastSuccess)
    }

    @Test func aRunLockedOutByAnotherRunIsReportedWithExit75() throws {
        let folder = try TestPaths.temporaryDirectory()
        let out = folder.appendingPathComponent("out").path
        let input = try Self.makeDrop("drop", in: folder, files: Self.drop)
        let pipeline = folder.appendingPathComponent("locked.yaml")
        try """
        name: locked
        lock_wait: 0
        quarantine: \(out)/quarantine.jsonl
        report: \(out)/report.json
        metrics: \(out)/copydesk.prom
        stages:
          - {type: textdrop, path: "\(input)"}
          - {type: jsonl, path: "\(out)/articles.jsonl"}
          - {type: sqlite, path: "\(out)/copydesk.sqlite"}

        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let first = try CLIRunner.run(["run", pipeline.path])
        #expect(first.status == 0, "\(first.stderr)")
        let lastSuccess = try #require(try Monitoring(out: out).metric("copydesk_last_success_timestamp_seconds", pipeline: "locked"))

        // Another run holds the database: flock on its `.copydesk.sqlite.lock`, as that run would.
        let held = try RunLock(protecting: (out as NSString).appendingPathComponent("copydesk.sqlite"))
        defer { held.release() }
        let locked = try CLIRunner.run(["run", pipeline.path])
        #expect(locked.status == 75, "\(locked.stderr)")
        #expect(locked.stderr.contains(".copydesk.sqlite.lock is locked by another run (pid \(getpid())"))
        let monitoring = try Monitoring(out: out)
        #expect(monitoring.report["status"] as? String == "failed")
        #expect(monitoring.report["exit_code"] as? Int == 75)
        #expect(monitoring.metric("copydesk_last_run_success", pipeline: "locked") == 0)
        #expect(monitoring.metric("copydesk_last_run_exit_code", pipeline: "locked") == 75)
        #expect(monitoring.metric("copydesk_last_success_timestamp_seconds", pipeline: "locked") == lastSuccess)
    }
}

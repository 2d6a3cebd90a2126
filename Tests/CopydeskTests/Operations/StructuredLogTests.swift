import Foundation
import Testing

@testable import Copydesk

/// The log lines a run writes on stderr, in both formats, and the `jsonl` sink on standard output.
@Suite("structured logs and the summary", .enabled(if: CLIRunner.isAvailable, "the copydesk binary is built with the tests"))
struct StructuredLogTests {
    /// A drop of two good text-drop files and a JSON-lines export with one good and one broken
    /// record, and a pipeline writing JSON lines, CSV, quarantine, report and metrics.
    func drop() throws -> (folder: URL, pipeline: String) {
        let folder = try TestPaths.temporaryDirectory()
        let input = folder.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let export = [
            #"{"title": "Harbour cranes return", "date": "2024-02-08", "text": "OSLO (Reuters) - The harbour cranes came back to work on Thursday, the port said.\nShips queued outside."}"#,
            #"{"title": "broken", "text": "#,
        ]
        try export.joined(separator: "\n").write(to: input.appendingPathComponent("export.jsonl"), atomically: true, encoding: .utf8)
        let yaml = """
            name: logs
            quarantine: \(folder.path)/out/quarantine.jsonl
            report: \(folder.path)/out/report.json
            metrics: \(folder.path)/out/copydesk.prom
            stages:
              - {type: jsonl, path: "\(input.path)/export.jsonl"}
              - {type: normalize}
              - {type: segment}
              - {type: jsonl, path: "\(folder.path)/out/articles.jsonl"}
              - {type: csv, directory: "\(folder.path)/out/tables", tables: [articles, sentences]}
            """
        let pipeline = folder.appendingPathComponent("logs.yaml")
        try yaml.write(to: pipeline, atomically: true, encoding: .utf8)
        return (folder, pipeline.path)
    }

    /// Every stderr line as a JSON object; a line that is not one fails the test.
    func objects(_ stderr: String) throws -> [[String: Any]] {
        try stderr.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object, "not a JSON object: \(line)")
        }
    }

    @Test func everyJSONLineIsAnObjectWithNamedFields() throws {
        let (folder, pipeline) = try drop()
        let result = try CLIRunner.run(["run", pipeline, "--log-format", "json", "--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try objects(result.stderr)
        for line in lines {
            for key in ["timestamp", "level", "label", "message"] { #expect(line[key] is String, "\(key) in \(line)") }
        }
        let quarantined = try #require(lines.first { $0["reason"] as? String == "bad_json" }, "\(result.stderr)")
        #expect(quarantined["level"] as? String == "warning")
        #expect(quarantined["stage"] as? String == "jsonl")
        #expect((quarantined["path"] as? String)?.hasSuffix("drop/export.jsonl") == true)
        #expect(quarantined["line"] as? Int == 2)

        let fileRead = try #require(lines.first { $0["message"] as? String == "read file" }, "\(result.stderr)")
        #expect(fileRead["articles"] as? Int == 1)
        #expect(fileRead["rejected"] as? Int == 1)

        let stages = lines.filter { $0["message"] as? String == "stage finished" }
        #expect(stages.compactMap { $0["stage"] as? String } == ["jsonl", "normalize", "segment", "jsonl", "csv"])
        #expect(stages.allSatisfy { $0["in"] is Int && $0["out"] is Int && $0["busy_seconds"] is Double })

        let summary = try #require(lines.last)
        #expect(summary["message"] as? String == "run finished")
        #expect(summary["status"] as? String == "success")
        #expect(summary["exit_code"] as? Int == 0)
        #expect(summary["articles_read"] as? Int == 1)
        #expect(summary["articles_written"] as? Int == 1)
        #expect(summary["quarantined"] as? Int == 1)
        #expect((summary["stages"] as? [[String: Any]])?.count == 5)
        let out = folder.appendingPathComponent("out").path
        #expect(
            summary["outputs"] as? [String] == [
                "\(out)/articles.jsonl", "\(out)/tables/articles.csv", "\(out)/tables/sentences.csv", "\(out)/tables/datapackage.json",
                "\(out)/quarantine.jsonl",
                "\(out)/report.json", "\(out)/copydesk.prom",
            ])
        for path in summary["outputs"] as? [String] ?? [] { #expect(FileManager.default.fileExists(atPath: path), "\(path)") }
    }

    @Test func thePlainSummaryNamesEveryFileWritten() throws {
        let (folder, pipeline) = try drop()
        let result = try CLIRunner.run(["run", pipeline])
        #expect(result.status == 0, "\(result.stderr)")
        let written = result.stderr.split(separator: "\n").filter { $0.hasPrefix("  wrote ") }.map { String($0.dropFirst(8)) }
        let out = folder.appendingPathComponent("out").path
        #expect(
            written == [
                "\(out)/articles.jsonl", "\(out)/tables/articles.csv", "\(out)/tables/sentences.csv", "\(out)/tables/datapackage.json",
                "\(out)/quarantine.jsonl",
                "\(out)/report.json", "\(out)/copydesk.prom",
            ], "\(result.stderr)")
        #expect(result.stderr.contains("drop/export.jsonl:2: jsonl: line 2: not a JSON object"), "location, stage, message: \(result.stderr)")
        #expect(result.stderr.contains(" [bad_json]\n"), "\(result.stderr)")
        #expect(!result.stderr.contains("read file"), "per-file lines are for --verbose")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/report.json"))) as? [String: Any]
        #expect((report?["outputs"] as? [String])?.first == "\(out)/articles.jsonl")
    }

    @Test func verboseAddsEachFileReadAndEachStage() throws {
        let (_, pipeline) = try drop()
        let result = try CLIRunner.run(["run", pipeline, "--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasSuffix("drop/export.jsonl: jsonl: read file articles=1 rejected=1") }, "\(result.stderr)")
        for stage in ["normalize", "segment", "csv"] {
            #expect(lines.contains { $0.contains(" copydesk: \(stage): stage finished ") && $0.contains(" in=1 ") }, "\(stage): \(result.stderr)")
        }
    }

    @Test func aFailedRunEndsWithAnErrorLineCarryingItsStatus() throws {
        let (folder, pipeline) = try drop()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("drop/export.jsonl"))
        let result = try CLIRunner.run(["run", pipeline, "--log-format", "json"])
        #expect(result.status == 3, "\(result.stderr)")
        let last = try #require(try objects(result.stderr).last)
        #expect(last["level"] as? String == "error")
        #expect(last["status"] as? String == "failed")
        #expect(last["exit_code"] as? Int == 3)
        #expect((last["reason"] as? String)?.contains("export.jsonl") == true, "\(last)")
    }

    @Test func theJSONLinesSinkWritesRecordsToStandardOutputAndLogsToStderr() throws {
        let folder = try TestPaths.temporaryDirectory()
        let pipeline = folder.appendingPathComponent("pipe.yaml")
        try """
        name: pipe
        stages:
          - {type: textdrop, path: "\(TestPaths.repository.appendingPathComponent("samples").path)"}
          - {type: normalize}
          - {type: jsonl, path: "-"}
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["run", pipeline.path])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a record: \(line)")
        }
        #expect(records.count == 14)
        #expect(records.allSatisfy { $0["id"] is String && $0["text"] is String })
        #expect(result.stderr.contains("  wrote standard output"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: TestPaths.repository.appendingPathComponent("-").path))
    }

    @Test(arguments: [
        ("{type: jsonl, path: \"-\", append: true}", "4:", "append: cannot keep earlier articles when writing to standard output"),
        ("{type: jsonl, path: \"-\"}\n  - {type: jsonl, path: \"-\"}", "5:", "path: '-' is also the path of stage 'jsonl'"),
    ])
    func standardOutputRefusesAppendAndASecondSink(sinks: String, position: String, message: String) throws {
        let folder = try TestPaths.temporaryDirectory()
        let pipeline = folder.appendingPathComponent("pipe.yaml")
        try """
        name: pipe
        stages:
          - {type: textdrop, path: "\(TestPaths.repository.appendingPathComponent("samples").path)"}
          - \(sinks)
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["run", pipeline.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("\(pipeline.path):\(position)"), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

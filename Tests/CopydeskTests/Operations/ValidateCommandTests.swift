import Foundation
import Testing

@testable import Copydesk

/// `copydesk validate` checks a pipeline the night before its drop arrives: it builds every
/// stage but opens no input, output or state store.
@Suite("validate command", .enabled(if: CLIRunner.isAvailable))
struct ValidateCommandTests {
    /// A pipeline whose input does not exist and whose every written path cannot be created
    /// (nothing can be created under /proc, not even by root).
    static let unreachable = """
        name: unreachable
        quarantine: /proc/copydesk-test/quarantine.jsonl
        ledger: /proc/copydesk-test/state.sqlite
        report: /proc/copydesk-test/report.json
        metrics: /proc/copydesk-test/copydesk.prom
        stages:
          - type: textdrop
            path: /nonexistent/drop/2024-02-08
          - type: normalize
          - type: dedupe
            history: /proc/copydesk-test/state.sqlite
          - type: segment
          - type: extract
          - type: jsonl
            path: /proc/copydesk-test/articles.jsonl
          - type: csv
            directory: /proc/copydesk-test/tables
          - type: sqlite
            path: /proc/copydesk-test/copydesk.sqlite
        """

    @Test func validateSucceedsWithoutTouchingAnyPath() throws {
        let folder = try TestPaths.temporaryDirectory()
        let file = folder.appendingPathComponent("unreachable.yaml")
        try Self.unreachable.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok: pipeline 'unreachable': source textdrop → transform normalize"), "\(result.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["unreachable.yaml"])
    }

    @Test func runningTheSamePipelineFailsOnItsMissingInput() throws {
        let folder = try TestPaths.temporaryDirectory()
        let file = folder.appendingPathComponent("unreachable.yaml")
        try Self.unreachable.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["run", "--quiet", file.path])
        #expect(result.status == ExitStatus.inputError.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("/nonexistent/drop/2024-02-08: does not exist (\(file.path):8:11: path: input path)"), "\(result.stderr)")
    }

    @Test func validateStillReportsEveryConfigurationError() throws {
        let folder = try TestPaths.temporaryDirectory()
        let file = folder.appendingPathComponent("broken.yaml")
        try Self.unreachable.replacingOccurrences(of: "  - type: segment\n", with: "  - type: segment\n    language: tlh\n")
            .replacingOccurrences(of: "  - type: dedupe\n", with: "  - type: dedupe\n    bands: 7\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", file.path])
        #expect(result.status == ExitStatus.configError.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("\(file.path):10:5: hash_count: bands × rows (7 × 3) must equal hash_count (120)"), "\(result.stderr)")
        #expect(result.stderr.contains("\(file.path):14:15: language: no segmentation rules for 'tlh'"), "\(result.stderr)")
    }
}

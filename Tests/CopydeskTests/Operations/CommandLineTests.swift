import Foundation
import Testing

@testable import Copydesk

/// The command line itself: `--version`, the usage exit code for a flag it does not know, and
/// a dry run whose summary accounts for every article and which writes nothing.
@Suite("command line", .enabled(if: CLIRunner.isAvailable))
struct CommandLineTests {
    @Test func versionPrintsTheVersionAndExitsZero() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == CopydeskVersion.current)
    }

    @Test func anUnknownFlagIsAUsageError() throws {
        let result = try CLIRunner.run(["run", "--nope", "x.yaml"])
        #expect(result.status == ExitStatus.usage.rawValue, "\(result.stderr)")
        #expect(!result.crashed)
        #expect(result.stderr.contains("--nope"), "\(result.stderr)")
    }

    @Test func aDryRunOfTheDefaultPipelineBalancesAndWritesNothing() throws {
        let out = try TestPaths.temporaryDirectory()
        let result = try CLIRunner.run(
            ["run", "--dry-run", "5", "pipelines/default.yaml"],
            environment: ["INPUT": TestPaths.repository.appendingPathComponent("samples").path, "OUT": out.path])
        #expect(result.status == 0, "\(result.stderr)")
        // The first five articles of the samples are three copies of the Rotterdam strike story
        // and two others: dedupe drops two, and every sink counts the three that would reach it.
        let printed = result.stdout.split(separator: "\n")
        #expect(printed.count == 3)
        let balance = try #require(result.stderr.split(separator: "\n").first { $0.contains("balance:") }, "\(result.stderr)")
        #expect(!balance.contains("UNBALANCED"), "\(balance)")
        #expect(balance == "  balance: 5 read = 3 written + 2 duplicates + 0 filtered + 0 quarantined")
        for sink in ["jsonl: \(out.path)/articles.jsonl", "csv: \(out.path)/tables", "sqlite: \(out.path)/copydesk.sqlite"] {
            #expect(result.stderr.contains("dry run: \(sink) would receive 3 articles; nothing was written"), "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty, "nothing is written into OUT")
    }
}

import BenchSupport
import Foundation
import Testing

@testable import Copydesk

@Suite("interrupt and resume", .serialized, .enabled(if: CLIRunner.isAvailable))
struct ResumeTests {
    /// 4,000 generated articles in 80 files of 50, a tenth exact and 30% near duplicates of
    /// earlier articles, spread over the files.
    static func archiveWithNearDuplicates() throws -> String {
        let archive = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 4_000, seed: 21, exactDuplicates: 0.1, nearDuplicates: 0.3, articlesPerFile: 50)).write(
            to: archive)
        return archive
    }

    /// Stopped by SIGTERM (commits what it read) or SIGKILL (commits nothing) while its output
    /// is being written, then resumed without --reprocess: the result equals one uninterrupted
    /// run record for record, near-duplicate verdicts and similarities included, in the JSON
    /// lines and in SQLite.
    @Test(arguments: [SIGTERM, SIGKILL])
    func anInterruptedArchiveRunResumesToTheUninterruptedResult(signal: Int32) async throws {
        let archive = try Self.archiveWithNearDuplicates()
        let reference = try TestPaths.temporaryDirectory().path
        let clean = try CLIRunner.run(
            ["run", "--quiet", "--reprocess", "pipelines/reprocess-archive.yaml"], environment: ["INPUT": archive, "OUT": reference])
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = try writtenArticles(in: reference)
        #expect(expected.filter { $0.duplicateOf == nil }.count < 3_000, "the archive holds many duplicates")

        let out = try TestPaths.temporaryDirectory().path
        // The interrupted run uses small batches; the resumed one the shipped batch size.
        let (victim, _, errors) = try CLIRunner.start(
            ["run", "--reprocess", try Self.smallBatchArchivePipeline()], environment: ["INPUT": archive, "OUT": out])
        let writing = RunMilestone.temporaryOutput(of: (out as NSString).appendingPathComponent("articles.jsonl"), reaches: 1)
        #expect(writing && victim.isRunning, "the archive run must still be going when it is stopped")
        kill(victim.processIdentifier, signal)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        victim.waitUntilExit()
        let partial = try writtenArticles(in: out)
        if signal == SIGTERM {
            #expect(victim.terminationStatus == 130, "\(stderr)")
            #expect(stderr.contains("interrupted:"))
            #expect(!partial.isEmpty && partial.count < expected.count)
        } else {
            #expect(victim.terminationReason == .uncaughtSignal)
            #expect(partial.isEmpty, "a killed run commits nothing")
        }

        let resumed = try CLIRunner.run(["run", "pipelines/reprocess-archive.yaml"], environment: ["INPUT": archive, "OUT": out])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        if signal == SIGTERM { #expect(resumed.stderr.contains("skipped as done in an earlier run")) }
        let articles = try writtenArticles(in: out)
        #expect(articles.count == expected.count)
        #expect(articles == expected, "every record, id and verdict as in one uninterrupted run")
        #expect(try storedArticles(in: out) == storedArticles(in: reference))
        let ledger = try await SQLiteStateStore(path: (out as NSString).appendingPathComponent("state.sqlite")).ledgerEntries()
        #expect(ledger.count == 80)
        #expect(ledger.allSatisfy { $0.status == "done" && $0.contentHash.count == 64 })
    }

    @Test func aChangedFileIsProcessedAgain() throws {
        let archive = try TestPaths.temporaryDirectory()
        let samples = TestPaths.repository.appendingPathComponent("samples")
        for name in ["002_fed_holds_rates.txt", "003_dhaka_floods.txt"] {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: archive.appendingPathComponent(name))
        }
        let out = try TestPaths.temporaryDirectory().path
        let environment = ["INPUT": archive.path, "OUT": out]
        #expect(try CLIRunner.run(["run", "-q", "--reprocess", "pipelines/reprocess-archive.yaml"], environment: environment).status == 0)
        let again = try CLIRunner.run(["run", "pipelines/reprocess-archive.yaml"], environment: environment)
        #expect(again.stderr.contains("files: 2 listed, 0 read, 2 skipped"))
        let file = archive.appendingPathComponent("003_dhaka_floods.txt")
        try (String(contentsOf: file, encoding: .utf8) + "Officials said more rain was expected on Friday.\n").write(
            to: file, atomically: true, encoding: .utf8)
        let changed = try CLIRunner.run(["run", "pipelines/reprocess-archive.yaml"], environment: environment)
        #expect(changed.stderr.contains("files: 2 listed, 1 read, 1 skipped"))
    }

    /// `pipelines/reprocess-archive.yaml` with batches of 8 and one batch per channel, so few
    /// articles are in flight and a stop made while the first output is written leaves most of
    /// the archive unread.
    static func smallBatchArchivePipeline() throws -> String {
        let shipped = try String(contentsOf: TestPaths.repository.appendingPathComponent("pipelines/reprocess-archive.yaml"), encoding: .utf8)
        let small = shipped.replacingOccurrences(of: "batch_size: 256", with: "batch_size: 8\nbuffer: 1")
        #expect(small != shipped, "the shipped archive pipeline sets batch_size: 256")
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("small-batch-archive.yaml").path
        try small.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

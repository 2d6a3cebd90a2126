import BenchSupport
import Foundation
import Testing
@testable import Copydesk

@Suite("interrupt and resume", .serialized, .enabled(if: CLIRunner.isAvailable))
struct ResumeTests {
    @Test func termMidArchiveThenRerunGivesEveryArticleOnce() async throws {
        let archive = try TestPaths.temporaryDirectory().path
        // Exact duplicates only: a near copy is decided by exact Jaccard within a run but by the
        // MinHash estimate against history, so a borderline pair may fall either way across a
        // resume boundary; exact copies are decided the same way on both sides.
        _ = try CorpusGenerator(settings: .init(articles: 4_000, seed: 21, nearDuplicates: 0, articlesPerFile: 50)).write(to: archive)
        let reference = try TestPaths.temporaryDirectory().path
        let clean = try CLIRunner.run(["run", "--quiet", "--reprocess", "pipelines/reprocess-archive.yaml"], environment: ["INPUT": archive, "OUT": reference])
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = try writtenArticles(in: reference).map(\.id)

        let out = try TestPaths.temporaryDirectory().path
        // The interrupted run uses small batches; the resumed one the shipped batch size.
        let (victim, _, errors) = try CLIRunner.start(["run", "--reprocess", try Self.smallBatchArchivePipeline()], environment: ["INPUT": archive, "OUT": out])
        let writing = try await RunMilestone.temporaryOutput(of: (out as NSString).appendingPathComponent("articles.jsonl"), reaches: 1)
        #expect(writing && victim.isRunning, "the archive run must still be going when it is stopped")
        kill(victim.processIdentifier, SIGTERM)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        victim.waitUntilExit()
        #expect(victim.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted:"))
        let partial = try writtenArticles(in: out).map(\.id)
        #expect(!partial.isEmpty && partial.count < expected.count)

        let resumed = try CLIRunner.run(["run", "pipelines/reprocess-archive.yaml"], environment: ["INPUT": archive, "OUT": out])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("skipped as done in an earlier run"))
        let ids = try writtenArticles(in: out).map(\.id)
        #expect(Set(ids).count == ids.count, "no article twice")
        #expect(Set(ids) == Set(expected), "no article lost")
        let ledger = try SQLiteStateStore(path: (out as NSString).appendingPathComponent("state.sqlite")).ledgerEntries()
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
        try (String(contentsOf: file, encoding: .utf8) + "Officials said more rain was expected on Friday.\n").write(to: file, atomically: true, encoding: .utf8)
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

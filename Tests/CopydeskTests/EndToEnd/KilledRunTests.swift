import BenchSupport
import Foundation
import Testing

@testable import Copydesk

@Suite("killed runs", .serialized)
struct KilledRunTests {
    /// Runs the CLI on `pipeline` with INPUT and OUT; returns the process once started.
    static func start(_ pipeline: String, input: String, out: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["run", "--quiet", TestPaths.repository.appendingPathComponent(pipeline).path]
        process.environment = ["INPUT": input, "OUT": out, "PATH": "/usr/bin:/bin"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(.enabled(if: CLIRunner.isAvailable))
    func aRunKilledMidwayLosesAndDoublesNothingOnRerun() async throws {
        let drop = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 6_000, seed: 5, exactDuplicates: 0.1, nearDuplicates: 0.3)).write(to: drop)
        let clean = try TestPaths.temporaryDirectory().path
        let reference = try Self.start("pipelines/daily-cron.yaml", input: drop, out: clean)
        reference.waitUntilExit()
        #expect(reference.terminationStatus == 0)
        let expected = try writtenArticles(in: clean)

        let out = try TestPaths.temporaryDirectory().path
        let victim = try Self.start("pipelines/daily-cron.yaml", input: drop, out: out)
        // On a loaded machine a debug build takes minutes to reach its sinks: wait as long as
        // the run may need, not a guess of how fast it is.
        let writing = RunMilestone.temporaryOutput(of: (out as NSString).appendingPathComponent("articles.jsonl"), reaches: 1, timeout: .seconds(900))
        #expect(writing && victim.isRunning, "the run must still be going when it is killed")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("articles.jsonl")))

        let rerun = try Self.start("pipelines/daily-cron.yaml", input: drop, out: out)
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        let articles = try writtenArticles(in: out)
        #expect(articles == expected, "every record, id and verdict as in the run that was not killed")
        #expect(Set(articles.map(\.id)).count == articles.count)
        #expect(try storedArticles(in: out) == storedArticles(in: clean))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "temporary files of the killed run are cleaned up")
        let store = try SQLiteStateStore(path: (out as NSString).appendingPathComponent("state.sqlite"))
        #expect(try await store.historyCount() == expected.count)
    }
}

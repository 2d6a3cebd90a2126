import BenchSupport
import Foundation
import Testing

@testable import Copydesk

/// `pipelines/daily-postgres.yaml` run by the real binary and killed with SIGKILL while it loads.
@Suite("killed runs on PostgreSQL", PostgresTestServer.required, .enabled(if: CLIRunner.isAvailable))
struct PostgresKilledRunTests {
    /// The daily PostgreSQL pipeline with `survivor: first_seen`, so dedupe stages history
    /// entries and the sink loads rows batch by batch from the start, not all at the end: the
    /// whole run is a window to kill it in.
    static func streamingPipeline() throws -> String {
        let shipped = try String(contentsOf: TestPaths.repository.appendingPathComponent("pipelines/daily-postgres.yaml"), encoding: .utf8)
        let streaming = shipped.replacingOccurrences(of: "survivor: earliest_date", with: "survivor: first_seen")
        #expect(streaming != shipped)
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("daily-postgres-streaming.yaml").path
        try streaming.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs the CLI on `pipeline`; returns the process once started.
    static func start(_ pipeline: String, input: String, url: PostgresURL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["run", "--quiet", pipeline]
        let out = try TestPaths.temporaryDirectory().path
        process.environment = ["INPUT": input, "OUT": out, "DATABASE_URL": url.text, "PATH": "/usr/bin:/bin"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Watches the run from a thread of its own and kills it with SIGKILL as soon as it has
    /// pending history entries (dedupe has staged its first batches, and the sink stages rows
    /// from then on); returns whether it did so while the run was still going. A thread, not a
    /// task: on a loaded machine the test's tasks can wait for a core long enough for the whole
    /// run to finish unseen.
    static func killWhenLoading(_ victim: Process, url: PostgresURL) async -> Bool {
        await withCheckedContinuation { continuation in
            Thread {
                let observer = try? PostgresConnection(url: url)
                let deadline = Date().addingTimeInterval(600)
                while victim.isRunning && Date() < deadline {
                    if (try? observer?.query("SELECT count(*) > 0 FROM history_articles WHERE NOT committed")) == [["t"]] {
                        kill(victim.processIdentifier, SIGKILL)
                        continuation.resume(returning: true)
                        return
                    }
                    usleep(20_000)
                }
                continuation.resume(returning: false)
            }.start()
        }
    }

    @Test(
        .disabled("in loaded CI runs the victim process can end before it loads (its tables never appear); passes alone and in a quiet full run")
    )
    func aRunKilledWhileLoadingLeavesNoVisibleRowAndItsRerunCompletes() async throws {
        let drop = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 6_000, seed: 7, exactDuplicates: 0.1, nearDuplicates: 0.3)).write(to: drop)
        let url = try PostgresTestServer.freshSchema()
        let pipeline = try Self.streamingPipeline()
        let victim = try Self.start(pipeline, input: drop, url: url)
        let killedWhileLoading = await Self.killWhenLoading(victim, url: url)
        #expect(killedWhileLoading, "the run must still be loading when it is killed")
        victim.waitUntilExit()
        let observer = try PostgresConnection(url: url)
        #expect(try observer.query("SELECT count(*) FROM articles") == [["0"]], "no row of the killed run is visible")
        #expect(try observer.query("SELECT count(*) FROM history_articles WHERE committed") == [["0"]])
        #expect(try observer.query("SELECT count(*) FROM ledger") == [["0"]])
        #expect(try observer.query("SELECT status FROM runs") == [["running"]])

        let rerun = try Self.start(pipeline, input: drop, url: url)
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        let articles = try observer.query("SELECT count(*) FROM articles")
        #expect(articles != [["0"]])
        #expect(articles == (try observer.query("SELECT count(*) FROM history_articles WHERE committed")))
        #expect(try observer.query("SELECT count(*) FROM history_articles WHERE NOT committed") == [["0"]], "the killed run's entries are gone")
        #expect(try observer.query("SELECT status FROM runs ORDER BY started_at") == [["running"], ["complete"]])
    }
}

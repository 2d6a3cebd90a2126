import BenchSupport
import Foundation
import Testing

@testable import Copydesk

/// `pipelines/daily-postgres.yaml` run by the real binary and killed with SIGKILL while it loads.
@Suite("killed runs on PostgreSQL", PostgresTestServer.required, .enabled(if: CLIRunner.isAvailable))
struct PostgresKilledRunTests {
    /// Runs the CLI on the daily PostgreSQL pipeline; returns the process once started.
    static func start(input: String, url: PostgresURL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["run", "--quiet", TestPaths.repository.appendingPathComponent("pipelines/daily-postgres.yaml").path]
        let out = try TestPaths.temporaryDirectory().path
        process.environment = ["INPUT": input, "OUT": out, "DATABASE_URL": url.text, "PATH": "/usr/bin:/bin"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func aRunKilledWhileLoadingLeavesNoVisibleRowAndItsRerunCompletes() async throws {
        let drop = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 3_000, seed: 7, exactDuplicates: 0.1, nearDuplicates: 0.3)).write(to: drop)
        let url = try PostgresTestServer.freshSchema()
        let victim = try Self.start(input: drop, url: url)
        let observer = try PostgresConnection(url: url)
        // Pending history entries appear as the first batches pass dedupe, while the sink
        // stages rows: wait for them as long as a loaded machine may need.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(600)
        var loading = false
        while !loading && victim.isRunning && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            loading = (try? observer.query("SELECT count(*) > 0 FROM history_articles WHERE NOT committed")) == [["t"]]
        }
        #expect(loading && victim.isRunning, "the run must still be loading when it is killed")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(try observer.query("SELECT count(*) FROM articles") == [["0"]], "no row of the killed run is visible")
        #expect(try observer.query("SELECT count(*) FROM history_articles WHERE committed") == [["0"]])
        #expect(try observer.query("SELECT count(*) FROM ledger") == [["0"]])
        #expect(try observer.query("SELECT status FROM runs") == [["running"]])

        let rerun = try Self.start(input: drop, url: url)
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        let articles = try observer.query("SELECT count(*) FROM articles")
        #expect(articles != [["0"]])
        #expect(articles == (try observer.query("SELECT count(*) FROM history_articles WHERE committed")))
        #expect(try observer.query("SELECT count(*) FROM history_articles WHERE NOT committed") == [["0"]], "the killed run's entries are gone")
        #expect(try observer.query("SELECT status FROM runs ORDER BY started_at") == [["running"], ["complete"]])
    }
}

import Foundation
import Testing

@testable import Copydesk

/// `pipelines/daily-postgres.yaml` run by the real binary as a separate process, for the tests
/// that interrupt a run from outside (SIGKILL, the server going away) while it loads.
struct PostgresPipelineRun {
    /// The running or finished `copydesk run`.
    let process: Process
    /// The file its standard error goes to.
    let stderrPath: String

    /// The daily PostgreSQL pipeline with `survivor: first_seen`, so dedupe stages history
    /// entries and the sink loads rows batch by batch from the start, not all at the end: the
    /// whole run is a window to interrupt it in.
    static func streamingPipeline() throws -> String {
        let shipped = try String(contentsOf: TestPaths.repository.appendingPathComponent("pipelines/daily-postgres.yaml"), encoding: .utf8)
        let streaming = shipped.replacingOccurrences(of: "survivor: earliest_date", with: "survivor: first_seen")
        #expect(streaming != shipped)
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("daily-postgres-streaming.yaml").path
        try streaming.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts the CLI on `pipeline` over the drop `input`, its state and outputs in `url`.
    static func start(_ pipeline: String, input: String, url: PostgresURL) throws -> PostgresPipelineRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["run", "--quiet", pipeline]
        let out = try TestPaths.temporaryDirectory().path
        process.environment = ["INPUT": input, "OUT": out, "DATABASE_URL": url.text, "PATH": "/usr/bin:/bin"]
        let stderrPath = out + "/stderr.txt"
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
        return PostgresPipelineRun(process: process, stderrPath: stderrPath)
    }

    /// What the run printed on standard error.
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// How the run ended and what it printed, for failure messages.
    var account: String {
        let ending =
            process.isRunning
            ? "is still running"
            : "ended with \(process.terminationReason == .uncaughtSignal ? "signal" : "status") \(process.terminationStatus)"
        return "the run \(ending); its standard error:\n\(stderr)"
    }

    /// Runs to the end; returns the exit status.
    func finish() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Watches the run from a thread of its own and calls `interrupt` as soon as the run has
    /// pending history entries in `url` (dedupe has staged its first batches, and the sink
    /// stages rows from then on); returns whether that happened while the run was still going.
    /// A thread, not a task: on a loaded machine the test's tasks can wait for a core long
    /// enough for the whole run to finish unseen.
    func whenLoading(in url: PostgresURL, _ interrupt: @escaping @Sendable () -> Void) async -> Bool {
        let victim = process
        return await withCheckedContinuation { continuation in
            Thread {
                let observer = try? PostgresConnection(url: url)
                let deadline = Date().addingTimeInterval(600)
                while victim.isRunning && Date() < deadline {
                    if (try? observer?.query("SELECT count(*) > 0 FROM history_articles WHERE NOT committed")) == [["t"]] {
                        interrupt()
                        continuation.resume(returning: true)
                        return
                    }
                    usleep(20_000)
                }
                continuation.resume(returning: false)
            }.start()
        }
    }
}

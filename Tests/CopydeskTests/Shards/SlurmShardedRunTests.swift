import Foundation
import Testing

@testable import Copydesk

/// The shipped Slurm scripts run a sharded job on a real cluster (`scripts/slurm-test-cluster.sh
/// start`, which sets `COPYDESK_TEST_SLURM` and `SLURM_CONF`) with the result of one run.
@Suite("sharded runs on Slurm", .serialized, .enabled(if: CLIRunner.isAvailable && SlurmTestCluster.isRunning, SlurmTestCluster.skipReason))
struct SlurmShardedRunTests {
    @Test func theThreePhasesSubmittedAsArraysGiveTheSingleMachineResult() throws {
        let run = ShardedJobRun(input: try ShardedRunTests.drop(seed: 31))
        let single = try TestPaths.temporaryDirectory().path
        try #require(try run.whole(out: single).status == 0)
        let expected = try ShardedJobRun.lines(count: 1, out: single)

        let out = try TestPaths.temporaryDirectory().path
        let jobs = try SlurmTestCluster.submit(
            shards: 4, job: "slurm-4", state: out + "/jobs.sqlite", environment: run.environment(out: out), in: out)
        for (phase, id) in jobs { #expect(try SlurmTestCluster.waitForEnd(of: id) == "COMPLETED", "\(phase) (job \(id))") }
        #expect(try ShardedJobRun.lines(count: 4, out: out) == expected)
    }

    @Test func aFailedFingerprintTaskKeepsTheLaterPhasesFromRunning() throws {
        let out = try TestPaths.temporaryDirectory().path
        // Shard 1 of 2 reads a file that is not UTF-8 text; a quarantine limit of 0 fails it.
        var run = ShardedJobRun(input: try ShardedRunTests.drop(seed: 37))
        run.history = ""
        let pipeline = out + "/strict.yaml"
        let strict = try String(contentsOfFile: ShardedJobRun.pipeline, encoding: .utf8)
            .replacingOccurrences(of: "batch_size: 128", with: "batch_size: 128\nmax_quarantined: 0")
        try strict.write(toFile: pipeline, atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: URL(fileURLWithPath: run.input + "/999999.txt"))
        let jobs = try SlurmTestCluster.submit(
            shards: 2, job: "slurm-failing", state: out + "/jobs.sqlite", environment: run.environment(out: out), in: out, pipeline: pipeline)
        let states = try jobs.map { try SlurmTestCluster.waitForEnd(of: $0.id) }
        #expect(states[0] == "FAILED")
        #expect(states[1] != "COMPLETED" && states[2] != "COMPLETED", "cluster and emit never run: \(states)")
        #expect(!FileManager.default.fileExists(atPath: out + "/articles-0.jsonl"))
    }
}

/// The throw-away Slurm cluster of `scripts/slurm-test-cluster.sh`, as the tests use it.
enum SlurmTestCluster {
    /// Whether the script started a cluster for the tests.
    static let isRunning =
        ProcessInfo.processInfo.environment["COPYDESK_TEST_SLURM"] == "1"
        && ProcessInfo.processInfo.environment["SLURM_CONF"] != nil

    /// Why the Slurm tests are skipped.
    static let skipReason: Comment =
        "no Slurm test cluster: run scripts/slurm-test-cluster.sh start and source .build/slurm-test-cluster/env (make test does)"

    /// Submits the three phases with `deploy/slurm/submit.sh` from `directory` (where the task
    /// logs go); returns each phase's job id, in order.
    static func submit(
        shards: Int, job: String, state: String, environment: [String: String], in directory: String, pipeline: String = ShardedJobRun.pipeline
    ) throws -> [(phase: String, id: String)] {
        let script = TestPaths.repository.appendingPathComponent("deploy/slurm/submit.sh").path
        let result = try command(
            "/bin/bash", [script, pipeline, "\(shards)", job, state],
            environment: environment.merging(["COPYDESK": CLIRunner.binary]) { $1 }, in: directory)
        guard result.status == 0 else { throw ShardedJobRun.TaskFailed(description: "submit.sh: exit \(result.status): \(result.output)") }
        return result.output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "=", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }

    /// Waits until every task of Slurm job `id` has ended and returns the job's state
    /// (`COMPLETED`, `FAILED`, `CANCELLED`…; the worst of an array's tasks).
    static func waitForEnd(of id: String, timeout: Duration = .seconds(900)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let shown = try command("/usr/bin/scontrol", ["show", "job", id, "--oneliner"], environment: [:], in: "/")
            let states = shown.output.split(separator: "\n").compactMap { line in
                line.split(separator: " ").first { $0.hasPrefix("JobState=") }.map { String($0.dropFirst("JobState=".count)) }
            }
            let ended = ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED"]
            if !states.isEmpty, states.allSatisfy(ended.contains) {
                return states.first { $0 != "COMPLETED" } ?? "COMPLETED"
            }
            usleep(500_000)
        }
        throw ShardedJobRun.TaskFailed(description: "Slurm job \(id) did not end within \(timeout)")
    }

    /// Runs a command with the test environment's Slurm configuration; returns its status and
    /// its standard output and error together.
    private static func command(_ tool: String, _ arguments: [String], environment: [String: String], in directory: String) throws -> (
        status: Int32, output: String
    ) {
        let inherited = ProcessInfo.processInfo.environment.filter { ["SLURM_CONF", "HOME"].contains($0.key) }
        let result = try ProcessOutput.run(
            tool, arguments, environment: inherited.merging(environment) { $1 }.merging(["PATH": "/usr/bin:/bin:/usr/sbin:/sbin"]) { $1 },
            in: URL(fileURLWithPath: directory))
        return (result.status, result.stdout + result.stderr)
    }
}

import Foundation

/// Runs `pipelines/sharded.yaml` through the `copydesk` binary, whole or as the three phases
/// of a sharded job, on one drop, each run writing under its own folder.
struct ShardedJobRun {
    /// The drop.
    let input: String
    /// Survivor policy (`SURVIVOR`).
    var survivor = "earliest_date"
    /// The dedupe history (`HISTORY`), empty for none.
    var history = ""

    /// The pipeline every run uses.
    static let pipeline = TestPaths.repository.appendingPathComponent("pipelines/sharded.yaml").path

    /// The environment of a run writing into `out`.
    func environment(out: String) -> [String: String] {
        ["INPUT": input, "OUT": out, "SURVIVOR": survivor, "HISTORY": history]
    }

    /// One run of the whole pipeline into `out`.
    func whole(out: String) throws -> CLIRunner.Result {
        try CLIRunner.run(["run", "--quiet", Self.pipeline], environment: environment(out: out))
    }

    /// One task of a phase of `job` (`--shard I/N`, or `--shards N` for cluster) into `out`,
    /// meeting in the state store `state`; `extra` adds arguments or environment.
    func task(
        _ phase: String, shard: Int?, of count: Int, job: String, state: String, out: String, extra environment: [String: String] = [:]
    ) throws -> CLIRunner.Result {
        let selection = shard.map { ["--shard", "\($0)/\(count)"] } ?? ["--shards", "\(count)"]
        return try CLIRunner.run(
            ["run", "--quiet", Self.pipeline, "--phase", phase, "--job", job, "--state", state] + selection,
            environment: self.environment(out: out).merging(environment) { $1 })
    }

    /// Runs every phase of a job of `count` shards, in order, and fails at the first task that
    /// does not exit 0, with its standard error.
    func allPhases(count: Int, job: String, state: String, out: String) throws {
        for shard in 0..<count { try expectSuccess(task("fingerprint", shard: shard, of: count, job: job, state: state, out: out)) }
        try expectSuccess(task("cluster", shard: nil, of: count, job: job, state: state, out: out))
        for shard in 0..<count { try expectSuccess(task("emit", shard: shard, of: count, job: job, state: state, out: out)) }
    }

    /// The JSON lines of shards `0..<count` under `out`, concatenated in shard order.
    static func lines(count: Int, out: String) throws -> [String] {
        try (0..<count).flatMap { shard in
            try String(contentsOfFile: (out as NSString).appendingPathComponent("articles-\(shard).jsonl"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
        }
    }

    /// The text field `name` of a JSON line, if it has one.
    static func field(_ name: String, _ line: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        return object[name] as? String
    }

    /// A task that failed, with what it printed.
    struct TaskFailed: Error, CustomStringConvertible {
        /// Exit status and standard error.
        let description: String
    }

    private func expectSuccess(_ result: CLIRunner.Result) throws {
        guard result.status == 0, !result.crashed else { throw TaskFailed(description: "exit \(result.status): \(result.stderr)") }
    }
}

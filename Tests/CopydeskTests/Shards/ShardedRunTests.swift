import BenchSupport
import Foundation
import Testing

@testable import Copydesk

/// A drop cut into shards gives, phase by phase, the records one run over the whole drop gives.
@Suite("sharded runs", .serialized, .enabled(if: CLIRunner.isAvailable))
struct ShardedRunTests {
    /// A drop of 40 files of 12 articles, 15% exact and 20% near duplicates of earlier
    /// articles anywhere in the drop, so duplicates cross every shard boundary.
    static func drop(seed: UInt64 = 17) throws -> String {
        let drop = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 480, seed: seed, exactDuplicates: 0.15, nearDuplicates: 0.2, articlesPerFile: 12))
            .write(to: drop)
        return drop
    }

    @Test(arguments: ["earliest_date", "first_seen"])
    func shardOutputsInShardOrderAreTheSingleMachineRun(survivor: String) throws {
        var run = ShardedJobRun(input: try Self.drop())
        run.survivor = survivor
        let single = try TestPaths.temporaryDirectory().path
        let result = try run.whole(out: single)
        try #require(result.status == 0, "\(result.stderr)")
        let expected = try ShardedJobRun.lines(count: 1, out: single)
        let marked = expected.filter { $0.contains("\"duplicate_of\":\"") }
        #expect(expected.count == 480)
        #expect(Double(marked.count) >= 0.3 * 480, "the drop has its share of duplicates")

        for count in [1, 2, 4] {
            let out = try TestPaths.temporaryDirectory().path
            try run.allPhases(count: count, job: "job-\(count)", state: out + "/jobs.sqlite", out: out)
            let lines = try ShardedJobRun.lines(count: count, out: out)
            #expect(lines == expected, "\(count) shards: every record, id, duplicate_of and annotation as one run")
            if count > 1 {
                let firstShard = Set(try ShardedJobRun.lines(count: 1, out: out).compactMap(Self.id))
                let crossing = lines.dropFirst(firstShard.count).filter { line in Self.duplicateOf(line).map(firstShard.contains) ?? false }
                #expect(!crossing.isEmpty, "\(count) shards: some duplicates are of articles in another shard")
            }
        }
    }

    @Test func theClusterPhaseRefusesToStartWhileAShardHasNotFingerprintedAndNamesIt() throws {
        let run = ShardedJobRun(input: try Self.drop())
        let out = try TestPaths.temporaryDirectory().path
        let state = out + "/jobs.sqlite"
        for shard in [0, 2] {
            let result = try run.task("fingerprint", shard: shard, of: 3, job: "partial", state: state, out: out)
            try #require(result.status == 0, "\(result.stderr)")
        }
        let cluster = try run.task("cluster", shard: nil, of: 3, job: "partial", state: state, out: out)
        #expect(cluster.status == 75)
        #expect(cluster.stderr.contains("job partial: the fingerprint phase has not completed for shard 1; run it first"), "\(cluster.stderr)")

        let early = try run.task("emit", shard: 0, of: 3, job: "partial", state: state, out: out)
        #expect(early.status == 75)
        #expect(early.stderr.contains("the cluster phase has not completed"), "\(early.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/articles-0.jsonl"), "an emit that may not run writes nothing")

        let other = try run.task("fingerprint", shard: 1, of: 4, job: "partial", state: state, out: out)
        #expect(other.status == 2)
        #expect(other.stderr.contains("job partial: the job has 3 shards, this task was started with 4"), "\(other.stderr)")
    }

    @Test func aDropChangedBetweenThePhasesFailsTheEmitTaskByName() throws {
        let run = ShardedJobRun(input: try Self.drop(seed: 29))
        let out = try TestPaths.temporaryDirectory().path
        let state = out + "/jobs.sqlite"
        for shard in 0..<2 { try #require(try run.task("fingerprint", shard: shard, of: 2, job: "changed", state: state, out: out).status == 0) }
        try #require(try run.task("cluster", shard: nil, of: 2, job: "changed", state: state, out: out).status == 0)

        // An edited file: the same listing, another article where the fingerprint phase read one.
        let edited = run.input + "/000001.txt"
        let text = try String(contentsOfFile: edited, encoding: .utf8)
        try text.replacingOccurrences(of: " the ", with: " a ").write(toFile: edited, atomically: true, encoding: .utf8)
        let changed = try run.task("emit", shard: 0, of: 2, job: "changed", state: state, out: out)
        #expect(changed.status == 3)
        #expect(
            changed.stderr.contains("\(edited): line ") && changed.stderr.contains("is not the one the fingerprint phase of job changed read"),
            "\(changed.stderr)")

        // A file added: another listing.
        try text.write(toFile: run.input + "/000099.txt", atomically: true, encoding: .utf8)
        let added = try run.task("emit", shard: 1, of: 2, job: "changed", state: state, out: out)
        #expect(added.status == 3)
        #expect(added.stderr.contains("this task lists another drop than the job's first task did"), "\(added.stderr)")
        #expect(
            !FileManager.default.fileExists(atPath: out + "/articles-0.jsonl") && !FileManager.default.fileExists(atPath: out + "/articles-1.jsonl"))
    }

    @Test func aShardKilledWithSIGKILLAndRunAgainGivesTheSameOutput() async throws {
        let run = ShardedJobRun(input: try Self.drop(seed: 23))
        let single = try TestPaths.temporaryDirectory().path
        try #require(try run.whole(out: single).status == 0)
        let expected = try ShardedJobRun.lines(count: 1, out: single)

        let out = try TestPaths.temporaryDirectory().path
        let state = out + "/jobs.sqlite"
        for phase in ["fingerprint", "cluster", "emit"] {
            for shard in phase == "cluster" ? [nil] : [0, 1] {
                if shard == 1 {
                    try killMidway(run, phase: phase, shard: 1, state: state, out: out)
                }
                let result = try run.task(phase, shard: shard, of: 2, job: "killed", state: state, out: out)
                try #require(result.status == 0, "\(phase) \(shard.map(String.init) ?? "-"): \(result.stderr)")
            }
        }
        #expect(try ShardedJobRun.lines(count: 2, out: out) == expected)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "temporary files of the killed task are cleaned up")
    }

    /// Starts a task and kills it with SIGKILL once it is under way (its output begun, for
    /// emit; a moment after the start otherwise), however far it got.
    private func killMidway(_ run: ShardedJobRun, phase: String, shard: Int, state: String, out: String) throws {
        let (process, _, _) = try CLIRunner.start(
            ["run", "--quiet", ShardedJobRun.pipeline, "--phase", phase, "--job", "killed", "--state", state, "--shard", "\(shard)/2"],
            environment: run.environment(out: out))
        if phase == "emit" {
            _ = RunMilestone.temporaryOutput(of: out + "/articles-\(shard).jsonl", reaches: 1, timeout: .seconds(300))
        } else {
            usleep(300_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    private static func id(_ line: String) -> String? { ShardedJobRun.field("id", line) }
    private static func duplicateOf(_ line: String) -> String? { ShardedJobRun.field("duplicate_of", line) }
}

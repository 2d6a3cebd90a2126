import BenchSupport
import Foundation
import Testing
import Yams

@testable import Copydesk

/// The Kubernetes manifests of `deploy/kubernetes` describe one sharded job, and their
/// commands, run as their pods would run them (`JOB_COMPLETION_INDEX` set per index), give the
/// result of one run. (There is no cluster here; `make validate-manifests` checks them against
/// the Kubernetes API schemas.)
@Suite("Kubernetes manifests")
struct KubernetesManifestTests {
    /// One phase's Job as the tests read it.
    struct PhaseJob {
        /// `spec.completions`.
        var completions: Int
        /// The container's arguments.
        var arguments: [String]
        /// The container's plain environment values.
        var environment: [String: String]
    }

    static let directory = TestPaths.repository.appendingPathComponent("deploy/kubernetes").path

    /// The Job in `file`, checked to be an Indexed Job retried per index.
    static func job(_ file: String) throws -> PhaseJob {
        let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
        let manifest = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(manifest["kind"] as? String == "Job", "\(file)")
        let spec = try #require(manifest["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed", "\(file)")
        #expect(spec["backoffLimitPerIndex"] is Int, "\(file)")
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(pod["restartPolicy"] as? String == "Never", "\(file)")
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let variables = (container["env"] as? [[String: Any]]) ?? []
        let environment = Dictionary(
            uniqueKeysWithValues: variables.compactMap { entry in
                (entry["name"] as? String).flatMap { name in (entry["value"] as? String).map { (name, $0) } }
            })
        return PhaseJob(
            completions: try #require(spec["completions"] as? Int), arguments: (container["args"] as? [Any] ?? []).map { "\($0)" },
            environment: environment)
    }

    /// The pipeline of the ConfigMap the pods mount.
    static func pipeline() throws -> String {
        let text = try String(contentsOfFile: directory + "/00-pipeline-configmap.yaml", encoding: .utf8)
        let manifest = try #require(try Yams.load(yaml: text) as? [String: Any])
        return try #require((manifest["data"] as? [String: Any])?["pipeline.yaml"] as? String)
    }

    static let phases = [("10-fingerprint-job.yaml", "fingerprint"), ("20-cluster-job.yaml", "cluster"), ("30-emit-job.yaml", "emit")]

    @Test func theThreeJobsRunThePhasesInOrderOnOneShardCount() throws {
        var counts: [Int] = []
        for (file, phase) in Self.phases {
            let job = try Self.job(file)
            let arguments = job.arguments
            #expect(arguments.first == "run")
            #expect(arguments.firstIndex(of: "--phase").map { arguments[$0 + 1] } == phase, "\(file)")
            let shards = try #require(arguments.firstIndex(of: "--shards").flatMap { Int(arguments[$0 + 1]) }, "\(file) passes --shards")
            counts.append(shards)
            #expect(job.completions == (phase == "cluster" ? 1 : shards), "\(file): one pod per shard, one for cluster")
            #expect(!arguments.contains("--shard"), "\(file): the pod's shard is JOB_COMPLETION_INDEX")
        }
        #expect(Set(counts).count == 1, "every phase has the same number of shards")
        let jobs = try Self.phases.map { try Self.job($0.0).arguments }.map { arguments in arguments.firstIndex(of: "--job").map { arguments[$0 + 1] }
        }
        #expect(Set(jobs).count == 1, "every phase names the same job")
    }

    @Test func theMountedPipelineLoads() throws {
        let environment = ["INPUT": "/data/in", "OUT": "/data/out", "DATABASE_URL": "postgres://copydesk@db/news?schema=copydesk"]
        _ = try PipelineLoader(environment: environment, shard: 3).load(yaml: try Self.pipeline(), file: "pipeline.yaml")
    }

    @Test(.enabled(if: CLIRunner.isAvailable), PostgresTestServer.required)
    func theirCommandsRunAsTheirPodsGiveTheSingleMachineResult() throws {
        let drop = try TestPaths.temporaryDirectory().path
        _ = try CorpusGenerator(settings: .init(articles: 360, seed: 47, exactDuplicates: 0.15, nearDuplicates: 0.2, articlesPerFile: 9)).write(
            to: drop)
        let pipeline = try TestPaths.temporaryDirectory().path + "/pipeline.yaml"
        try Self.pipeline().write(toFile: pipeline, atomically: true, encoding: .utf8)

        let single = try TestPaths.temporaryDirectory().path
        let whole = try CLIRunner.run(
            ["run", "--quiet", pipeline],
            environment: ["INPUT": drop, "OUT": single, "DATABASE_URL": try PostgresShardedRunTests.schemaURL("pods_single")])
        try #require(whole.status == 0, "\(whole.stderr)")
        let expected = try ShardedJobRun.lines(count: 1, out: single)
        #expect(expected.count > 200 && expected.count < 360, "the duplicates of the drop are dropped")

        let out = try TestPaths.temporaryDirectory().path
        let database = try PostgresShardedRunTests.schemaURL("pods")
        var shards = 0
        for (file, _) in Self.phases {
            let job = try Self.job(file)
            let arguments = job.arguments.map { $0 == "/etc/copydesk/pipeline.yaml" ? pipeline : $0 }
            shards = max(shards, job.completions)
            for index in 0..<job.completions {
                let pod = job.environment.merging([
                    "INPUT": drop, "OUT": out, "DATABASE_URL": database, "JOB_COMPLETION_INDEX": "\(index)", "TMPDIR": NSTemporaryDirectory(),
                ]) { $1 }
                let result = try CLIRunner.run(arguments + ["--quiet"], environment: pod)
                try #require(result.status == 0, "\(file), index \(index): exit \(result.status): \(result.stderr)")
            }
        }
        #expect(try ShardedJobRun.lines(count: shards, out: out) == expected)
    }
}

import ArgumentParser
import Copydesk
import Foundation

/// One sharded job of a pipeline file, run in this process task by task, as a scheduler would
/// run its tasks one after another: every `fingerprint` task, the `cluster` task, every `emit`
/// task. Each task is timed (building its runner included) and measured for peak RSS alone.
struct ShardedBenchJob {
    /// What one phase's tasks took together.
    struct PhaseFigures {
        /// Tasks run.
        var tasks = 0
        /// Articles the tasks read (for `cluster`, articles decided).
        var articles = 0
        /// Articles the tasks decided (`cluster`) or marked (`emit`) duplicates.
        var duplicates = 0
        /// Seconds of all the tasks, summed.
        var seconds = 0.0
        /// Seconds of the slowest task.
        var slowest = 0.0
        /// The largest peak RSS of a task, in MB.
        var peakResidentMegabytes = 0.0

        /// Adds one task's figures.
        mutating func add(_ counts: (articles: Int, duplicates: Int), seconds: Double, peakResidentMegabytes: Double) {
            tasks += 1
            articles += counts.articles
            duplicates += counts.duplicates
            self.seconds += seconds
            slowest = max(slowest, seconds)
            self.peakResidentMegabytes = max(self.peakResidentMegabytes, peakResidentMegabytes)
        }
    }

    /// The pipeline file.
    let pipeline: String
    /// The environment its values are expanded in (`INPUT`, `OUT`, …).
    let environment: [String: String]
    /// The job's name.
    let job: String
    /// Number of shards.
    let count: Int
    /// The SQLite state store the tasks meet in.
    let state: String

    /// The pipeline as shard `shard`'s tasks load it.
    func definition(shard: Int) throws -> PipelineDefinition {
        try PipelineLoader(environment: environment, shard: shard).load(path: pipeline)
    }

    /// Runs every task of every phase in order and returns each phase's figures.
    func runAll() async throws -> [(phase: ShardPhase, figures: PhaseFigures)] {
        var result: [(phase: ShardPhase, figures: PhaseFigures)] = []
        for phase in ShardPhase.allCases {
            var figures = PhaseFigures()
            for shard in phase == .cluster ? [0] : Array(0..<count) {
                BenchReport.resetPeakResident()
                let clock = ContinuousClock()
                let start = clock.now
                let counts = try await task(phase, shard: shard, attempt: UUID().uuidString.lowercased())
                figures.add(
                    counts, seconds: (clock.now - start).seconds, peakResidentMegabytes: BenchReport.peakResidentMegabytes())
            }
            result.append((phase, figures))
        }
        return result
    }

    /// Runs the task of `phase` for `shard` (0 for `cluster`) under the run id `attempt`, and
    /// returns the articles it read or decided and the duplicates among them (none for
    /// `fingerprint`); fails when a task quarantines a record or loses an article.
    func task(_ phase: ShardPhase, shard: Int, attempt: String) async throws -> (articles: Int, duplicates: Int) {
        let definition = try definition(shard: shard)
        let run = ShardRun(phase: phase, job: job, selection: try ShardSelection(index: shard, count: count), state: .sqlite(path: state))
        let runner = try PipelineRunner(definition: definition, context: StageContext(run: RunSettings(runID: attempt, shard: run)))
        if let cluster = runner.plan.shardCluster {
            let summary = try await cluster.run(lockWait: definition.settings.lockWait)
            return (summary.articles, summary.duplicates)
        }
        let summary = try await runner.run()
        guard summary.quarantined == 0, !summary.interrupted, phase == .fingerprint || summary.isBalanced else {
            throw ValidationError(
                "job \(job), \(phase.rawValue) shard \(shard)/\(count): \(summary.quarantined) quarantined, interrupted \(summary.interrupted), balanced \(summary.isBalanced)"
            )
        }
        return (summary.articlesRead, summary.duplicates)
    }
}

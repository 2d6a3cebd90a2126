import ArgumentParser
import Copydesk
import Foundation

/// One case of the cluster-phase benchmark: a fresh SQLite state store under `work` is filled
/// with the synthetic fingerprints of ``ClusterBenchCorpus`` through the public ``ShardStore``
/// API, as the `fingerprint` tasks of `shards` shards would leave it, then the `cluster` phase
/// of that job runs alone in this process, its scratch folder watched by a
/// ``DirectorySizeSampler``.
struct ClusterCostRun {
    /// What one case measured.
    struct Figures {
        /// Articles in the job.
        var articles: Int
        /// Articles the phase decided duplicates.
        var duplicates: Int
        /// Seconds spent in the store filling it (making the fingerprints not counted).
        var fillSeconds: Double
        /// Seconds of one pass reading every fingerprint back through the store, pages of 2,048
        /// as the phase reads them (not part of the phase; its first step on its own).
        var readSeconds: Double
        /// Seconds of the phase, building its runner included.
        var seconds: Double
        /// Peak RSS of the phase, in MB.
        var peakResidentMegabytes: Double
        /// The largest size of the scratch folder seen, in bytes.
        var scratchBytes: Int
        /// The scratch size ``DiskClusterer`` documents, plus the ids file, in bytes.
        var layoutBytes: Int
        /// The store file (and its WAL) after the fill, in bytes.
        var storeBytesFilled: Int
        /// The store file (and its WAL) after the phase recorded its decisions, in bytes.
        var storeBytesDecided: Int
    }

    /// The pipeline file whose dedupe stage decides (default dedupe settings).
    let pipeline: String
    /// Working directory; each case uses (and then deletes) a folder of its own in it.
    let work: String
    /// Shards the articles are cut into.
    let shards: Int
    /// Articles per `stageShardDocuments` call of the fill.
    var batch = 10_000

    /// Fills a store with `articles` articles and runs the cluster phase on it.
    func measure(articles: Int) async throws -> Figures {
        let directory = (work as NSString).appendingPathComponent("cluster-\(articles)")
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = (directory as NSString).appendingPathComponent("state.sqlite")
        let job = ShardedBenchJob(
            pipeline: pipeline, environment: ["INPUT": directory, "OUT": directory, "HISTORY": ""], job: "cluster-bench", count: shards,
            state: state)
        let config = DedupeConfig()
        let corpus = ClusterBenchCorpus(hashCount: config.hashCount)
        let fill = try await fill(job: job, configHash: try job.definition(shard: 0).configHash, corpus: corpus, articles: articles)
        let filled = Self.storeBytes(state)
        let read = try await readPass(job: job)

        let attempt = UUID().uuidString.lowercased()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-cluster-\(attempt)").path
        BenchReport.resetPeakResident()
        let sampler = DirectorySizeSampler(path: scratch)
        let clock = ContinuousClock()
        let start = clock.now
        let decided = try await job.task(.cluster, shard: 0, attempt: attempt)
        let seconds = (clock.now - start).seconds
        let scratchBytes = sampler.stop()
        let peak = BenchReport.peakResidentMegabytes()
        guard decided.articles == articles else {
            throw ValidationError("cluster phase on \(articles) synthetic articles decided \(decided.articles)")
        }
        let perArticle = 8 * config.hashCount + 16 * config.bands + 24
        return Figures(
            articles: articles, duplicates: decided.duplicates, fillSeconds: fill, readSeconds: read, seconds: seconds, peakResidentMegabytes: peak,
            scratchBytes: scratchBytes, layoutBytes: perArticle * articles + (0..<articles).reduce(0) { $0 + ClusterBenchCorpus.id($1).utf8.count },
            storeBytesFilled: filled, storeBytesDecided: Self.storeBytes(state))
    }

    /// Registers `job` in its store and stages every shard's fingerprints, `batch` at a time,
    /// each shard recorded complete; returns the seconds spent in the store.
    private func fill(job: ShardedBenchJob, configHash: String, corpus: ClusterBenchCorpus, articles: Int) async throws -> Double {
        let store = try SQLiteStateStore(path: job.state)
        let clock = ContinuousClock()
        var seconds = 0.0
        let attempt = "fill"
        let registered = clock.now
        _ = try await store.registerShardJob(ShardJob(id: job.job, shards: shards, configHash: configHash, listingDigest: "synthetic"))
        seconds += (clock.now - registered).seconds
        for shard in 0..<shards {
            let numbers = (articles * shard / shards)..<(articles * (shard + 1) / shards)
            for first in stride(from: numbers.lowerBound, to: numbers.upperBound, by: batch) {
                let documents = (first..<min(first + batch, numbers.upperBound)).map { corpus.document($0, ordinal: $0 - numbers.lowerBound) }
                let staged = clock.now
                try await store.stageShardDocuments(documents, job: job.job, shard: shard, attempt: attempt)
                seconds += (clock.now - staged).seconds
            }
            let completed = clock.now
            try await store.completeShardPhase(.fingerprint, job: job.job, shard: shard, attempt: attempt, documents: numbers.count)
            seconds += (clock.now - completed).seconds
        }
        return seconds
    }

    /// Reads every shard's fingerprints back in pages of 2,048, as the phase does, and returns
    /// the seconds it took; fails when a shard's pages do not hold its recorded articles.
    private func readPass(job: ShardedBenchJob) async throws -> Double {
        let store = try SQLiteStateStore(path: job.state)
        let clock = ContinuousClock()
        let start = clock.now
        for shard in try await store.shardCompletions(job: job.job, phase: .fingerprint) {
            var next = 0
            while next < shard.documents {
                let page = try await store.shardDocuments(job: job.job, shard: shard.shard, attempt: shard.attempt, from: next, limit: 2_048)
                guard let last = page.last else { throw ValidationError("shard \(shard.shard): fingerprints stop at \(next)") }
                next = last.ordinal + 1
            }
        }
        return (clock.now - start).seconds
    }

    /// The bytes of the SQLite file at `path` and its WAL.
    private static func storeBytes(_ path: String) -> Int {
        ["", "-wal"].reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: path + $1)[.size] as? Int) ?? 0) }
    }
}

import Foundation
import Logging

/// The `cluster` phase of a sharded run: one task that reads every shard's fingerprints from
/// the job's store, matches them against the dedupe history and against each other
/// (``DiskClusterer``), records one ``ShardDecision`` per article, and adds the survivors to
/// the history, so the job decides exactly as one run over the whole drop would.
///
/// The phase refuses to start while a shard's `fingerprint` phase has not completed
/// (``ShardsNotReady``, naming the shards). It holds the history's lock for its length, as a
/// run does. The decisions become the job's in the transaction that records the phase
/// complete; the survivors are then committed to the history. A rerun after the phase
/// completed decides nothing again (the history now holds the job's survivors, so deciding
/// again could decide differently): it commits to the history what it still lacks of them.
public struct ShardClusterRun: Sendable {
    /// What the phase did.
    public struct Summary: Sendable, Equatable {
        /// Articles of every shard.
        public var articles: Int
        /// Articles decided duplicates.
        public var duplicates: Int
        /// Whether this run decided them (`false` when an earlier attempt had).
        public var decided: Bool
        /// Wall time.
        public var elapsed: Duration

        /// One line for the terminal.
        public var report: String {
            let verb = decided ? "decided" : "kept the earlier attempt's decisions for"
            return
                "cluster: \(verb) \(articles) articles, \(duplicates) duplicates, in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))"
        }
    }

    private let dedupe: DedupeStage
    private let job: ShardJobAccess
    private let logger: Logger
    private let pageSize = 2_048

    /// The phase for the pipeline's dedupe stage, through `job`.
    init(dedupe: DedupeStage, job: ShardJobAccess, logger: Logger) {
        self.dedupe = dedupe
        self.job = job
        self.logger = logger
    }

    /// Runs the phase, waiting up to `lockWait` for the history's lock.
    public func run(lockWait: Duration) async throws -> Summary {
        let clock = ContinuousClock()
        let start = clock.now
        let store = try await job.store()
        let shards = try await store.shardCompletions(job: job.id, phase: .fingerprint)
        var lock: (any StateStoreLock)?
        defer { lock?.release() }
        var history: HistoryMatcher?
        if let location = dedupe.historyLocation {
            lock = try await location.acquireLock(wait: lockWait)
            if let historyStore = try await dedupe.stores.history(at: location) {
                let matcher = HistoryMatcher(store: historyStore, storeName: location.displayName, config: dedupe.config)
                try await matcher.prepare(run: job.attempt)
                history = matcher
            }
        }
        var decision = try await store.shardCompletions(job: job.id, phase: .cluster).first
        let decided = decision == nil
        if decision == nil {
            try await decide(shards: shards, store: store, history: dedupe.rebuildHistory ? nil : history)
            decision = ShardCompletion(shard: ShardPhase.wholeJob, attempt: job.attempt, documents: shards.reduce(0) { $0 + $1.documents })
        }
        guard let decision else { preconditionFailure("the cluster phase completed without a decision") }
        let duplicates = try await commitSurvivors(shards: shards, decisions: decision.attempt, store: store, history: history)
        return Summary(articles: decision.documents, duplicates: duplicates, decided: decided, elapsed: clock.now - start)
    }

    /// Reads every shard's fingerprints in input order, decides, records the decisions under
    /// this attempt and the phase complete.
    private func decide(shards: [ShardCompletion], store: any ShardStore, history: HistoryMatcher?) async throws {
        let total = shards.reduce(0) { $0 + $1.documents }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("copydesk-cluster-\(job.attempt)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var clusterer = try DiskClusterer(config: dedupe.config, streaming: dedupe.streaming, expectedDocuments: total, directory: directory)
        for shard in shards {
            var next = 0
            while next < shard.documents {
                let page = try await store.shardDocuments(job: job.id, shard: shard.shard, attempt: shard.attempt, from: next, limit: pageSize)
                guard let last = page.last, page.first?.ordinal == next, last.ordinal == next + page.count - 1 else {
                    throw InputError(
                        path: job.storeName,
                        message:
                            "job \(job.id): shard \(shard.shard) recorded \(shard.documents) articles but its fingerprints stop or skip at \(next)")
                }
                let matches =
                    try await history?.matches(page.map { (id: $0.articleID, fingerprint: $0.fingerprint) })
                    ?? [IndexMatch?](repeating: nil, count: page.count)
                for (document, match) in zip(page, matches) { try clusterer.add(document, historyMatch: match) }
                next = last.ordinal + 1
            }
        }
        logger.info("cluster: \(total) articles of \(shards.count) shards read; deciding")
        try clusterer.decide()
        var index = 0
        for shard in shards {
            var batch: [ShardDecision] = []
            for ordinal in 0..<shard.documents {
                let verdict = try clusterer.verdict(of: index)
                batch.append(
                    ShardDecision(
                        shard: shard.shard, ordinal: ordinal, articleID: try clusterer.id(of: index), duplicateOf: verdict?.key,
                        similarity: verdict?.similarity))
                index += 1
                if batch.count == pageSize {
                    try await store.stageShardDecisions(batch, job: job.id, attempt: job.attempt)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try await store.stageShardDecisions(batch, job: job.id, attempt: job.attempt)
        }
        try await store.completeShardPhase(.cluster, job: job.id, shard: ShardPhase.wholeJob, attempt: job.attempt, documents: total)
    }

    /// Adds the survivors the decisions of `attempt` name to the history, in input order, and
    /// commits it; returns how many articles were decided duplicates.
    private func commitSurvivors(shards: [ShardCompletion], decisions attempt: String, store: any ShardStore, history: HistoryMatcher?) async throws
        -> Int
    {
        var duplicates = 0
        for shard in shards {
            var next = 0
            while next < shard.documents {
                let decisions = try await store.shardDecisions(job: job.id, shard: shard.shard, attempt: attempt, from: next, limit: pageSize)
                guard let last = decisions.last else { break }
                duplicates += decisions.filter { $0.duplicateOf != nil }.count
                if let history {
                    let documents = try await store.shardDocuments(
                        job: job.id, shard: shard.shard, attempt: shard.attempt, from: next, limit: decisions.count)
                    let survivors = Set(decisions.filter { $0.duplicateOf == nil }.map(\.ordinal))
                    let records = documents.filter { survivors.contains($0.ordinal) }.map {
                        history.record(articleID: $0.articleID, date: $0.date, fingerprint: $0.fingerprint)
                    }
                    try await history.store.stage(records, run: job.attempt, skippingKnown: !dedupe.rebuildHistory)
                }
                next = last.ordinal + 1
            }
        }
        try await history?.store.commitHistory(run: job.attempt, replacingAll: dedupe.rebuildHistory)
        return duplicates
    }
}

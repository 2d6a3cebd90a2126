/// Where the tasks of a sharded run meet: a state store (``SQLiteStateStore`` on one machine
/// or a shared file system, ``PostgresStateStore`` across machines) keeps each job's shard
/// count and listing, every shard's fingerprints, the decisions of the `cluster` phase and the
/// completion of every phase of every shard.
///
/// Everything a task writes is tagged with its attempt (the run id) and becomes the shard's
/// data only when ``completeShardPhase(_:job:shard:attempt:documents:)`` records the attempt
/// in the same transaction that deletes the data of earlier attempts. A task killed half way
/// leaves rows no reader looks at, and its rerun (a Slurm requeue, a replaced pod) redoes the
/// shard from the start.
public protocol ShardStore: Sendable {
    /// Records `job` when the store does not know it, and returns the job as recorded (the
    /// caller compares it with its own, so a shard of another drop or pipeline is refused).
    func registerShardJob(_ job: ShardJob) async throws -> ShardJob
    /// The job `id` as recorded, or `nil` when no task of it registered yet.
    func registeredShardJob(_ id: String) async throws -> ShardJob?
    /// Adds fingerprints of `shard`, written by `attempt`.
    func stageShardDocuments(_ documents: [ShardDocument], job: String, shard: Int, attempt: String) async throws
    /// Every fingerprint of `shard` written by `attempt` with an ordinal from `ordinal` on,
    /// at most `limit`, by ordinal.
    func shardDocuments(job: String, shard: Int, attempt: String, from ordinal: Int, limit: Int) async throws -> [ShardDocument]
    /// Adds decisions of the `cluster` phase written by `attempt`, each for the article
    /// `ordinal` of its shard.
    func stageShardDecisions(_ decisions: [ShardDecision], job: String, attempt: String) async throws
    /// The decisions for `shard` written by `attempt` with an ordinal from `ordinal` on, at
    /// most `limit`, by ordinal.
    func shardDecisions(job: String, shard: Int, attempt: String, from ordinal: Int, limit: Int) async throws -> [ShardDecision]
    /// Records that `attempt` completed `phase` for `shard` (``ShardPhase/wholeJob`` for
    /// `cluster`), with `documents` articles, and deletes what other attempts of the same
    /// phase and shard wrote, in one transaction.
    func completeShardPhase(_ phase: ShardPhase, job: String, shard: Int, attempt: String, documents: Int) async throws
    /// The completed runs of `phase` in `job`, by shard.
    func shardCompletions(job: String, phase: ShardPhase) async throws -> [ShardCompletion]
    /// Deletes what `attempt` wrote that no completion records (a failed task cleaning up).
    func discardShardAttempt(job: String, attempt: String) async throws
}

/// A sharded run as its tasks agree on it.
public struct ShardJob: Sendable, Equatable {
    /// The job's name (`--job`), the same for every task of every phase.
    public var id: String
    /// Number of shards.
    public var shards: Int
    /// ``PipelineDefinition/configHash`` of the pipeline file.
    public var configHash: String
    /// SHA-256 of the drop's whole sorted listing (paths and sizes), so every shard cuts the
    /// same drop.
    public var listingDigest: String

    /// Creates a job description.
    public init(id: String, shards: Int, configHash: String, listingDigest: String) {
        self.id = id
        self.shards = shards
        self.configHash = configHash
        self.listingDigest = listingDigest
    }
}

/// One article as the `fingerprint` phase records it: what the `cluster` phase needs to decide
/// on it, and no text.
public struct ShardDocument: Sendable, Equatable {
    /// Position of the article among those of its shard that reached dedupe, from 0.
    public var ordinal: Int
    /// The article's id.
    public var articleID: String
    /// Its ISO date, stored with it in the history.
    public var date: String?
    /// Its place under the survivor policy (``SurvivorPolicy/rank(of:)``): lower is kept.
    public var rank: Int64
    /// Its fingerprint.
    public var fingerprint: DocumentFingerprint

    /// Creates a document.
    public init(ordinal: Int, articleID: String, date: String?, rank: Int64, fingerprint: DocumentFingerprint) {
        self.ordinal = ordinal
        self.articleID = articleID
        self.date = date
        self.rank = rank
        self.fingerprint = fingerprint
    }
}

/// What the `cluster` phase decided for one article.
public struct ShardDecision: Sendable, Equatable {
    /// The article's shard.
    public var shard: Int
    /// Its ordinal in the shard (``ShardDocument/ordinal``).
    public var ordinal: Int
    /// Its id, checked by the `emit` phase against the article it reads again.
    public var articleID: String
    /// The id of the article it duplicates (in the job or in the history); `nil` for a survivor.
    public var duplicateOf: String?
    /// The similarity to that article; `nil` for a survivor.
    public var similarity: Double?

    /// Creates a decision.
    public init(shard: Int, ordinal: Int, articleID: String, duplicateOf: String? = nil, similarity: Double? = nil) {
        self.shard = shard
        self.ordinal = ordinal
        self.articleID = articleID
        self.duplicateOf = duplicateOf
        self.similarity = similarity
    }
}

/// A phase one shard completed.
public struct ShardCompletion: Sendable, Equatable {
    /// The shard (``ShardPhase/wholeJob`` for `cluster`).
    public var shard: Int
    /// The run that completed it.
    public var attempt: String
    /// Number of articles it recorded.
    public var documents: Int

    /// Creates a completion.
    public init(shard: Int, attempt: String, documents: Int) {
        self.shard = shard
        self.attempt = attempt
        self.documents = documents
    }
}

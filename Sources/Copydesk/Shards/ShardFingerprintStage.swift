/// Stands in for dedupe, and for every stage after it, in the `fingerprint` phase of a sharded
/// run: records each article's fingerprint, id, date and survivor rank in the job's
/// ``ShardStore`` and passes nothing on.
///
/// Fingerprints are computed on the stateless workers ahead of the stage, by the dedupe
/// stage's own ``Fingerprinter``, so the `cluster` phase decides on the very values a
/// single-machine run would. What the stage writes is tagged with the run's id and becomes
/// the shard's only when ``commit()`` records the phase complete, which also deletes what
/// earlier attempts of the shard wrote.
actor ShardFingerprintStage: TransformStage {
    static let typeName = "dedupe"
    static let summary = "Records fingerprints for the cluster phase of a sharded run."
    static let isStateless = false
    static let hasPreparation = true

    private let dedupe: DedupeStage
    private let job: ShardJobAccess
    private var ordinal = 0

    /// Records fingerprints made as `dedupe` makes them, through `job`.
    init(dedupe: DedupeStage, job: ShardJobAccess) {
        self.dedupe = dedupe
        self.job = job
    }

    /// Only a sharded run's plan builds this stage, from the pipeline's dedupe stage.
    init(options: NoOptions, context: StageContext) throws {
        throw context.invalid(\NoOptions.self, "the fingerprint stage is made by a sharded run from the pipeline's dedupe stage")
    }

    nonisolated func prepare(_ articles: [Article]) async throws -> (any Sendable)? {
        try await dedupe.prepare(articles)
    }

    func process(_ articles: [Article]) async throws -> TransformOutput {
        try await process(articles, prepared: nil)
    }

    func process(_ articles: [Article], prepared: (any Sendable)?) async throws -> TransformOutput {
        let fingerprints: [DocumentFingerprint]
        if let prepared = prepared as? [DocumentFingerprint], prepared.count == articles.count {
            fingerprints = prepared
        } else {
            fingerprints = articles.map { dedupe.fingerprinter.fingerprint(title: $0.title, body: $0.text) }
        }
        let policy = dedupe.config.survivorPolicy
        let documents = zip(articles, fingerprints).enumerated().map { offset, pair in
            let (article, fingerprint) = pair
            let document = DedupeDocument(
                key: article.id, date: article.date, section: article.section, sourcePath: article.source.path,
                bodyLength: ScalarOffsets.count(article.text), fingerprint: fingerprint)
            return ShardDocument(
                ordinal: ordinal + offset, articleID: article.id, date: article.date, rank: policy.rank(of: document), fingerprint: fingerprint)
        }
        ordinal += documents.count
        try await job.store().stageShardDocuments(documents, job: job.id, shard: job.shard, attempt: job.attempt)
        return TransformOutput(articles: [], duplicates: 0, filtered: 0)
    }

    /// Records the shard's `fingerprint` phase complete with its article count.
    func commit() async throws {
        try await job.store().completeShardPhase(.fingerprint, job: job.id, shard: job.shard, attempt: job.attempt, documents: ordinal)
    }

    /// Deletes what this attempt wrote.
    func discard() async {
        try? await job.store().discardShardAttempt(job: job.id, attempt: job.attempt)
    }
}

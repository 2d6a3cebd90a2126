/// Stands in for dedupe in the `emit` phase of a sharded run: applies to each article the
/// decision the `cluster` phase recorded for it (survivor, or duplicate of which article, with
/// which similarity), by the pipeline's `duplicates` option, exactly as the dedupe stage of a
/// single-machine run would have.
///
/// Articles arrive in the order the `fingerprint` phase read them; the stage reads the
/// decisions in pages in the same order and checks each one names the article it is applied
/// to, so a file changed since the job started fails the task by name instead of marking the
/// wrong articles.
actor ShardDecisionStage: TransformStage {
    static let typeName = "dedupe"
    static let summary = "Applies the cluster phase's decisions in a sharded run."
    static let isStateless = false

    private let marking: DuplicateMarking
    private let job: ShardJobAccess
    private let pageSize = 4_096
    private var attempt: String?
    private var page: [ShardDecision] = []
    private var pageIndex = 0
    private var nextOrdinal = 0
    private var applied = 0

    /// Applies decisions read through `job` with `marking`.
    init(marking: DuplicateMarking, job: ShardJobAccess) {
        self.marking = marking
        self.job = job
    }

    /// Only a sharded run's plan builds this stage, from the pipeline's dedupe stage.
    init(options: NoOptions, context: StageContext) throws {
        throw context.invalid(\NoOptions.self, "the decision stage is made by a sharded run from the pipeline's dedupe stage")
    }

    func process(_ articles: [Article]) async throws -> TransformOutput {
        var output = TransformOutput(articles: [])
        for article in articles {
            guard let decision = try await nextDecision() else {
                throw InputError(
                    path: article.source.path,
                    message:
                        "line \(article.source.line): shard \(job.shard) has more articles than the fingerprint phase of job \(job.id) read (\(applied)); the drop changed since the job started"
                )
            }
            guard decision.articleID == article.id else {
                throw InputError(
                    path: article.source.path,
                    message:
                        "line \(article.source.line): article \(article.id) is not the one the fingerprint phase of job \(job.id) read at this place (\(decision.articleID)); the file changed since the job started"
                )
            }
            applied += 1
            let verdict = decision.duplicateOf.map { (key: $0, similarity: decision.similarity ?? 1) }
            marking.apply(verdict, to: article, output: &output)
        }
        return output
    }

    /// Fails when the fingerprint phase read articles this run did not.
    func drain(into emit: @Sendable (TransformOutput) async throws -> Void) async throws {
        if let left = try await nextDecision() {
            throw InputError(
                path: job.storeName,
                message:
                    "job \(job.id): shard \(job.shard) has \(applied) articles, the fingerprint phase read more (the next was \(left.articleID)); the drop changed since the job started"
            )
        }
    }

    /// Records the shard's `emit` phase complete, once every output committed.
    func commit() async throws {
        try await job.store().completeShardPhase(.emit, job: job.id, shard: job.shard, attempt: job.attempt, documents: applied)
    }

    /// The decision for the next article, reading the next page when this one is used up.
    private func nextDecision() async throws -> ShardDecision? {
        if pageIndex == page.count {
            let store = try await job.store()
            if attempt == nil {
                attempt = try await store.shardCompletions(job: job.id, phase: .cluster).first?.attempt
            }
            guard let attempt else { throw ShardsNotReady(job: job.id, phase: .cluster, missing: []) }
            page = try await store.shardDecisions(job: job.id, shard: job.shard, attempt: attempt, from: nextOrdinal, limit: pageSize)
            pageIndex = 0
            guard !page.isEmpty else { return nil }
        }
        let decision = page[pageIndex]
        pageIndex += 1
        nextOrdinal = decision.ordinal + 1
        return decision
    }
}

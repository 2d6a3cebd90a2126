import Foundation
import Testing

@testable import Copydesk

@Suite("PostgreSQL state store: shards", PostgresTestServer.required)
struct PostgresShardStoreTests {
    /// A new store in a schema of its own.
    func store() throws -> PostgresStateStore {
        try PostgresStateStore(url: try PostgresTestServer.freshSchema("shards"))
    }

    @Test func documentsAndDecisionsRoundTripExactly() async throws {
        try await ShardStoreContract.documentsAndDecisionsRoundTripExactly(try store())
    }

    @Test func pagesComeByOrdinalAndRestagingReplaces() async throws {
        try await ShardStoreContract.pagesComeByOrdinalAndRestagingReplaces(try store())
    }

    @Test func aCompletionDeletesWhatOtherAttemptsWroteForItsPhase() async throws {
        try await ShardStoreContract.aCompletionDeletesWhatOtherAttemptsWroteForItsPhase(try store())
    }

    @Test func aSecondCompletionByAnotherAttemptReplacesTheFirst() async throws {
        try await ShardStoreContract.aSecondCompletionByAnotherAttemptReplacesTheFirst(try store())
    }

    @Test func registeringAJobReturnsTheFirstRegistration() async throws {
        try await ShardStoreContract.registeringAJobReturnsTheFirstRegistration(try store())
    }

    @Test func discardingAnAttemptKeepsOnlyWhatACompletionRecords() async throws {
        try await ShardStoreContract.discardingAnAttemptKeepsOnlyWhatACompletionRecords(try store())
    }

    @Test func completionsComePerPhaseByShard() async throws {
        try await ShardStoreContract.completionsComePerPhaseByShard(try store())
    }

    @Test func aShardsTasksNeverWaitForAnotherShardsOpenTransaction() async throws {
        let url = try PostgresTestServer.freshSchema("shards")
        let job = ShardJob(id: ShardStoreContract.job, shards: 2, configHash: "hash", listingDigest: "digest")
        let setup = try PostgresStateStore(url: url)
        _ = try await setup.registerShardJob(job)
        try await setup.stageShardDocuments([ShardStoreContract.document(0)], job: job.id, shard: 0, attempt: "first")
        try await setup.completeShardPhase(.fingerprint, job: job.id, shard: 0, attempt: "first", documents: 1)
        // Shard 0's rerun half way through its transaction: its rows locked, one inserted.
        let busy = try PostgresConnection(url: url)
        try busy.execute("BEGIN")
        try busy.query("SELECT 1 FROM shard_phases WHERE job = $1 AND shard = 0 FOR UPDATE", [job.id])
        try busy.query("SELECT 1 FROM shard_documents WHERE job = $1 AND shard = 0 FOR UPDATE", [job.id])
        try busy.query(
            """
            INSERT INTO shard_documents (job, shard, attempt, ordinal, article_id, rank, exact_key, signature)
            VALUES ($1, 0, 'rerun', 0, 'a0', 0, '\\x00', '\\x')
            """, [job.id])
        // A lock wait on shard 1's side fails at once instead of waiting for shard 0.
        let other = try PostgresStateStore(url: try PostgresURL(url.text + "&options=-c%20lock_timeout%3D1000"))
        #expect(try await other.registerShardJob(job) == job)
        try await other.stageShardDocuments([ShardStoreContract.document(0, "other")], job: job.id, shard: 1, attempt: "other")
        try await other.completeShardPhase(.fingerprint, job: job.id, shard: 1, attempt: "other", documents: 1)
        try await other.stageShardDocuments([ShardStoreContract.document(1, "other")], job: job.id, shard: 1, attempt: "dead")
        try await other.discardShardAttempt(job: job.id, attempt: "dead")
        #expect(try await other.shardCompletions(job: job.id, phase: .fingerprint).map(\.attempt) == ["first", "other"])
        await #expect(throws: PostgresError.self, "shard 0's own rows are locked") {
            try await other.completeShardPhase(.fingerprint, job: job.id, shard: 0, attempt: "third", documents: 0)
        }
        try busy.execute("COMMIT")
        #expect(try await other.shardDocuments(job: job.id, shard: 0, attempt: "rerun", from: 0, limit: 10).count == 1)
    }
}

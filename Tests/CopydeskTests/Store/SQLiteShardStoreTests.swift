import Foundation
import Testing

@testable import Copydesk

@Suite("SQLite state store: shards")
struct SQLiteShardStoreTests {
    /// A new store in a directory of its own.
    func store() throws -> SQLiteStateStore {
        try SQLiteStateStore(path: try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path)
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

    @Test func twoStoresOnOneFileStageAndCompleteTheirShardsAtOnce() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let stores = [try SQLiteStateStore(path: path), try SQLiteStateStore(path: path)]
        let job = ShardJob(id: ShardStoreContract.job, shards: 2, configHash: "hash", listingDigest: "digest")
        let batches = 40
        let batchSize = 25
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (shard, store) in stores.enumerated() {
                group.addTask {
                    #expect(try await store.registerShardJob(job) == job)
                    for batch in 0..<batches {
                        let documents = (0..<batchSize).map { ShardStoreContract.document(batch * batchSize + $0, "shard \(shard)") }
                        try await store.stageShardDocuments(documents, job: job.id, shard: shard, attempt: "run \(shard)")
                    }
                    try await store.completeShardPhase(
                        .fingerprint, job: job.id, shard: shard, attempt: "run \(shard)", documents: batches * batchSize)
                }
            }
            try await group.waitForAll()
        }
        let reader = try SQLiteStateStore(path: path)
        #expect(
            try await reader.shardCompletions(job: job.id, phase: .fingerprint) == [
                ShardCompletion(shard: 0, attempt: "run 0", documents: batches * batchSize),
                ShardCompletion(shard: 1, attempt: "run 1", documents: batches * batchSize),
            ])
        for shard in 0..<2 {
            let documents = try await reader.shardDocuments(
                job: job.id, shard: shard, attempt: "run \(shard)", from: 0, limit: batches * batchSize + 1)
            #expect(documents == (0..<batches * batchSize).map { ShardStoreContract.document($0, "shard \(shard)") })
        }
    }
}

import Testing

@testable import Copydesk

/// What every ``ShardStore`` backend must do, written once and run by each backend's suite on a
/// new, empty store of its own.
enum ShardStoreContract {
    /// The job every contract test works in.
    static let job = "job-1"

    /// Documents whose every field takes an edge value: keys and signature values above
    /// `Int64.max`, an empty signature (``MinHasher/emptyValue``) and one of no values, the
    /// extreme ranks, no date, ids stored as bytes or text.
    static let edgeDocuments: [ShardDocument] = [
        ShardDocument(
            ordinal: 0, articleID: "00c0ffee12345678", date: "2024-02-29", rank: .max,
            fingerprint: DocumentFingerprint(
                exactKey: ContentKey(high: .max, low: 1 << 63), signature: [.max, 0, 1 << 63, 0x0123_4567_89AB_CDEF, UInt64(Int64.max)])),
        ShardDocument(
            ordinal: 1, articleID: "Wire \"7\"\\\tü", date: nil, rank: .min,
            fingerprint: DocumentFingerprint(exactKey: ContentKey(high: 0, low: 0), signature: Array(repeating: MinHasher.emptyValue, count: 4))),
        ShardDocument(
            ordinal: 2, articleID: "ABCDEF", date: "", rank: -1,
            fingerprint: DocumentFingerprint(exactKey: ContentKey(high: 0x8000_0000_0000_0001, low: .max), signature: [])),
        ShardDocument(
            ordinal: 3, articleID: "", date: "NULL", rank: 0,
            fingerprint: DocumentFingerprint(exactKey: ContentKey(high: 1, low: 0xFFFF_FFFF_0000_0000), signature: [1])),
    ]

    /// Decisions with no duplicate and with similarities whose shortest exact text has up to
    /// 17 digits.
    static let edgeDecisions: [ShardDecision] = [
        ShardDecision(shard: 0, ordinal: 0, articleID: "00c0ffee12345678"),
        ShardDecision(shard: 0, ordinal: 1, articleID: "Wire \"7\"\\\tü", duplicateOf: "00c0ffee12345678", similarity: 0.123_456_789_012_3),
        ShardDecision(shard: 0, ordinal: 2, articleID: "ABCDEF", duplicateOf: "Wire \"7\"\\\tü", similarity: 1.0 / 3.0),
        ShardDecision(shard: 0, ordinal: 3, articleID: "", duplicateOf: "NULL", similarity: 0.1 + 0.2),
        ShardDecision(shard: 0, ordinal: 4, articleID: "a4", duplicateOf: "", similarity: 1.0.nextDown),
        ShardDecision(shard: 0, ordinal: 5, articleID: "a5", duplicateOf: "ABCDEF", similarity: 1),
        ShardDecision(shard: 0, ordinal: 6, articleID: "a6", duplicateOf: "a5", similarity: 0),
        ShardDecision(shard: 0, ordinal: 7, articleID: "a7", duplicateOf: "a5", similarity: 1e-17),
    ]

    /// A plain document of `ordinal`, its values derived from `tag` so different stagings differ.
    static func document(_ ordinal: Int, _ tag: String = "") -> ShardDocument {
        ShardDocument(
            ordinal: ordinal, articleID: "a\(ordinal)\(tag)", date: "2024-01-01", rank: Int64(ordinal),
            fingerprint: DocumentFingerprint(
                exactKey: ContentKey(high: UInt64(ordinal), low: UInt64(tag.utf8.count)), signature: [UInt64(ordinal), 7]))
    }

    /// A survivor decision for the article `ordinal` of `shard`.
    static func decision(_ shard: Int, _ ordinal: Int, _ tag: String = "") -> ShardDecision {
        ShardDecision(shard: shard, ordinal: ordinal, articleID: "a\(shard).\(ordinal)\(tag)")
    }

    /// Every document `attempt` staged for `shard`.
    static func documents(_ store: any ShardStore, shard: Int, attempt: String) async throws -> [ShardDocument] {
        try await store.shardDocuments(job: job, shard: shard, attempt: attempt, from: 0, limit: 1000)
    }

    /// Every decision `attempt` made for `shard`.
    static func decisions(_ store: any ShardStore, shard: Int, attempt: String) async throws -> [ShardDecision] {
        try await store.shardDecisions(job: job, shard: shard, attempt: attempt, from: 0, limit: 1000)
    }

    /// Documents and decisions come back exactly as staged, every edge value included.
    static func documentsAndDecisionsRoundTripExactly(_ store: any ShardStore) async throws {
        try await store.stageShardDocuments(edgeDocuments, job: job, shard: 0, attempt: "a1")
        try await store.stageShardDecisions(edgeDecisions, job: job, attempt: "a1")
        #expect(try await documents(store, shard: 0, attempt: "a1") == edgeDocuments)
        let decided = try await decisions(store, shard: 0, attempt: "a1")
        #expect(decided == edgeDecisions)
        #expect(decided.map { $0.similarity?.bitPattern } == edgeDecisions.map { $0.similarity?.bitPattern })
    }

    /// Pages come by ordinal from the given one, at most `limit` long, of the asked shard and
    /// attempt only; staging an ordinal again replaces it.
    static func pagesComeByOrdinalAndRestagingReplaces(_ store: any ShardStore) async throws {
        try await store.stageShardDocuments([7, 3, 9, 0, 5].map { document($0) }, job: job, shard: 1, attempt: "a1")
        try await store.stageShardDocuments([8, 1, 6, 2, 4].map { document($0) }, job: job, shard: 1, attempt: "a1")
        try await store.stageShardDocuments([document(0, "other shard")], job: job, shard: 2, attempt: "a1")
        try await store.stageShardDocuments([document(0, "other attempt")], job: job, shard: 1, attempt: "a2")
        for (start, expected) in [(0, [0, 1, 2, 3]), (4, [4, 5, 6, 7]), (8, [8, 9]), (10, []), (3, [3, 4, 5, 6])] {
            let page = try await store.shardDocuments(job: job, shard: 1, attempt: "a1", from: start, limit: 4)
            #expect(page == expected.map { document($0) }, "from \(start)")
        }
        try await store.stageShardDocuments([document(2, "again"), document(3, "first"), document(3, "again")], job: job, shard: 1, attempt: "a1")
        #expect(try await store.shardDocuments(job: job, shard: 1, attempt: "a1", from: 2, limit: 2) == [document(2, "again"), document(3, "again")])
        #expect(try await store.shardDocuments(job: "job-2", shard: 1, attempt: "a1", from: 0, limit: 4) == [])

        try await store.stageShardDecisions([5, 1, 3].map { decision(1, $0) } + [decision(2, 0)], job: job, attempt: "c1")
        try await store.stageShardDecisions([4, 0, 2].map { decision(1, $0) }, job: job, attempt: "c1")
        try await store.stageShardDecisions([decision(1, 0, "other attempt")], job: job, attempt: "c2")
        #expect(try await store.shardDecisions(job: job, shard: 1, attempt: "c1", from: 1, limit: 3) == [1, 2, 3].map { decision(1, $0) })
        #expect(try await store.shardDecisions(job: job, shard: 1, attempt: "c1", from: 4, limit: 3) == [4, 5].map { decision(1, $0) })
        #expect(try await decisions(store, shard: 2, attempt: "c1") == [decision(2, 0)])
        try await store.stageShardDecisions([decision(1, 1, "first"), decision(1, 1, "again")], job: job, attempt: "c1")
        #expect(try await store.shardDecisions(job: job, shard: 1, attempt: "c1", from: 1, limit: 1) == [decision(1, 1, "again")])
    }

    /// Completing a phase deletes what other attempts wrote for it (the shard's documents for
    /// `fingerprint`, the job's decisions for `cluster`, nothing for `emit`) and nothing else.
    static func aCompletionDeletesWhatOtherAttemptsWroteForItsPhase(_ store: any ShardStore) async throws {
        try await store.stageShardDocuments([document(0, "dead")], job: job, shard: 0, attempt: "dead")
        try await store.stageShardDocuments([document(0, "dead")], job: job, shard: 1, attempt: "dead")
        try await store.stageShardDocuments([document(0), document(1)], job: job, shard: 0, attempt: "a1")
        try await store.stageShardDecisions([decision(0, 0, "dead"), decision(1, 0, "dead")], job: job, attempt: "dead")
        try await store.stageShardDecisions([decision(0, 0), decision(1, 0)], job: job, attempt: "c1")

        try await store.completeShardPhase(.fingerprint, job: job, shard: 0, attempt: "a1", documents: 2)
        #expect(try await documents(store, shard: 0, attempt: "dead") == [])
        #expect(try await documents(store, shard: 0, attempt: "a1") == [document(0), document(1)])
        #expect(try await documents(store, shard: 1, attempt: "dead") == [document(0, "dead")], "another shard keeps its attempts")
        #expect(try await decisions(store, shard: 0, attempt: "dead") == [decision(0, 0, "dead")])

        try await store.completeShardPhase(.emit, job: job, shard: 1, attempt: "e1", documents: 1)
        #expect(try await documents(store, shard: 1, attempt: "dead") == [document(0, "dead")])
        #expect(try await decisions(store, shard: 1, attempt: "dead") == [decision(1, 0, "dead")])

        try await store.completeShardPhase(.cluster, job: job, shard: ShardPhase.wholeJob, attempt: "c1", documents: 2)
        #expect(try await decisions(store, shard: 0, attempt: "dead") == [])
        #expect(try await decisions(store, shard: 1, attempt: "dead") == [])
        #expect(try await decisions(store, shard: 0, attempt: "c1") == [decision(0, 0)])
        #expect(try await decisions(store, shard: 1, attempt: "c1") == [decision(1, 0)])
        #expect(try await documents(store, shard: 0, attempt: "a1") == [document(0), document(1)])
    }

    /// A second completion of a phase by another attempt (a requeued task) takes the place of
    /// the first, and the first attempt's data goes.
    static func aSecondCompletionByAnotherAttemptReplacesTheFirst(_ store: any ShardStore) async throws {
        try await store.stageShardDocuments([document(0, "first"), document(1, "first")], job: job, shard: 0, attempt: "a1")
        try await store.completeShardPhase(.fingerprint, job: job, shard: 0, attempt: "a1", documents: 2)
        try await store.stageShardDocuments([document(0, "second")], job: job, shard: 0, attempt: "a2")
        #expect(try await documents(store, shard: 0, attempt: "a1").count == 2, "the first attempt's data stays until the second completes")
        try await store.completeShardPhase(.fingerprint, job: job, shard: 0, attempt: "a2", documents: 1)
        #expect(try await store.shardCompletions(job: job, phase: .fingerprint) == [ShardCompletion(shard: 0, attempt: "a2", documents: 1)])
        #expect(try await documents(store, shard: 0, attempt: "a1") == [])
        #expect(try await documents(store, shard: 0, attempt: "a2") == [document(0, "second")])

        try await store.stageShardDecisions([decision(0, 0, "first")], job: job, attempt: "c1")
        try await store.completeShardPhase(.cluster, job: job, shard: ShardPhase.wholeJob, attempt: "c1", documents: 1)
        try await store.stageShardDecisions([decision(0, 0, "second")], job: job, attempt: "c2")
        try await store.completeShardPhase(.cluster, job: job, shard: ShardPhase.wholeJob, attempt: "c2", documents: 1)
        #expect(
            try await store.shardCompletions(job: job, phase: .cluster) == [ShardCompletion(shard: ShardPhase.wholeJob, attempt: "c2", documents: 1)])
        #expect(try await decisions(store, shard: 0, attempt: "c1") == [])
        #expect(try await decisions(store, shard: 0, attempt: "c2") == [decision(0, 0, "second")])
    }

    /// A job is recorded by its first registration; a later one that differs gets the first back.
    static func registeringAJobReturnsTheFirstRegistration(_ store: any ShardStore) async throws {
        let first = ShardJob(id: job, shards: 4, configHash: "hash-1", listingDigest: "digest-1")
        let other = ShardJob(id: "job-2", shards: 1, configHash: "hash-2", listingDigest: "digest-2")
        #expect(try await store.registerShardJob(first) == first)
        #expect(try await store.registerShardJob(first) == first)
        #expect(try await store.registerShardJob(ShardJob(id: job, shards: 3, configHash: "hash-9", listingDigest: "digest-9")) == first)
        #expect(try await store.registerShardJob(other) == other)
    }

    /// Discarding an attempt deletes its documents and decisions that no completion records,
    /// and leaves those of other attempts.
    static func discardingAnAttemptKeepsOnlyWhatACompletionRecords(_ store: any ShardStore) async throws {
        try await store.stageShardDocuments([document(0)], job: job, shard: 0, attempt: "run")
        try await store.completeShardPhase(.fingerprint, job: job, shard: 0, attempt: "run", documents: 1)
        try await store.stageShardDocuments([document(0)], job: job, shard: 1, attempt: "run")
        try await store.stageShardDocuments([document(0, "other")], job: job, shard: 1, attempt: "other")
        try await store.stageShardDecisions([decision(0, 0)], job: job, attempt: "run")
        try await store.stageShardDecisions([decision(0, 0, "other")], job: job, attempt: "other")
        try await store.completeShardPhase(.emit, job: job, shard: 1, attempt: "run", documents: 1)

        try await store.discardShardAttempt(job: job, attempt: "run")
        #expect(try await documents(store, shard: 0, attempt: "run") == [document(0)], "completed by the attempt")
        #expect(try await documents(store, shard: 1, attempt: "run") == [], "an emit completion records no documents")
        #expect(try await decisions(store, shard: 0, attempt: "run") == [])
        #expect(try await documents(store, shard: 1, attempt: "other") == [document(0, "other")])
        #expect(try await decisions(store, shard: 0, attempt: "other") == [decision(0, 0, "other")])

        try await store.stageShardDecisions([decision(0, 0)], job: job, attempt: "run")
        try await store.completeShardPhase(.cluster, job: job, shard: ShardPhase.wholeJob, attempt: "run", documents: 1)
        try await store.discardShardAttempt(job: job, attempt: "run")
        #expect(try await decisions(store, shard: 0, attempt: "run") == [decision(0, 0)], "completed by the attempt")
        #expect(try await documents(store, shard: 0, attempt: "run") == [document(0)])
    }

    /// Completions are kept per job and phase, each shard's latest, by shard.
    static func completionsComePerPhaseByShard(_ store: any ShardStore) async throws {
        for shard in [2, 0, 3, 1] {
            try await store.completeShardPhase(.fingerprint, job: job, shard: shard, attempt: "f\(shard)", documents: 10 * shard)
        }
        try await store.completeShardPhase(.emit, job: job, shard: 1, attempt: "e1", documents: 5)
        try await store.completeShardPhase(.cluster, job: job, shard: ShardPhase.wholeJob, attempt: "c", documents: 60)
        try await store.completeShardPhase(.fingerprint, job: "job-2", shard: 9, attempt: "x", documents: 1)
        #expect(
            try await store.shardCompletions(job: job, phase: .fingerprint)
                == (0...3).map { ShardCompletion(shard: $0, attempt: "f\($0)", documents: 10 * $0) }
        )
        #expect(try await store.shardCompletions(job: job, phase: .emit) == [ShardCompletion(shard: 1, attempt: "e1", documents: 5)])
        #expect(
            try await store.shardCompletions(job: job, phase: .cluster) == [ShardCompletion(shard: ShardPhase.wholeJob, attempt: "c", documents: 60)])
        #expect(try await store.shardCompletions(job: "job-3", phase: .fingerprint) == [])
    }
}

import Foundation
import GRDB

/// The meeting place of a sharded run in the SQLite file (tables `shard_jobs`, `shard_phases`,
/// `shard_documents`, `shard_decisions`), for tasks on one machine or on a shared file system.
///
/// Keys are stored as ``StoredKeyText`` (article ids, and the exact key as the 16 bytes its
/// hex digits spell) and signatures as ``StoredSignature``. Every call is one short
/// transaction, a read or a write whose first statement writes, so the tasks of several
/// processes writing the file at once take turns through the store's busy timeout.
extension SQLiteStateStore: ShardStore {
    /// Inserts `job` unless a job of its id is recorded, then reads the recorded one.
    public func registerShardJob(_ job: ShardJob) async throws -> ShardJob {
        let created = Date.now.ISO8601Format()
        return try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO shard_jobs (job, shards, config_hash, listing_digest, created) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (job) DO NOTHING
                    """, arguments: [job.id, job.shards, job.configHash, job.listingDigest, created])
            guard let recorded = try Self.shardJob(job.id, in: db) else {
                throw DatabaseError(message: "shard job \(job.id) is not recorded after its insert")
            }
            return recorded
        }
    }

    /// The job `id` as recorded, if any task registered it.
    public func registeredShardJob(_ id: String) async throws -> ShardJob? {
        try await database.read { db in try Self.shardJob(id, in: db) }
    }

    private static func shardJob(_ id: String, in db: Database) throws -> ShardJob? {
        try Row.fetchOne(db, sql: "SELECT shards, config_hash, listing_digest FROM shard_jobs WHERE job = ?", arguments: [id]).map { row in
            ShardJob(id: id, shards: row["shards"], configHash: row["config_hash"], listingDigest: row["listing_digest"])
        }
    }

    /// Inserts the documents, one statement each in one transaction; a document of an ordinal
    /// `attempt` already staged for `shard` replaces it.
    public func stageShardDocuments(_ documents: [ShardDocument], job: String, shard: Int, attempt: String) async throws {
        guard !documents.isEmpty else { return }
        try await database.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO shard_documents (job, shard, attempt, ordinal, article_id, date, rank, exact_key, signature)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for document in documents {
                try insert.execute(arguments: [
                    job, shard, attempt, document.ordinal, StoredKeyText.databaseValue(document.articleID), document.date, document.rank,
                    StoredKeyText.databaseValue(document.fingerprint.exactKey.description),
                    StoredSignature.data(document.fingerprint.signature, width: .whole),
                ])
            }
        }
    }

    /// One page of the documents `attempt` staged for `shard`, through the primary key.
    public func shardDocuments(job: String, shard: Int, attempt: String, from ordinal: Int, limit: Int) async throws -> [ShardDocument] {
        try await database.read { db in
            let select = try db.cachedStatement(
                sql: """
                    SELECT ordinal, article_id, date, rank, exact_key, signature FROM shard_documents
                    WHERE job = ? AND shard = ? AND attempt = ? AND ordinal >= ? ORDER BY ordinal LIMIT ?
                    """)
            return try Row.fetchAll(select, arguments: [job, shard, attempt, ordinal, limit]).map { row in
                let exactKey: Data = row["exact_key"]
                return ShardDocument(
                    ordinal: row["ordinal"], articleID: StoredKeyText.text(row["article_id"]), date: row["date"], rank: row["rank"],
                    fingerprint: DocumentFingerprint(
                        exactKey: ContentKey(digest: exactKey), signature: StoredSignature.values(row["signature"], width: .whole)))
            }
        }
    }

    /// Inserts the decisions, one statement each in one transaction; a decision for an article
    /// `attempt` already decided on replaces it.
    public func stageShardDecisions(_ decisions: [ShardDecision], job: String, attempt: String) async throws {
        guard !decisions.isEmpty else { return }
        try await database.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO shard_decisions (job, attempt, shard, ordinal, article_id, duplicate_of, similarity)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for decision in decisions {
                try insert.execute(arguments: [
                    job, attempt, decision.shard, decision.ordinal, StoredKeyText.databaseValue(decision.articleID),
                    decision.duplicateOf.map(StoredKeyText.databaseValue) ?? .null, decision.similarity,
                ])
            }
        }
    }

    /// One page of the decisions `attempt` made for `shard`, through the primary key.
    public func shardDecisions(job: String, shard: Int, attempt: String, from ordinal: Int, limit: Int) async throws -> [ShardDecision] {
        try await database.read { db in
            let select = try db.cachedStatement(
                sql: """
                    SELECT ordinal, article_id, duplicate_of, similarity FROM shard_decisions
                    WHERE job = ? AND attempt = ? AND shard = ? AND ordinal >= ? ORDER BY ordinal LIMIT ?
                    """)
            return try Row.fetchAll(select, arguments: [job, attempt, shard, ordinal, limit]).map { row in
                let duplicateOf: DatabaseValue = row["duplicate_of"]
                return ShardDecision(
                    shard: shard, ordinal: row["ordinal"], articleID: StoredKeyText.text(row["article_id"]),
                    duplicateOf: duplicateOf.isNull ? nil : StoredKeyText.text(duplicateOf), similarity: row["similarity"])
            }
        }
    }

    /// Records the completion and deletes the other attempts' documents of the shard (for
    /// `fingerprint`) or decisions of the job (for `cluster`), in one transaction.
    public func completeShardPhase(_ phase: ShardPhase, job: String, shard: Int, attempt: String, documents: Int) async throws {
        let completed = Date.now.ISO8601Format()
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO shard_phases (job, phase, shard, attempt, documents, completed) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (job, phase, shard) DO UPDATE SET
                        attempt = excluded.attempt, documents = excluded.documents, completed = excluded.completed
                    """, arguments: [job, phase.rawValue, shard, attempt, documents, completed])
            switch phase {
            case .fingerprint:
                try db.execute(sql: "DELETE FROM shard_documents WHERE job = ? AND shard = ? AND attempt <> ?", arguments: [job, shard, attempt])
            case .cluster:
                try db.execute(sql: "DELETE FROM shard_decisions WHERE job = ? AND attempt <> ?", arguments: [job, attempt])
            case .emit:
                break
            }
        }
    }

    /// The recorded completions of `phase`, by shard.
    public func shardCompletions(job: String, phase: ShardPhase) async throws -> [ShardCompletion] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT shard, attempt, documents FROM shard_phases WHERE job = ? AND phase = ? ORDER BY shard",
                arguments: [job, phase.rawValue]
            ).map { row in ShardCompletion(shard: row["shard"], attempt: row["attempt"], documents: row["documents"]) }
        }
    }

    /// Deletes the documents of `attempt` in every shard whose `fingerprint` completion is not
    /// `attempt`'s, and its decisions unless the `cluster` completion is its, in one transaction.
    public func discardShardAttempt(job: String, attempt: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    DELETE FROM shard_documents WHERE job = ?1 AND attempt = ?2
                        AND shard NOT IN (SELECT shard FROM shard_phases WHERE job = ?1 AND phase = ?3 AND attempt = ?2)
                    """, arguments: [job, attempt, ShardPhase.fingerprint.rawValue])
            try db.execute(
                sql: """
                    DELETE FROM shard_decisions WHERE job = ?1 AND attempt = ?2
                        AND NOT EXISTS (SELECT 1 FROM shard_phases WHERE job = ?1 AND phase = ?3 AND attempt = ?2)
                    """, arguments: [job, attempt, ShardPhase.cluster.rawValue])
        }
    }
}

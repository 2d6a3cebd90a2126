import Foundation

/// The meeting place of a sharded run on the PostgreSQL server (tables `shard_jobs`,
/// `shard_phases`, `shard_documents`, `shard_decisions`), for tasks on many machines.
///
/// Each call is one statement, or one transaction of two, whatever the number of rows: rows
/// go in as parallel arrays through `unnest`, keys and signatures as `bytea` (the exact key's
/// 16 bytes high half first, the signature's values in 8 little-endian bytes each). Every
/// statement touches only the rows of its own shard (or attempt) by primary key and takes no
/// lock beyond those rows', so tasks of different shards never wait for each other.
extension PostgresStateStore: ShardStore {
    /// Inserts `job` unless a job of its id is recorded, then reads the recorded one (a
    /// concurrent insert of the same id is waited for, then seen).
    public func registerShardJob(_ job: ShardJob) throws -> ShardJob {
        try connection.query(
            """
            INSERT INTO shard_jobs (job, shards, config_hash, listing_digest, created) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (job) DO NOTHING
            """, [job.id, String(job.shards), job.configHash, job.listingDigest, Date.now.ISO8601Format()])
        guard let recorded = try registeredShardJob(job.id) else {
            throw PostgresError(
                server: url.displayName, action: "cannot register shard job \(job.id)", reason: "the job is not recorded after its insert",
                sqlState: nil)
        }
        return recorded
    }

    /// The job `id` as recorded, if any task registered it.
    public func registeredShardJob(_ id: String) throws -> ShardJob? {
        try connection.query("SELECT shards, config_hash, listing_digest FROM shard_jobs WHERE job = $1", [id]).first.map { row in
            ShardJob(id: id, shards: Int(row[0] ?? "") ?? 0, configHash: row[1] ?? "", listingDigest: row[2] ?? "")
        }
    }

    /// Inserts the documents in one statement; a document of an ordinal `attempt` already
    /// staged for `shard` (or met earlier in `documents`) is replaced.
    public func stageShardDocuments(_ documents: [ShardDocument], job: String, shard: Int, attempt: String) throws {
        let staged = Self.lastOfEach(documents, by: \.ordinal)
        guard !staged.isEmpty else { return }
        try connection.query(
            """
            INSERT INTO shard_documents (job, shard, attempt, ordinal, article_id, date, rank, exact_key, signature)
            SELECT $1, $2, $3, ordinal, article_id, date, rank, exact_key::bytea, signature::bytea
            FROM unnest($4::bigint[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[])
                AS d(ordinal, article_id, date, rank, exact_key, signature)
            ON CONFLICT (job, shard, attempt, ordinal) DO UPDATE SET article_id = excluded.article_id, date = excluded.date,
                rank = excluded.rank, exact_key = excluded.exact_key, signature = excluded.signature
            """,
            [
                job, String(shard), attempt, PostgresArrayLiteral.text(staged.map { String($0.ordinal) }),
                PostgresArrayLiteral.text(staged.map(\.articleID)), PostgresArrayLiteral.text(staged.map(\.date)),
                PostgresArrayLiteral.text(staged.map { String($0.rank) }),
                PostgresArrayLiteral.text(staged.map { "\\x" + $0.fingerprint.exactKey.description }),
                PostgresArrayLiteral.text(staged.map { Self.hex($0.fingerprint.signature) }),
            ])
    }

    /// One page of the documents `attempt` staged for `shard`, through the primary key.
    public func shardDocuments(job: String, shard: Int, attempt: String, from ordinal: Int, limit: Int) throws -> [ShardDocument] {
        try connection.query(
            """
            SELECT ordinal, article_id, date, rank, exact_key, signature FROM shard_documents
            WHERE job = $1 AND shard = $2 AND attempt = $3 AND ordinal >= $4 ORDER BY ordinal LIMIT $5
            """, [job, String(shard), attempt, String(ordinal), String(limit)]
        ).map { row in
            ShardDocument(
                ordinal: Int(row[0] ?? "") ?? 0, articleID: row[1] ?? "", date: row[2], rank: Int64(row[3] ?? "") ?? 0,
                fingerprint: DocumentFingerprint(exactKey: Self.contentKey(fromHex: row[4] ?? ""), signature: Self.signature(fromHex: row[5] ?? "")))
        }
    }

    /// Inserts the decisions in one statement; a decision for an article `attempt` already
    /// decided on (or met earlier in `decisions`) is replaced.
    public func stageShardDecisions(_ decisions: [ShardDecision], job: String, attempt: String) throws {
        let staged = Self.lastOfEach(decisions) { [$0.shard, $0.ordinal] }
        guard !staged.isEmpty else { return }
        try connection.query(
            """
            INSERT INTO shard_decisions (job, attempt, shard, ordinal, article_id, duplicate_of, similarity)
            SELECT $1, $2, shard, ordinal, article_id, duplicate_of, similarity
            FROM unnest($3::integer[], $4::bigint[], $5::text[], $6::text[], $7::double precision[])
                AS d(shard, ordinal, article_id, duplicate_of, similarity)
            ON CONFLICT (job, attempt, shard, ordinal) DO UPDATE SET article_id = excluded.article_id,
                duplicate_of = excluded.duplicate_of, similarity = excluded.similarity
            """,
            [
                job, attempt, PostgresArrayLiteral.text(staged.map { String($0.shard) }),
                PostgresArrayLiteral.text(staged.map { String($0.ordinal) }), PostgresArrayLiteral.text(staged.map(\.articleID)),
                PostgresArrayLiteral.text(staged.map(\.duplicateOf)),
                PostgresArrayLiteral.text(staged.map { decision in decision.similarity.map { "\($0)" } }),
            ])
    }

    /// One page of the decisions `attempt` made for `shard`, through the primary key.
    public func shardDecisions(job: String, shard: Int, attempt: String, from ordinal: Int, limit: Int) throws -> [ShardDecision] {
        try connection.query(
            """
            SELECT ordinal, article_id, duplicate_of, similarity FROM shard_decisions
            WHERE job = $1 AND attempt = $2 AND shard = $3 AND ordinal >= $4 ORDER BY ordinal LIMIT $5
            """, [job, attempt, String(shard), String(ordinal), String(limit)]
        ).map { row in
            ShardDecision(
                shard: shard, ordinal: Int(row[0] ?? "") ?? 0, articleID: row[1] ?? "", duplicateOf: row[2], similarity: row[3].flatMap(Double.init))
        }
    }

    /// Records the completion and deletes the other attempts' documents of the shard (for
    /// `fingerprint`) or decisions of the job (for `cluster`), in one transaction.
    public func completeShardPhase(_ phase: ShardPhase, job: String, shard: Int, attempt: String, documents: Int) throws {
        try connection.transaction {
            try connection.query(
                """
                INSERT INTO shard_phases (job, phase, shard, attempt, documents, completed) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (job, phase, shard) DO UPDATE SET
                    attempt = excluded.attempt, documents = excluded.documents, completed = excluded.completed
                """, [job, phase.rawValue, String(shard), attempt, String(documents), Date.now.ISO8601Format()])
            switch phase {
            case .fingerprint:
                try connection.query("DELETE FROM shard_documents WHERE job = $1 AND shard = $2 AND attempt <> $3", [job, String(shard), attempt])
            case .cluster:
                try connection.query("DELETE FROM shard_decisions WHERE job = $1 AND attempt <> $2", [job, attempt])
            case .emit:
                break
            }
        }
    }

    /// The recorded completions of `phase`, by shard.
    public func shardCompletions(job: String, phase: ShardPhase) throws -> [ShardCompletion] {
        try connection.query(
            "SELECT shard, attempt, documents FROM shard_phases WHERE job = $1 AND phase = $2 ORDER BY shard", [job, phase.rawValue]
        )
        .map { row in ShardCompletion(shard: Int(row[0] ?? "") ?? 0, attempt: row[1] ?? "", documents: Int(row[2] ?? "") ?? 0) }
    }

    /// Deletes the documents of `attempt` in every shard whose `fingerprint` completion is not
    /// `attempt`'s, and its decisions unless the `cluster` completion is its, in one transaction.
    public func discardShardAttempt(job: String, attempt: String) throws {
        try connection.transaction {
            try connection.query(
                """
                DELETE FROM shard_documents d WHERE job = $1 AND attempt = $2
                    AND NOT EXISTS (SELECT 1 FROM shard_phases p WHERE p.job = $1 AND p.phase = $3 AND p.shard = d.shard AND p.attempt = $2)
                """, [job, attempt, ShardPhase.fingerprint.rawValue])
            try connection.query(
                """
                DELETE FROM shard_decisions WHERE job = $1 AND attempt = $2
                    AND NOT EXISTS (SELECT 1 FROM shard_phases WHERE job = $1 AND phase = $3 AND attempt = $2)
                """, [job, attempt, ShardPhase.cluster.rawValue])
        }
    }

    /// `rows` without those a later row of the same key replaces, in their order (one
    /// statement may not update a row twice).
    private static func lastOfEach<Row, Key: Hashable>(_ rows: [Row], by key: (Row) -> Key) -> [Row] {
        var seen: Set<Key> = []
        return rows.reversed().filter { seen.insert(key($0)).inserted }.reversed()
    }

    /// The key back from `bytea`'s hex output form of its 16 bytes (`\x` and 32 digits).
    private static func contentKey(fromHex text: String) -> ContentKey {
        let digits = text.dropFirst(2)
        return ContentKey(high: UInt64(digits.prefix(16), radix: 16) ?? 0, low: UInt64(digits.dropFirst(16), radix: 16) ?? 0)
    }
}

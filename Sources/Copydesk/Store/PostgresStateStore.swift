import Foundation

/// The state store on a PostgreSQL server: the dedupe history and the ledger of processed
/// files in the tables of one schema (the URL's `?schema=`, created when missing), for
/// machines and pipelines that share one state.
///
/// The schema is created and upgraded by named migrations recorded in `copydesk_migrations`,
/// applied under an advisory lock so stores opening at once do not race. As in
/// ``SQLiteStateStore``, history records are written as pending rows of their run and become
/// visible only when ``commitHistory(run:replacingAll:)`` marks them committed, in one
/// transaction: a failed or killed run leaves nothing later runs would match against. History
/// records are found through indexes on the exact content key and on every lookup key
/// (`history_bands`). The `v2 shards` migration adds the tables where the tasks of a sharded
/// run meet (``ShardStore``).
///
/// Runs on different drops share the store (``PostgresStoreLock``) and write the history at
/// once. Each commit takes the history's commit turn (``PostgresAdvisoryLock/commitTurn``)
/// and numbers the records it makes visible from one sequence (`commit_number`, migration
/// `v3 concurrent runs`), so a run finds what others committed since it prepared
/// (``lateCandidates(for:run:)``). A run holds a lock of its own id while it has pending
/// records, so the next run deletes only the pending records of runs that died.
public actor PostgresStateStore: StateStore {
    /// The server and schema.
    public let url: PostgresURL
    /// The connection every statement goes through.
    let connection: PostgresConnection

    /// Connects to `url` and brings the schema up to date.
    public init(url: PostgresURL) throws {
        self.url = url
        connection = try PostgresConnection(url: url)
        // Doubles (a shard decision's similarity) come back as text, exact whatever the
        // server's own setting once this is above 0 (shortest exact text since PostgreSQL 12,
        // 17 digits before).
        try connection.execute("SET extra_float_digits = 3")
        try connection.query("SELECT set_config('application_name', $1, false)", [PostgresStoreLock.holderName])
        try Self.migrate(connection)
    }

    /// The highest commit number visible when each run prepared the history.
    private var preparedAt: [String: Int64] = [:]
    /// The run that has the commit turn on this connection, if any.
    private var turn: String?
    /// The runs whose id this connection holds the lock of.
    private var liveRuns: Set<String> = []

    /// Runs on different drops write this history at once.
    public nonisolated var admitsConcurrentRuns: Bool { true }

    /// The migrations, oldest first, by name.
    static let migrations: [(name: String, sql: String)] = [
        (
            "v1 history and ledger",
            """
            CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
            CREATE TABLE history_articles (
                id bigserial PRIMARY KEY,
                article_id text NOT NULL,
                exact_key text NOT NULL,
                date text,
                signature bytea NOT NULL,
                run text NOT NULL,
                committed boolean NOT NULL DEFAULT false
            );
            CREATE INDEX history_articles_exact ON history_articles (exact_key);
            CREATE INDEX history_articles_run ON history_articles (run);
            CREATE INDEX history_articles_article ON history_articles (article_id);
            CREATE TABLE history_bands (
                band_key bigint NOT NULL,
                article bigint NOT NULL REFERENCES history_articles (id) ON DELETE CASCADE,
                PRIMARY KEY (band_key, article)
            );
            CREATE INDEX history_bands_article ON history_bands (article);
            CREATE TABLE ledger (
                path text NOT NULL,
                member text NOT NULL DEFAULT '',
                size bigint NOT NULL,
                content_hash text NOT NULL,
                status text NOT NULL,
                run text NOT NULL,
                updated text NOT NULL,
                PRIMARY KEY (path, member)
            )
            """
        ),
        (
            "v2 shards",
            """
            CREATE TABLE shard_jobs (
                job text PRIMARY KEY,
                shards integer NOT NULL,
                config_hash text NOT NULL,
                listing_digest text NOT NULL,
                created text NOT NULL
            );
            CREATE TABLE shard_phases (
                job text NOT NULL,
                phase text NOT NULL,
                shard integer NOT NULL,
                attempt text NOT NULL,
                documents bigint NOT NULL,
                completed text NOT NULL,
                PRIMARY KEY (job, phase, shard)
            );
            CREATE TABLE shard_documents (
                job text NOT NULL,
                shard integer NOT NULL,
                attempt text NOT NULL,
                ordinal bigint NOT NULL,
                article_id text NOT NULL,
                date text,
                rank bigint NOT NULL,
                exact_key bytea NOT NULL,
                signature bytea NOT NULL,
                PRIMARY KEY (job, shard, attempt, ordinal)
            );
            CREATE TABLE shard_decisions (
                job text NOT NULL,
                attempt text NOT NULL,
                shard integer NOT NULL,
                ordinal bigint NOT NULL,
                article_id text NOT NULL,
                duplicate_of text,
                similarity double precision,
                PRIMARY KEY (job, attempt, shard, ordinal)
            )
            """
        ),
        (
            "v3 concurrent runs",
            """
            ALTER TABLE history_articles ADD COLUMN commit_number bigint;
            CREATE SEQUENCE history_commit_numbers;
            UPDATE history_articles SET commit_number = 0 WHERE committed;
            CREATE INDEX history_articles_commit_number ON history_articles (commit_number)
            """
        ),
    ]

    /// Applies the migrations not yet recorded, each in the transaction that records it.
    private static func migrate(_ connection: PostgresConnection) throws {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext('copydesk state schema ' || current_schema()))")
            try connection.execute("CREATE TABLE IF NOT EXISTS copydesk_migrations (name text PRIMARY KEY, applied_at text NOT NULL)")
            let applied = Set(try connection.query("SELECT name FROM copydesk_migrations").compactMap { $0[0] })
            for migration in migrations where !applied.contains(migration.name) {
                try connection.execute(migration.sql)
                try connection.query(
                    "INSERT INTO copydesk_migrations (name, applied_at) VALUES ($1, $2)", [migration.name, Date.now.ISO8601Format()])
            }
        }
    }

    /// Whether the schema `url` names holds a state store, without creating anything there.
    static func exists(at url: PostgresURL) throws -> Bool {
        let probe = try PostgresURL(url.connectionString)
        let schema = url.schema.map(PostgresConnection.literal) ?? "current_schema()"
        let found = try PostgresConnection(url: probe).query("SELECT to_regclass(quote_ident(\(schema)) || '.copydesk_migrations') IS NOT NULL")
        return found == [["t"]]
    }

    /// The fingerprint settings of the committed history; `nil` when it is empty.
    public func historySettings() throws -> String? {
        try connection.query(
            "SELECT value FROM meta WHERE key = 'fingerprint' AND EXISTS (SELECT 1 FROM history_articles WHERE committed)"
        ).first?[0] ?? nil
    }

    /// Takes the lock of `run`'s id, deletes the pending records of runs that died (those whose
    /// lock no session holds), records this run's fingerprint settings, and notes the highest
    /// commit number visible, from which ``lateCandidates(for:run:)`` looks.
    public func prepareHistory(fingerprintSettings: String, run: String) throws {
        if !liveRuns.contains(run) {
            guard try PostgresAdvisoryLock.run(run).tryTake(on: connection) else {
                throw PostgresError(
                    server: url.displayName, action: "cannot prepare the history", reason: "another session runs with the id \(run)",
                    sqlState: nil)
            }
            liveRuns.insert(run)
        }
        let pending = try connection.query("SELECT DISTINCT run FROM history_articles WHERE NOT committed AND run <> $1", [run])
        for case let other? in pending.map({ $0[0] }) {
            let lock = PostgresAdvisoryLock.run(other)
            guard try lock.tryTake(on: connection) else { continue }
            try connection.query("DELETE FROM history_articles WHERE NOT committed AND run = $1", [other])
            try lock.release(on: connection)
        }
        try connection.query(
            "INSERT INTO meta (key, value) VALUES ('fingerprint', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [fingerprintSettings])
        let visible = try connection.query("SELECT coalesce(max(commit_number), 0) FROM history_articles WHERE committed")
        preparedAt[run] = Int64(visible.first?[0] ?? "") ?? 0
    }

    /// Waits, polling every 100 ms, until no other session has the commit turn, then keeps it
    /// for `run` until its commit or discard.
    public func takeCommitTurn(run: String) async throws {
        guard turn == nil else { return }
        while try !PostgresAdvisoryLock.commitTurn.tryTake(on: connection) { try await Task.sleep(for: .milliseconds(100)) }
        turn = run
    }

    /// Gives back the commit turn and the lock of `run`'s id.
    private func release(run: String) throws {
        if turn != nil {
            try PostgresAdvisoryLock.commitTurn.release(on: connection)
            turn = nil
        }
        if liveRuns.remove(run) != nil { try PostgresAdvisoryLock.run(run).release(on: connection) }
        preparedAt[run] = nil
    }

    /// For each query, the committed records sharing its exact key or a band key, not of the
    /// article itself, each once, in entry order (``lookUp(_:committedAfter:)``).
    public func candidates(for queries: [HistoryQuery]) throws -> [[HistoryCandidate]] {
        try lookUp(queries, committedAfter: nil)
    }

    /// The committed records of other runs numbered after what `run` saw when it prepared: the
    /// lookup of ``candidates(for:)`` (the band keys probed through their index, which costs
    /// the same whatever the history's size), keeping only those records, a thousand queries
    /// a statement.
    public func lateCandidates(for queries: [HistoryQuery], run: String) async throws -> [[HistoryCandidate]] {
        guard let visible = preparedAt[run] else { return queries.map { _ in [] } }
        var found: [[HistoryCandidate]] = []
        found.reserveCapacity(queries.count)
        for start in stride(from: 0, to: queries.count, by: 1_000) {
            found += try lookUp(Array(queries[start..<min(start + 1_000, queries.count)]), committedAfter: (visible, run))
        }
        return found
    }

    /// One statement for the whole batch, one round trip: for each query (numbered by its
    /// place), the records with its exact key united with those under its band keys,
    /// committed (after commit number `after.number` by a run other than `after.run`, when
    /// given), not of the article itself, each once, in entry order. The band keys go as two
    /// parallel arrays (query number, key), so queries may have any number of keys.
    private func lookUp(_ queries: [HistoryQuery], committedAfter after: (number: Int64, run: String)?) throws -> [[HistoryCandidate]] {
        guard !queries.isEmpty else { return [] }
        let late = after == nil ? "" : " AND h.commit_number > $5 AND h.run <> $6"
        let rows = try connection.query(
            """
            WITH \(Self.queryTables), hits AS (
                SELECT k.number, b.article AS id FROM keys k JOIN history_bands b ON b.band_key = k.band_key
                UNION
                SELECT q.number, h.id FROM queries q JOIN history_articles h ON h.exact_key = q.exact_key
            )
            SELECT hits.number, h.id, h.article_id, h.exact_key, h.signature
            FROM hits JOIN history_articles h ON h.id = hits.id JOIN queries q ON q.number = hits.number
            WHERE h.committed AND h.article_id <> q.article_id\(late)
            ORDER BY hits.number, h.id
            """,
            Self.queryParameters(queries) + (after.map { [String($0.number), $0.run] } ?? []))
        return Self.candidates(from: rows, count: queries.count)
    }

    /// The tables `queries` (exact key, article id, number) and `keys` (number, band key) of
    /// a lookup statement, from the parameters ``queryParameters(_:)`` gives as `$1`–`$4`.
    private static let queryTables = """
        queries AS (
            SELECT * FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(exact_key, article_id, number)
        ), keys AS (
            SELECT * FROM unnest($3::bigint[], $4::bigint[]) AS k(number, band_key)
        )
        """

    /// The queries as four array parameters: exact keys and article ids in query order, and
    /// the band keys as two parallel arrays (query number, key), so queries may have any
    /// number of keys.
    private static func queryParameters(_ queries: [HistoryQuery]) -> [String?] {
        var keyQueries: [String] = []
        var keys: [String] = []
        for (number, query) in queries.enumerated() {
            for key in query.lookupKeys {
                keyQueries.append(String(number + 1))
                keys.append(String(key))
            }
        }
        return [
            PostgresArrayLiteral.text(queries.map(\.exactKey)), PostgresArrayLiteral.text(queries.map(\.articleID)),
            "{" + keyQueries.joined(separator: ",") + "}", "{" + keys.joined(separator: ",") + "}",
        ]
    }

    /// The rows of a lookup statement (query number, entry, article id, exact key, signature)
    /// as each query's candidates.
    private static func candidates(from rows: [[String?]], count: Int) -> [[HistoryCandidate]] {
        var candidates = [[HistoryCandidate]](repeating: [], count: count)
        for row in rows {
            guard let number = Int(row[0] ?? ""), (1...count).contains(number) else { continue }
            candidates[number - 1].append(
                HistoryCandidate(
                    entry: Int(row[1] ?? "") ?? 0, articleID: row[2] ?? "", exactKey: row[3] ?? "",
                    signature: Self.signature(fromHex: row[4] ?? "")))
        }
        return candidates
    }

    /// Adds records as pending records of `run`, in one transaction of four statements
    /// whatever the number of records: the known ids looked up, entry numbers drawn from the
    /// table's sequence (given to the records in order, so entries keep the input order), the
    /// records and their band keys (in key order, which walks the index once) each inserted
    /// from parallel arrays. The transaction does not wait for its WAL to reach the disk:
    /// pending records a server crash loses belong to a run that did not commit, which is
    /// redone anyway; ``commitHistory(run:replacingAll:)`` waits as usual.
    public func stage(_ records: [HistoryRecord], run: String, skippingKnown: Bool) throws {
        guard !records.isEmpty else { return }
        try connection.transaction {
            try connection.execute("SET LOCAL synchronous_commit TO OFF")
            var known: Set<String> = []
            if skippingKnown {
                let ids = PostgresArrayLiteral.text(records.map(\.articleID))
                known = Set(
                    try connection.query("SELECT DISTINCT article_id FROM history_articles WHERE committed AND article_id = ANY($1::text[])", [ids])
                        .compactMap { $0[0] })
            }
            let staged = records.filter { !known.contains($0.articleID) }
            guard !staged.isEmpty else { return }
            let entries = try connection.query(
                "SELECT nextval(pg_get_serial_sequence('history_articles', 'id')) FROM generate_series(1, $1::int)", [String(staged.count)]
            ).compactMap { $0[0].flatMap { Int64($0) } }.sorted()
            guard entries.count == staged.count else {
                throw PostgresError(
                    server: url.displayName, action: "cannot stage history records",
                    reason: "the sequence gave \(entries.count) entry numbers for \(staged.count) records", sqlState: nil)
            }
            try connection.query(
                """
                INSERT INTO history_articles (id, article_id, exact_key, date, signature, run)
                SELECT id, article_id, exact_key, date, signature::bytea, $6
                FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(id, article_id, exact_key, date, signature)
                """,
                [
                    "{" + entries.map(String.init).joined(separator: ",") + "}", PostgresArrayLiteral.text(staged.map(\.articleID)),
                    PostgresArrayLiteral.text(staged.map(\.exactKey)), PostgresArrayLiteral.text(staged.map(\.date)),
                    PostgresArrayLiteral.text(staged.map { Self.hex($0.signature) }), run,
                ])
            var bands: [(key: Int64, entry: Int64)] = []
            for (entry, record) in zip(entries, staged) {
                for key in record.lookupKeys { bands.append((key, entry)) }
            }
            guard !bands.isEmpty else { return }
            bands.sort { ($0.key, $0.entry) < ($1.key, $1.entry) }
            try connection.query(
                """
                INSERT INTO history_bands (band_key, article)
                SELECT band_key, article FROM unnest($1::bigint[], $2::bigint[]) AS b(band_key, article)
                ON CONFLICT DO NOTHING
                """,
                ["{" + bands.map { String($0.key) }.joined(separator: ",") + "}", "{" + bands.map { String($0.entry) }.joined(separator: ",") + "}"])
        }
    }

    /// Makes the records of `run` visible to later runs in its commit turn (taken here if the
    /// run has not taken it yet), numbered after every earlier commit; gives the turn back;
    /// then refreshes the planner's statistics of the history tables (a sample, so it costs
    /// little at any size): without them a history filled since the last autovacuum is planned
    /// as if empty, and each batch's lookup scans the band keys.
    public func commitHistory(run: String, replacingAll: Bool) async throws {
        try await takeCommitTurn(run: run)
        try connection.transaction {
            if replacingAll { try connection.query("DELETE FROM history_articles WHERE run <> $1", [run]) }
            try connection.query(
                "UPDATE history_articles SET committed = true, commit_number = (SELECT nextval('history_commit_numbers')) WHERE run = $1",
                [run])
        }
        try release(run: run)
        try connection.execute("ANALYZE history_articles, history_bands")
    }

    /// Deletes the pending records of `run` (their band keys with them) and gives back its
    /// commit turn.
    public func discardHistory(run: String) throws {
        try connection.query("DELETE FROM history_articles WHERE NOT committed AND run = $1", [run])
        try release(run: run)
    }

    /// Number of committed records.
    public func historyCount() throws -> Int {
        Int(try connection.query("SELECT count(*) FROM history_articles WHERE committed").first?[0] ?? "") ?? 0
    }

    /// The entry recorded for the whole file at `path`, if any.
    public func ledgerEntry(for path: String) throws -> LedgerEntry? {
        try connection.query("SELECT path, member, size, content_hash, status FROM ledger WHERE path = $1 AND member = ''", [path])
            .first.map(Self.entry)
    }

    /// The members of the archive at `path` recorded as done.
    public func ledgerMembers(of path: String) throws -> [LedgerEntry] {
        try connection.query(
            "SELECT path, member, size, content_hash, status FROM ledger WHERE path = $1 AND member <> '' ORDER BY member COLLATE \"C\"", [path]
        ).map(Self.entry)
    }

    /// Records entries as done by `run`, in one transaction; a whole-file entry deletes the
    /// member entries of its path.
    public func markDone(_ entries: [LedgerEntry], run: String, replacingAll: Bool) throws {
        let now = Date.now.ISO8601Format()
        try connection.transaction {
            if replacingAll { try connection.execute("DELETE FROM ledger") }
            for entry in entries {
                if entry.member == nil { try connection.query("DELETE FROM ledger WHERE path = $1 AND member <> ''", [entry.path]) }
                try connection.query(
                    """
                    INSERT INTO ledger (path, member, size, content_hash, status, run, updated) VALUES ($1, $2, $3, $4, 'done', $5, $6)
                    ON CONFLICT (path, member) DO UPDATE SET size = excluded.size, content_hash = excluded.content_hash,
                        status = 'done', run = excluded.run, updated = excluded.updated
                    """,
                    [entry.path, entry.member ?? "", String(entry.size), entry.contentHash, run, now])
            }
        }
    }

    /// Every entry, sorted by path, then member (byte order, as in SQLite).
    public func ledgerEntries() throws -> [LedgerEntry] {
        try connection.query("SELECT path, member, size, content_hash, status FROM ledger ORDER BY path COLLATE \"C\", member COLLATE \"C\"")
            .map(Self.entry)
    }

    private static func entry(_ row: [String?]) -> LedgerEntry {
        let member = row[1] ?? ""
        return LedgerEntry(
            path: row[0] ?? "", member: member.isEmpty ? nil : member, size: Int(row[2] ?? "") ?? 0, contentHash: row[3] ?? "",
            status: row[4] ?? "")
    }

    /// The signature's values as little-endian bytes in `bytea`'s hex input form (`\x0a00…`).
    static func hex(_ signature: [UInt64]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = Array("\\x".utf8)
        text.reserveCapacity(2 + signature.count * 16)
        for value in signature {
            withUnsafeBytes(of: value.littleEndian) { bytes in
                for byte in bytes {
                    text.append(digits[Int(byte >> 4)])
                    text.append(digits[Int(byte & 0x0F)])
                }
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The signature back from `bytea`'s hex output form.
    static func signature(fromHex text: String) -> [UInt64] {
        let bytes = Array(text.utf8.dropFirst(2))
        func nibble(_ digit: UInt8) -> UInt64 { UInt64(digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10) }
        return stride(from: 0, to: bytes.count - 15, by: 16).map { offset in
            (0..<8).reduce(UInt64(0)) { value, index in
                value | (nibble(bytes[offset + 2 * index]) << 4 | nibble(bytes[offset + 2 * index + 1])) << (8 * UInt64(index))
            }
        }
    }
}

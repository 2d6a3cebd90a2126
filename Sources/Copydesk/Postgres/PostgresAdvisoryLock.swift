/// One advisory lock in a state store's schema, named by what it keeps apart: the store, a
/// drop, the history's commit turn, or a run's pending history records.
///
/// Every lock has the two-key form, the first key naming the kind of lock within the schema
/// (the connection's current schema), the second the thing locked; a session holds it until it
/// releases it or its connection ends, so a killed run's locks are the server's to free.
/// Taking one polls (`pg_try_advisory_lock…`) rather than blocks, so a run waiting for a lock
/// never holds a thread other tasks of the process need.
struct PostgresAdvisoryLock: Sendable {
    /// The first key's kind (`state`, `drop`, `turn`, `run`).
    private let kind: String
    /// What is locked, hashed into the second key; empty for a lock of the whole schema.
    private let subject: String
    /// Whether other sessions may hold it in shared mode at the same time.
    let shared: Bool

    /// The store, shared by runs on different drops, or held alone.
    static func store(shared: Bool) -> Self { Self(kind: "state", subject: "", shared: shared) }
    /// One drop (the source's input path, absolute).
    static func drop(_ path: String) -> Self { Self(kind: "drop", subject: path, shared: false) }
    /// The history's commit turn: one run at a time decides against the history and commits.
    static let commitTurn = Self(kind: "turn", subject: "", shared: false)
    /// The run `id`, held while it may still stage or commit history records.
    static func run(_ id: String) -> Self { Self(kind: "run", subject: id, shared: false) }

    /// The two keys, as SQL over the parameters `$1` (kind) and `$2` (subject).
    private static let keys = "hashtext('copydesk ' || $1 || ' ' || current_schema()), hashtext($2)"

    /// Takes the lock if no other session holds it in a conflicting mode.
    func tryTake(on connection: PostgresConnection) throws(PostgresError) -> Bool {
        try connection.query("SELECT pg_try_advisory_lock\(shared ? "_shared" : "")(\(Self.keys))", [kind, subject]) == [["t"]]
    }

    /// Takes the lock, polling every `interval` until it is free or `wait` has passed; returns
    /// whether it was taken.
    func take(on connection: PostgresConnection, wait: Duration, interval: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + wait
        while true {
            if try tryTake(on: connection) { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: interval)
        }
    }

    /// Releases one hold of the lock by this session.
    func release(on connection: PostgresConnection) throws(PostgresError) {
        _ = try connection.query("SELECT pg_advisory_unlock\(shared ? "_shared" : "")(\(Self.keys))", [kind, subject])
    }

    /// Who holds the lock besides this session, as the holder named its session
    /// (`copydesk pid N on host from ADDRESS since TIME`), if anyone does.
    func holder(on connection: PostgresConnection) throws(PostgresError) -> String? {
        try connection.query(
            """
            SELECT a.application_name, a.client_addr::text, a.backend_start::text FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.pid <> pg_backend_pid()
              AND l.classid = (hashtext('copydesk ' || $1 || ' ' || current_schema())::bigint & 4294967295)::oid
              AND l.objid = (hashtext($2)::bigint & 4294967295)::oid
            """, [kind, subject]
        ).first.map { "\($0[0] ?? "") from \($0[1] ?? "a local socket") since \($0[2] ?? "")" }
    }
}

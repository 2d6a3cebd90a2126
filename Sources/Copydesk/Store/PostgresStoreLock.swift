import Foundation
import Synchronization

/// The lock of a state store on a PostgreSQL server, so two runs sharing the store never run at
/// once: a session-level advisory lock keyed by the store's schema, held on a connection of its
/// own for the whole run. The server releases it when that connection ends, so a killed run's
/// lock is taken over by the next run, as with ``RunLock`` on a file.
final class PostgresStoreLock: StateStoreLock {
    /// The connection holding the lock; `nil` once released.
    private let connection: Mutex<PostgresConnection?>

    private init(holding connection: sending PostgresConnection) {
        self.connection = Mutex(connection)
    }

    /// Takes the lock of the store at `url`, retrying every quarter second for up to `wait`;
    /// fails with ``RunLock/Held`` (exit 75) naming the holder when another run keeps it.
    static func acquire(_ url: PostgresURL, wait: Duration) async throws -> PostgresStoreLock {
        let connection = try PostgresConnection(url: url)
        try connection.query("SELECT set_config('application_name', $1, false)", [holderName])
        let deadline = ContinuousClock.now + wait
        while true {
            if try connection.query("SELECT pg_try_advisory_lock(\(key))") == [["t"]] { return PostgresStoreLock(holding: connection) }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        let holder = try connection.query(
            """
            SELECT a.application_name, a.client_addr::text, a.backend_start::text FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objid = (\(key) & 4294967295)::oid AND l.pid <> pg_backend_pid()
            """
        ).first.map { "\($0[0] ?? "") from \($0[1] ?? "a local socket") since \($0[2] ?? "")" }
        throw RunLock.Held(path: "\(url.displayName) (state store)", holder: holder ?? "")
    }

    /// Ends the lock's connection, which releases it; releasing again does nothing.
    func release() {
        connection.withLock { $0 = nil }
    }

    /// The advisory lock key: the store's schema (the connection's current schema), hashed.
    private static let key = "hashtext('copydesk state ' || current_schema())::bigint"

    /// How the holding session names itself to other runs: `copydesk pid N on host`.
    private static var holderName: String { "copydesk pid \(getpid()) on \(ProcessInfo.processInfo.hostName)" }
}

import Foundation
import Synchronization

/// The lock of a state store on a PostgreSQL server, held on a connection of its own for the
/// whole run; the server releases it when that connection ends, so a killed run's lock is
/// taken over by the next run, as with ``RunLock`` on a file.
///
/// For a ``StateStoreLockScope/drop(_:)`` it is two advisory locks: the store in shared mode
/// and the drop alone, so runs on different drops work at once and a second run on the same
/// drop waits. For ``StateStoreLockScope/wholeStore`` it is the store alone, which waits for
/// every other run to end.
final class PostgresStoreLock: StateStoreLock {
    /// The connection holding the lock; `nil` once released.
    private let connection: Mutex<PostgresConnection?>

    private init(holding connection: sending PostgresConnection) {
        self.connection = Mutex(connection)
    }

    /// Takes the lock of the store at `url` for `scope`, retrying every quarter second for up
    /// to `wait`; fails with ``RunLock/Held`` (exit 75) naming the holder when another run
    /// keeps it.
    static func acquire(_ url: PostgresURL, scope: StateStoreLockScope, wait: Duration) async throws -> PostgresStoreLock {
        let connection = try PostgresConnection(url: url)
        try connection.query("SELECT set_config('application_name', $1, false)", [holderName])
        let deadline = ContinuousClock.now + wait
        let locks: [(lock: PostgresAdvisoryLock, name: String)] =
            switch scope {
            case .wholeStore: [(.store(shared: false), "state store")]
            case .drop(let path): [(.store(shared: true), "state store"), (.drop(path), "state store, drop \(path)")]
            }
        for (lock, name) in locks {
            let left = max(.zero, deadline - ContinuousClock.now)
            guard try await lock.take(on: connection, wait: left, interval: .milliseconds(250)) else {
                throw RunLock.Held(path: "\(url.displayName) (\(name))", holder: try lock.holder(on: connection) ?? "")
            }
        }
        return PostgresStoreLock(holding: connection)
    }

    /// Ends the lock's connection, which releases it; releasing again does nothing.
    func release() {
        connection.withLock { $0 = nil }
    }

    /// How a session of this process names itself to other runs: `copydesk pid N on host`.
    static var holderName: String { "copydesk pid \(getpid()) on \(ProcessInfo.processInfo.hostName)" }
}

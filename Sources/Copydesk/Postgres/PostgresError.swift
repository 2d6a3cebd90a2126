/// A failure reported by a PostgreSQL server or by libpq: the server named with its password
/// masked, what Copydesk was doing and the server's own message.
public struct PostgresError: Error, CustomStringConvertible, Equatable {
    /// The server as messages name it (``PostgresURL/displayName``).
    public let server: String
    /// What Copydesk was doing (`cannot connect`, `cannot run COPY articles`).
    public let action: String
    /// The message of libpq or the server, with any password masked.
    public let reason: String
    /// The five-character SQLSTATE the server sent (`42P01`), when it sent one.
    public let sqlState: String?

    /// `server: action: reason`.
    public var description: String { "\(server): \(action): \(reason)" }
}

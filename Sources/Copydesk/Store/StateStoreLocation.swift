import Foundation

/// Where a state store lives, as the `history:` and `ledger:` options name it.
///
/// The accepted forms:
///
/// | written | store |
/// | --- | --- |
/// | `state/copydesk.sqlite` | SQLite file, relative to the working directory |
/// | `/var/lib/copydesk/state.sqlite` | SQLite file |
/// | `sqlite:///var/lib/copydesk/state.sqlite` | SQLite file `/var/lib/copydesk/state.sqlite` |
/// | `sqlite:state/copydesk.sqlite` | SQLite file `state/copydesk.sqlite`, relative |
/// | `postgres://user@host/db?schema=copydesk` | PostgreSQL (``PostgresStateStore``), in schema `copydesk` |
///
/// `sqlite:` is followed by the file's path, taken as written (no percent-decoding); after
/// `sqlite://` an empty host is required (`sqlite:///absolute/path`), so `sqlite://name`
/// is refused rather than guessed at. `postgres://` and `postgresql://` are libpq URLs (see
/// ``PostgresURL``). Any other `scheme://` (`redis://`) is not supported and refused when the
/// pipeline is built; a password it carries is masked in the message. Text without a scheme is a path, so a file whose name starts
/// with `sqlite:` is written `./sqlite:...`.
///
/// Two locations are equal when they name the same store (for SQLite, the same standardized
/// absolute path; for PostgreSQL, the same URL and schema), so the ledger and a history written
/// as `state.sqlite` and `./state.sqlite` share one open store and one lock.
public enum StateStoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file (``SQLiteStateStore``), at `path` as written.
    case sqlite(path: String)
    /// A schema on a PostgreSQL server (``PostgresStateStore``).
    case postgres(PostgresURL)

    /// A location this build cannot use, with the reason; the text it quotes has its
    /// password masked.
    public struct Unsupported: Error, CustomStringConvertible, Equatable {
        /// Why, naming the value as written with its password masked.
        public let message: String
        /// The message as printed.
        public var description: String { message }
    }

    /// The location `text` names.
    public init(_ text: String) throws(Unsupported) {
        guard let scheme = Self.scheme(of: text) else {
            self = .sqlite(path: text)
            return
        }
        let shown = URLPasswords.masked(text)
        if ["postgres", "postgresql"].contains(scheme.lowercased()) {
            do {
                self = .postgres(try PostgresURL(text))
            } catch {
                throw Unsupported(message: error.message)
            }
            return
        }
        guard scheme.lowercased() == "sqlite" else {
            throw Unsupported(
                message: "'\(shown)': \(scheme):// stores are not supported; use a path, sqlite:///path or postgres://host/database")
        }
        var path = text.dropFirst(scheme.count + 1)
        if path.hasPrefix("//") {
            path = path.dropFirst(2)
            guard path.isEmpty || path.hasPrefix("/") else {
                throw Unsupported(message: "'\(shown)' names a host; use sqlite:///absolute/path or sqlite:relative/path")
            }
        }
        guard !path.isEmpty else { throw Unsupported(message: "'\(shown)' names no file; use sqlite:///absolute/path or sqlite:relative/path") }
        self = .sqlite(path: String(path))
    }

    /// The scheme of `text` when it is written as a URL: `sqlite:` followed by anything, or
    /// any `scheme://`; `nil` for a plain path.
    private static func scheme(of text: String) -> Substring? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return scheme.lowercased() == "sqlite" || text[colon...].hasPrefix("://") ? scheme : nil
    }

    /// How messages name the store: for SQLite, the path as written; a server's URL with
    /// its password masked.
    public var displayName: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.displayName
        }
    }

    /// How messages name it.
    public var description: String { displayName }

    /// The file an embedded store keeps its state in (standardized, absolute); `nil` for a
    /// store on a server.
    public var filePath: String? {
        switch self {
        case .sqlite(let path): Self.absolute(path)
        case .postgres: nil
        }
    }

    /// What makes two locations the same store.
    private var identity: String {
        switch self {
        case .sqlite(let path): "sqlite:" + Self.absolute(path)
        case .postgres(let url): "postgres:" + url.connectionString + "#" + (url.schema ?? "")
        }
    }

    /// Takes the store's lock for `scope`, waiting up to `wait` while another run holds what
    /// it needs (``RunLock/Held`` after that). For SQLite the lock is a ``RunLock`` on a hidden
    /// file beside the store's, whatever the scope: two runs sharing the file never run at
    /// once. For PostgreSQL it is a pair of advisory locks (``PostgresStoreLock``): runs on
    /// different drops share the store.
    public func acquireLock(wait: Duration, scope: StateStoreLockScope = .wholeStore) async throws -> any StateStoreLock {
        switch self {
        case .sqlite(let path): try await RunLock.acquire(protecting: Self.absolute(path), wait: wait)
        case .postgres(let url): try await PostgresStoreLock.acquire(url, scope: scope, wait: wait)
        }
    }

    /// `path` standardized and made absolute against the working directory.
    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Whether two locations name the same store.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.identity == rhs.identity }

    /// Hashes the store the location names.
    public func hash(into hasher: inout Hasher) { hasher.combine(identity) }
}

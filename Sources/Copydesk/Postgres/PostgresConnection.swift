import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq: plain statements, parameterized
/// queries with text results, `COPY … FROM STDIN` and transactions.
///
/// The connection is made by ``init(url:)`` from a ``PostgresURL`` and the `PG*` environment
/// variables; a URL with `?schema=name` creates that schema when missing and puts it first on
/// the search path, so unqualified table names live there. Every failure is a
/// ``PostgresError`` naming the server with its password masked; a password from the URL or
/// `PGPASSWORD` is also masked in the text libpq and the server send. A connection is used by
/// one owner at a time (an actor), like the libpq handle it wraps.
final class PostgresConnection {
    /// The server it is connected to.
    let url: PostgresURL
    private let handle: OpaquePointer
    /// What messages must never show: the passwords of the URL and of `PGPASSWORD`.
    private let secrets: [String]

    /// SIGPIPE ignored for the process, once, before the first connection: a write to a socket
    /// the server has closed then fails with an error that is reported, and never ends the
    /// process, whichever path of libpq or the system makes the write.
    private static let brokenConnectionsAreErrors: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Connects to `url` (waiting at most `timeout` seconds unless the URL sets
    /// `connect_timeout`), then selects the URL's schema, if any.
    init(url: PostgresURL, timeout: Int = 10) throws(PostgresError) {
        _ = Self.brokenConnectionsAreErrors
        self.url = url
        secrets = url.passwords + [ProcessInfo.processInfo.environment["PGPASSWORD"]].compactMap { $0 }.filter { !$0.isEmpty }
        // Keywords are processed in order and the URL (`dbname`, expanded) comes last, so the
        // URL overrides the timeout and the application name but not the client encoding.
        let keywords = ["connect_timeout", "application_name", "dbname", "client_encoding"]
        let values = [String(timeout), "copydesk", url.connectionString, "UTF8"]
        let connection = Self.withCStrings(keywords) { keywords in
            Self.withCStrings(values) { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection else {
            throw PostgresError(server: url.displayName, action: "cannot connect", reason: "out of memory", sqlState: nil)
        }
        // From here on every property is set, so a throw runs `deinit`, which frees the handle.
        handle = connection
        guard PQstatus(handle) == CONNECTION_OK else {
            throw error(action: "cannot connect", reason: lastMessage(), sqlState: nil)
        }
        // Notices ("relation already exists, skipping") would go to standard error.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        if let schema = url.schema {
            let name = Self.quoted(schema)
            // Connections opening at once on a new schema take turns to create it: two
            // concurrent `CREATE SCHEMA IF NOT EXISTS` can both find it missing, and one fails.
            try execute(
                """
                BEGIN; SELECT pg_advisory_xact_lock(hashtext('copydesk create schema ' || \(Self.literal(schema))));
                CREATE SCHEMA IF NOT EXISTS \(name); COMMIT; SET search_path TO \(name)
                """)
        }
    }

    deinit { PQfinish(handle) }

    /// Runs `sql`, which may hold several statements separated by semicolons.
    func execute(_ sql: String) throws(PostgresError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK], action: Self.action(sql))
    }

    /// Runs one statement with `$1`, `$2`, … bound to `parameters` (sent as text, `nil` as
    /// null) and returns its rows, each value as text or `nil` for null.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> [[String?]] {
        let result = Self.withOptionalCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK], action: Self.action(sql))
        return (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }

    /// Runs `statement`, a `COPY … FROM STDIN`, sending `data` (in the format the statement
    /// names) as its input.
    func copy(_ statement: String, data: [UInt8]) throws(PostgresError) {
        let action = Self.action(statement)
        let start = PQexec(handle, statement)
        defer { PQclear(start) }
        try check(start, expecting: [PGRES_COPY_IN], action: action)
        let chunk = 1 << 20
        var sent = true
        data.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                var offset = 0
                while sent && offset < characters.count {
                    let length = min(chunk, characters.count - offset)
                    sent = PQputCopyData(handle, characters.baseAddress! + offset, Int32(length)) == 1
                    offset += length
                }
            }
        }
        let ended = PQputCopyEnd(handle, sent ? nil : "the client stopped sending") == 1
        // The statement's outcome, then the null result that ends it.
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if failure == nil {
                do throws(PostgresError) {
                    try check(result, expecting: [PGRES_COMMAND_OK], action: action)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
        guard sent && ended else { throw error(action: action, reason: lastMessage(), sqlState: nil) }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        let value: T
        do {
            value = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        try execute("COMMIT")
        return value
    }

    /// `identifier` in double quotes, inner quotes doubled, for names built into statements.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }

    /// `text` as an SQL string literal (`'it''s'`).
    static func literal(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }

    /// Throws unless `result` has one of the `expected` statuses.
    private func check(_ result: OpaquePointer?, expecting expected: [ExecStatusType], action: String) throws(PostgresError) {
        guard let result else { throw error(action: action, reason: lastMessage(), sqlState: nil) }
        let status = PQresultStatus(result)
        guard !expected.contains(status) else { return }
        let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        throw error(action: action, reason: message.isEmpty ? lastMessage() : message, sqlState: state)
    }

    /// An error naming the server and `action`, with the secrets masked in `reason`.
    private func error(action: String, reason: String, sqlState: String?) -> PostgresError {
        var masked = reason
        for secret in secrets.sorted(by: { $0.count > $1.count }) { masked = masked.replacing(secret, with: URLPasswords.mask) }
        return PostgresError(server: url.displayName, action: action, reason: masked, sqlState: sqlState)
    }

    /// libpq's last message on the connection, trimmed.
    private func lastMessage() -> String {
        let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        return message.isEmpty ? "no message from libpq" : message
    }

    /// How a failed statement is named: `cannot run` and its first six words.
    private static func action(_ sql: String) -> String {
        let words = sql.split(whereSeparator: \.isWhitespace)
        return "cannot run \(words.prefix(6).joined(separator: " "))\(words.count > 6 ? " …" : "")"
    }

    /// Calls `body` with `strings` as a C array of C strings.
    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        withOptionalCStrings(strings.map(Optional.some) + [nil]) { body($0!) }
    }

    /// Calls `body` with `strings` as a C array of C strings, `nil` staying null; with a null
    /// array when `strings` is empty.
    private static func withOptionalCStrings<T>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { for copy in copies { free(copy) } }
        let pointers = copies.map { UnsafePointer($0) }
        return pointers.isEmpty ? body(nil) : pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

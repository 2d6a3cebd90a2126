import Foundation

/// A PostgreSQL server as pipelines name it: a `postgres://` or `postgresql://` URL in libpq's
/// syntax (`postgres://user:password@host:port/database?sslmode=require`), which may also carry
/// Copydesk's own `schema=` parameter. What the URL leaves out, libpq takes from the usual
/// `PG*` environment variables (`PGHOST`, `PGUSER`, `PGPASSWORD`, …) and `~/.pgpass`.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// The URL as written.
    let text: String
    /// The URL handed to libpq: `text` without the `schema` parameter, which libpq refuses.
    let connectionString: String
    /// The schema named by `?schema=`, percent-decoded; `nil` when the URL names none.
    public let schema: String?

    /// Why a text is not a PostgreSQL URL.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        /// What is wrong, quoting the text with its password masked.
        public let message: String
        /// The message as printed.
        public var description: String { message }
    }

    /// The URL `text`, which must start with `postgres://` or `postgresql://`.
    public init(_ text: String) throws(Invalid) {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else {
            // Text that is no URL at all (`host=db password=…`) is not quoted: only a URL's
            // password can be told apart and masked.
            let shown = text.contains("://") ? "'\(URLPasswords.masked(text))'" : "the value"
            throw Invalid(message: "\(shown) is not a postgres:// or postgresql:// URL")
        }
        self.text = text
        guard let question = text.firstIndex(of: "?") else {
            connectionString = text
            schema = nil
            return
        }
        var schema: String?
        var kept: [Substring] = []
        for parameter in text[text.index(after: question)...].split(separator: "&") {
            guard parameter.hasPrefix("schema=") else {
                kept.append(parameter)
                continue
            }
            let value = parameter.dropFirst("schema=".count)
            guard let decoded = value.removingPercentEncoding, !decoded.isEmpty else {
                throw Invalid(message: "'\(URLPasswords.masked(text))': schema= needs a name")
            }
            schema = decoded
        }
        self.schema = schema
        connectionString = String(text[..<question]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }

    /// How messages name the server: the URL with its password masked.
    public var displayName: String { URLPasswords.masked(text) }

    /// How messages name it.
    public var description: String { displayName }

    /// The passwords written in the URL (in the user part, in a `password=` parameter), each as
    /// written and percent-decoded: what messages must never show.
    var passwords: [String] {
        guard let separator = text.range(of: "://") else { return [] }
        var rest = text[separator.upperBound...]
        var written: [Substring] = []
        if let question = rest.firstIndex(of: "?") {
            written += rest[rest.index(after: question)...].split(separator: "&").filter { $0.lowercased().hasPrefix("password=") }
                .map { $0.dropFirst("password=".count) }
            rest = rest[..<question]
        }
        if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            written.append(rest[rest.index(after: colon)..<at])
        }
        return written.flatMap { [String($0), $0.removingPercentEncoding] }.compactMap { $0 }.filter { !$0.isEmpty }
    }
}

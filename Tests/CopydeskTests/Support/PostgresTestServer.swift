import Foundation
import Testing

@testable import Copydesk

/// The PostgreSQL server the tests that need one run against: the URL in
/// `COPYDESK_TEST_DATABASE_URL`, which `scripts/postgres-test-server.sh start` prints and
/// `make test` reads. Without it those suites are skipped, and the test output says why.
enum PostgresTestServer {
    /// The server's URL, when one is set.
    static let url = ProcessInfo.processInfo.environment["COPYDESK_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The trait of suites that need the server: skipped, with the reason, when none is set.
    static let required = ConditionTrait.enabled(
        if: url != nil,
        "no PostgreSQL server: COPYDESK_TEST_DATABASE_URL is not set (run scripts/postgres-test-server.sh start, see README)")

    /// The server's URL with `?schema=` naming a new schema of its own, so tests running at
    /// once never see each other's tables.
    static func freshSchema(_ label: String = "test") throws -> PostgresURL {
        let base = try #require(url, "COPYDESK_TEST_DATABASE_URL is not set")
        let name = "\(label)_\(UUID().uuidString.prefix(8).lowercased())"
        return try PostgresURL(base + (base.contains("?") ? "&" : "?") + "schema=" + name)
    }

    /// The server's URL with `password` in place of the one it has.
    static func withPassword(_ password: String) throws -> String {
        let base = try #require(url, "COPYDESK_TEST_DATABASE_URL is not set")
        let rest = try #require(base.range(of: "://")).upperBound
        let at = try #require(base.lastIndex(of: "@"))
        let colon = try #require(base[rest..<at].firstIndex(of: ":"))
        return String(base[...colon]) + password + String(base[at...])
    }
}

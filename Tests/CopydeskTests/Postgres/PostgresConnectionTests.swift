import Foundation
import Testing

@testable import Copydesk

@Suite("PostgreSQL connection", PostgresTestServer.required)
struct PostgresConnectionTests {
    @Test func queriesBindParametersAndReturnTextAndNulls() throws {
        let connection = try PostgresConnection(url: try PostgresTestServer.freshSchema())
        let rows = try connection.query("SELECT $1::text, $2::int + 1, $3::text, 'Tromsø'", ["a'b", "41", nil])
        #expect(rows == [["a'b", "42", nil, "Tromsø"]])
        #expect(try connection.query("SELECT 1 WHERE false").isEmpty)
    }

    @Test func theURLsSchemaIsCreatedAndSearchedFirst() throws {
        let url = try PostgresTestServer.freshSchema()
        let connection = try PostgresConnection(url: url)
        try connection.execute("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('x')")
        #expect(try connection.query("SELECT current_schema()") == [[url.schema]])
        let tables = try connection.query("SELECT table_schema FROM information_schema.tables WHERE table_name = 'notes'")
        #expect(tables.contains([url.schema]))
    }

    @Test func copyLoadsRowsFromStandardInput() throws {
        let connection = try PostgresConnection(url: try PostgresTestServer.freshSchema())
        try connection.execute("CREATE TABLE t (n bigint, s text)")
        try connection.copy("COPY t (n, s) FROM STDIN", data: Array("1\tone\\ttab\n2\t\\N\n".utf8))
        #expect(try connection.query("SELECT n, s FROM t ORDER BY n") == [["1", "one\ttab"], ["2", nil]])
    }

    @Test func aFailedCopyThrowsTheServersMessageAndLeavesTheConnectionUsable() throws {
        let connection = try PostgresConnection(url: try PostgresTestServer.freshSchema())
        try connection.execute("CREATE TABLE t (n bigint)")
        #expect {
            try connection.copy("COPY t (n) FROM STDIN", data: Array("1\nnot a number\n".utf8))
        } throws: { error in
            let error = error as? PostgresError
            return error?.sqlState == "22P02" && error?.reason.contains("invalid input syntax") == true
        }
        #expect(try connection.query("SELECT count(*) FROM t") == [["0"]])
    }

    @Test func aTransactionCommitsWhenItsBodyReturnsAndRollsBackWhenItThrows() throws {
        let connection = try PostgresConnection(url: try PostgresTestServer.freshSchema())
        try connection.execute("CREATE TABLE t (n bigint)")
        try connection.transaction { try connection.execute("INSERT INTO t VALUES (1)") }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (2)")
                throw Stop()
            }
        }
        #expect(try connection.query("SELECT n FROM t") == [["1"]])
    }

    @Test func aFailedStatementNamesTheServerWithoutItsPassword() throws {
        let url = try PostgresTestServer.freshSchema()
        let connection = try PostgresConnection(url: url)
        #expect {
            try connection.execute("SELECT * FROM missing_table")
        } throws: { error in
            let error = error as? PostgresError
            let password = url.passwords.first ?? "no password"
            return error?.sqlState == "42P01" && error?.server == url.displayName && !"\(error!)".contains(password)
                && "\(error!)".contains("cannot run SELECT * FROM")
        }
    }

    @Test func aWrongPasswordFailsWithoutShowingIt() throws {
        let url = try PostgresURL(try PostgresTestServer.withPassword("wrong-Pa55word"))
        #expect {
            try PostgresConnection(url: url)
        } throws: { error in
            let message = "\(error)"
            return message.contains("password authentication failed") && !message.contains("wrong-Pa55word")
                && message.contains(":***@") && message.contains("cannot connect")
        }
    }

    @Test func anUnreachableHostFailsWithinTheTimeout() throws {
        let url = try PostgresURL("postgres://ann:s3cret@127.0.0.1:1/news")
        let clock = ContinuousClock()
        let start = clock.now
        #expect {
            try PostgresConnection(url: url, timeout: 3)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("postgres://ann:***@127.0.0.1:1/news: cannot connect: ") && !message.contains("s3cret")
        }
        #expect(clock.now - start < .seconds(5))
    }
}

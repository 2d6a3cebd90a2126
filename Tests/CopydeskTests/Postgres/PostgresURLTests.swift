import Testing

@testable import Copydesk

@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test func theSchemaParameterIsCopydesksAndTheRestGoesToLibpq() throws {
        let url = try PostgresURL("postgres://ann:s3cret@db.example:5433/news?sslmode=require&schema=copydesk&connect_timeout=3")
        #expect(url.schema == "copydesk")
        #expect(url.connectionString == "postgres://ann:s3cret@db.example:5433/news?sslmode=require&connect_timeout=3")
        #expect(url.displayName == "postgres://ann:***@db.example:5433/news?sslmode=require&schema=copydesk&connect_timeout=3")
    }

    @Test func aURLWithoutParametersIsPassedAsWritten() throws {
        let url = try PostgresURL("postgresql:///news")
        #expect(url.schema == nil)
        #expect(url.connectionString == "postgresql:///news")
    }

    @Test func theSchemaIsPercentDecoded() throws {
        #expect(try PostgresURL("postgres://host/db?schema=daily%20news").schema == "daily news")
        #expect(try PostgresURL("postgres://host/db?schema=only").connectionString == "postgres://host/db")
    }

    @Test(arguments: ["mysql://ann:s3cret@host/db", "host=db password=s3cret", "postgres://ann:s3cret@host/db?schema="])
    func otherTextIsRefusedWithoutShowingThePassword(_ text: String) {
        #expect {
            try PostgresURL(text)
        } throws: { error in
            !"\(error)".contains("s3cret")
        }
    }

    @Test func passwordsOfTheUserPartAndOfTheQueryAreKnown() throws {
        let url = try PostgresURL("postgres://ann:p%40ss@host/db?password=other")
        #expect(Set(url.passwords) == ["p%40ss", "p@ss", "other"])
        #expect(try PostgresURL("postgres://ann@host/db").passwords.isEmpty)
    }
}

import Foundation
import Testing
@testable import Copydesk

@Suite("state store locations")
struct StateStoreLocationTests {
    @Test(arguments: [
        ("state/copydesk.sqlite", "state/copydesk.sqlite"),
        ("/var/lib/copydesk/state.sqlite", "/var/lib/copydesk/state.sqlite"),
        ("sqlite:///var/lib/copydesk/state.sqlite", "/var/lib/copydesk/state.sqlite"),
        ("sqlite:state/copydesk.sqlite", "state/copydesk.sqlite"),
        ("sqlite:/var/lib/x.sqlite", "/var/lib/x.sqlite"),
        ("SQLite:///var/lib/x.sqlite", "/var/lib/x.sqlite"),
        ("state:2024.sqlite", "state:2024.sqlite"),
        ("./sqlite:odd.sqlite", "./sqlite:odd.sqlite"),
    ])
    func aPathOrAnSQLiteURLNamesAnSQLiteFile(written: String, path: String) throws {
        #expect(try StateStoreLocation(written) == .sqlite(path: path))
        #expect(try StateStoreLocation(written).displayName == path)
    }

    @Test func locationsNamingOneFileAreOneStore() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let relative = try StateStoreLocation("out/state.sqlite")
        #expect(try StateStoreLocation("./out/../out/state.sqlite") == relative)
        #expect(try StateStoreLocation("sqlite://\(cwd)/out/state.sqlite") == relative)
        #expect(Set([relative, try StateStoreLocation("sqlite:out/state.sqlite")]).count == 1)
        #expect(relative.filePath == URL(fileURLWithPath: cwd).appendingPathComponent("out/state.sqlite").path)
        #expect(try StateStoreLocation("out/other.sqlite") != relative)
    }

    @Test(arguments: [
        ("postgres://copydesk:s3cret@db.internal:5432/news", "'postgres://copydesk:***@db.internal:5432/news': postgres:// stores are not supported by this build; use a path or sqlite:///path"),
        ("redis://cache:6379/0", "'redis://cache:6379/0': redis:// stores are not supported by this build; use a path or sqlite:///path"),
        ("sqlite://state.sqlite", "'sqlite://state.sqlite' names a host; use sqlite:///absolute/path or sqlite:relative/path"),
        ("sqlite:", "'sqlite:' names no file; use sqlite:///absolute/path or sqlite:relative/path"),
        ("sqlite://", "'sqlite://' names no file; use sqlite:///absolute/path or sqlite:relative/path"),
    ])
    func anotherSchemeOrAHostIsRefused(written: String, message: String) {
        #expect(throws: StateStoreLocation.Unsupported(message: message)) { try StateStoreLocation(written) }
    }

    @Test(arguments: [
        ("postgres://copydesk:s3cret@db/news", "postgres://copydesk:***@db/news"),
        ("postgresql://copydesk:p@ss/w:rd@db:5432/news?sslmode=require", "postgresql://copydesk:***@db:5432/news?sslmode=require"),
        ("postgres://db/news?user=copydesk&password=s3cret&sslmode=require", "postgres://db/news?user=copydesk&password=***&sslmode=require"),
        ("postgres://copydesk@db/news", "postgres://copydesk@db/news"),
        ("postgres://db:5432/news", "postgres://db:5432/news"),
        ("out/state.sqlite", "out/state.sqlite"),
    ])
    func passwordsInURLsAreMasked(url: String, shown: String) {
        #expect(URLPasswords.masked(url) == shown)
    }
}

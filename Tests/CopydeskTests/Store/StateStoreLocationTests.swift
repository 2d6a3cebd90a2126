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
        ("postgres://copydesk:s3cret@db.internal:5432/news?schema=", "'postgres://copydesk:***@db.internal:5432/news?schema=': schema= needs a name"),
        ("redis://cache:6379/0", "'redis://cache:6379/0': redis:// stores are not supported; use a path, sqlite:///path or postgres://host/database"),
        ("sqlite://state.sqlite", "'sqlite://state.sqlite' names a host; use sqlite:///absolute/path or sqlite:relative/path"),
        ("sqlite:", "'sqlite:' names no file; use sqlite:///absolute/path or sqlite:relative/path"),
        ("sqlite://", "'sqlite://' names no file; use sqlite:///absolute/path or sqlite:relative/path"),
    ])
    func anotherSchemeOrAHostIsRefused(written: String, message: String) {
        #expect(throws: StateStoreLocation.Unsupported(message: message)) { try StateStoreLocation(written) }
    }

    @Test func aPostgresURLNamesAStoreByServerAndSchemaWithItsPasswordMasked() throws {
        let location = try StateStoreLocation("postgres://copydesk:s3cret@db:5432/news?schema=copydesk")
        #expect(location.displayName == "postgres://copydesk:***@db:5432/news?schema=copydesk")
        #expect(location.filePath == nil)
        #expect(location == (try StateStoreLocation("postgres://copydesk:s3cret@db:5432/news?schema=copydesk")))
        #expect(location != (try StateStoreLocation("postgres://copydesk:s3cret@db:5432/news?schema=other")))
        #expect(location != (try StateStoreLocation("postgres://copydesk:s3cret@db:5432/news")))
        guard case .postgres(let url) = location else { return #expect(Bool(false), "a PostgreSQL location") }
        #expect(url.schema == "copydesk")
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

    /// Builds the pipeline's stages as `copydesk validate` does and returns the errors.
    func buildErrors(_ yaml: String) throws -> ConfigErrors? {
        let definition = try PipelineLoader().load(yaml: yaml, file: "pipeline.yaml")
        do {
            _ = try PipelineRunner(definition: definition)
            return nil
        } catch let errors as ConfigErrors {
            return errors
        }
    }

    @Test func anUnsupportedHistoryIsAnErrorAtItsOptionWithThePasswordMasked() throws {
        let yaml = """
            name: pg
            stages:
              - type: textdrop
                path: samples
              - type: dedupe
                history: redis://copydesk:s3cret@db/news
              - {type: jsonl, path: out/articles.jsonl}
            """
        let definition = try PipelineLoader().load(yaml: yaml, file: "pipeline.yaml")
        #expect(
            throws: ConfigError(
                file: "pipeline.yaml", line: 6, column: 14,
                message:
                    "history: 'redis://copydesk:***@db/news': redis:// stores are not supported; use a path, sqlite:///path or postgres://host/database"
            )
        ) {
            try definition.transforms[0].build(context: StageContext())
        }
        let errors = try #require(try buildErrors(yaml))
        #expect(
            errors.errors.map(\.description) == [
                "pipeline.yaml:6:14: history: 'redis://copydesk:***@db/news': redis:// stores are not supported; use a path, sqlite:///path or postgres://host/database"
            ])
        #expect(!errors.description.contains("s3cret"), "\(errors)")
        #expect(errors.description.contains("    history: redis://copydesk:***@db/news\n             ^"), "\(errors)")
    }

    @Test func anUnsupportedLedgerIsAnErrorAtTheSetting() throws {
        let errors = try #require(
            try buildErrors(
                """
                name: pg
                ledger: "redis://:s3cret@cache/0"
                stages:
                  - {type: textdrop, path: samples}
                  - {type: jsonl, path: out/articles.jsonl}
                """))
        #expect(
            errors.errors.map(\.description) == [
                "pipeline.yaml:2:9: ledger: 'redis://:***@cache/0': redis:// stores are not supported; use a path, sqlite:///path or postgres://host/database"
            ])
        #expect(!errors.description.contains("s3cret"), "\(errors)")
    }

    @Test func aHistoryAndALedgerWrittenAsSQLiteURLsAreUsedAndLocked() async throws {
        let out = try TestPaths.temporaryDirectory()
        let yaml = """
            name: urls
            ledger: "sqlite://${OUT}/state.sqlite"
            stages:
              - {type: textdrop, path: "${INPUT}"}
              - {type: dedupe, history: "sqlite://${OUT}/state.sqlite"}
              - {type: jsonl, path: "${OUT}/articles.jsonl"}
            """
        let samples = TestPaths.repository.appendingPathComponent("samples").path
        let definition = try PipelineLoader(environment: ["INPUT": samples, "OUT": out.path]).load(yaml: yaml, file: "urls.yaml")
        let runner = try PipelineRunner(definition: definition)
        let state = out.appendingPathComponent("state.sqlite").standardizedFileURL.path
        #expect(runner.stateStores == [.sqlite(path: state)], "the shared store is locked once, by its own lock")
        #expect(runner.lockPaths.filter { $0.hasSuffix(".sqlite") }.isEmpty, "a store is not also locked as a plain file")
        #expect(runner.intake.ledgerLocation == .sqlite(path: state))
        let summary = try await runner.run()
        #expect(summary.articlesWritten == 12)
        let store = try SQLiteStateStore(path: state)
        #expect(try await store.historyCount() == 12)
        #expect(summary.files.finished > 0)
        #expect(try await store.ledgerEntries().count == summary.files.finished)
        #expect(!FileManager.default.fileExists(atPath: "sqlite:"), "no file is made under a scheme's name")
    }
}

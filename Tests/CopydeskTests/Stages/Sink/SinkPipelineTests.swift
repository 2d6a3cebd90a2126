import CSV
import Foundation
import GRDB
import Testing

@testable import Copydesk

@Suite("CSV and SQLite sinks in a pipeline")
struct SinkPipelineTests {
    let registry = StageRegistry.standard.merging(StageRegistry(sources: [], transforms: [], sinks: [CSVSink.self, SQLiteSink.self]))

    func yaml(_ out: URL) -> String {
        """
        name: tables
        batch_size: 4
        quarantine: \(out.path)/quarantine.jsonl
        stages:
          - type: textdrop
            path: \(TestPaths.repository.appendingPathComponent("samples").path)
          - type: normalize
          - type: dedupe
          - type: segment
          - type: csv
            directory: \(out.path)/tables
            tables: [articles, sentences]
          - type: sqlite
            path: \(out.path)/articles.sqlite
        """
    }

    @Test func validatingCreatesNothingAndRerunsGiveTheSameTables() async throws {
        let out = try TestPaths.temporaryDirectory()
        let definition = try PipelineLoader(registry: registry).load(yaml: yaml(out), file: "tables.yaml")
        _ = try PipelineRunner(definition: definition)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)

        let first = try await PipelineRunner(definition: definition).run()
        let second = try await PipelineRunner(definition: definition, context: StageContext(run: RunSettings(reprocess: true))).run()
        #expect(first.articlesWritten == second.articlesWritten)

        let reader = try CSVReader(string: try String(contentsOfFile: out.path + "/tables/articles.csv", encoding: .utf8), hasHeaderRow: true)
        var csvIDs: [String] = []
        while reader.next() != nil { csvIDs.append(try #require(reader["id"])) }
        #expect(csvIDs.count == second.articlesWritten)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path + "/tables").sorted() == [
                "articles.csv", "datapackage.json", "sentences.csv",
            ])

        let sortedIDs = csvIDs.sorted()
        let database = try DatabaseQueue(path: out.path + "/articles.sqlite")
        try await database.read { (db: Database) throws -> Void in
            #expect(try String.fetchAll(db, sql: "SELECT id FROM articles ORDER BY id") == sortedIDs)
            #expect(try String.fetchAll(db, sql: "SELECT status FROM runs") == ["complete", "complete"])
            #expect(try String.fetchAll(db, sql: "SELECT DISTINCT config_hash FROM runs") == [definition.configHash])
            #expect(try String.fetchAll(db, sql: "SELECT pipeline FROM runs") == ["tables", "tables"])
            let sentences = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sentences") ?? 0
            let csvSentences = try String(contentsOfFile: out.path + "/tables/sentences.csv", encoding: .utf8)
            let sentenceReader = try CSVReader(string: csvSentences, hasHeaderRow: true)
            var csvCount = 0
            while sentenceReader.next() != nil { csvCount += 1 }
            #expect(sentences == csvCount && sentences > 0)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }
}

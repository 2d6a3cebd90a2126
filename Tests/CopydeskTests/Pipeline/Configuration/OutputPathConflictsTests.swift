import Testing

@testable import Copydesk

@Suite("paths written twice")
struct OutputPathConflictsTests {
    let loader = PipelineLoader(environment: ["OUT": "out"])

    /// The first line of each error loading `yaml` reports, in order.
    func errors(_ yaml: String) -> [String] { loader.errorLines(yaml) }

    @Test func twoSinksOnOnePath() {
        #expect(
            errors(
                """
                name: x
                stages:
                  - type: textdrop
                    path: samples
                  - type: jsonl
                    path: ${OUT}/articles.jsonl
                  - type: jsonl
                    path: ./out/../out/articles.jsonl
                """) == ["pipeline.yaml:8:11: path: './out/../out/articles.jsonl' is also the path of stage 'jsonl' (line 6)"])
    }

    @Test func quarantineOnASinkPath() {
        #expect(
            errors(
                """
                name: x
                quarantine: out/articles.jsonl
                stages:
                  - type: textdrop
                    path: samples
                  - type: jsonl
                    path: out/articles.jsonl
                """) == ["pipeline.yaml:7:11: path: 'out/articles.jsonl' is also the quarantine file (line 2)"])
    }

    @Test func historyOnTheSQLiteSinkPath() {
        #expect(
            errors(
                """
                name: x
                stages:
                  - type: textdrop
                    path: samples
                  - type: dedupe
                    history: out/copydesk.sqlite
                  - type: sqlite
                    path: out/copydesk.sqlite
                """) == ["pipeline.yaml:8:11: path: 'out/copydesk.sqlite' is also the history of stage 'dedupe' (line 6)"])
    }

    @Test func aStateStoreWrittenAsAnSQLiteURLIsComparedByItsFile() {
        #expect(
            errors(
                """
                name: x
                ledger: "sqlite:out/copydesk.sqlite"
                stages:
                  - type: textdrop
                    path: samples
                  - type: dedupe
                    history: postgres://copydesk:s3cret@db/news
                  - type: sqlite
                    path: out/copydesk.sqlite
                """) == ["pipeline.yaml:9:11: path: 'out/copydesk.sqlite' is also the ledger (line 2)"])
    }

    @Test func csvDirectoryHoldingTheJSONLinesFile() {
        #expect(
            errors(
                """
                name: x
                stages:
                  - type: textdrop
                    path: samples
                  - type: jsonl
                    path: out/tables/articles.jsonl
                  - type: csv
                    directory: out/tables/
                """) == ["pipeline.yaml:8:16: directory: 'out/tables/' holds 'out/tables/articles.jsonl', the path of stage 'jsonl' (line 6)"])
        #expect(
            errors(
                """
                name: x
                stages:
                  - type: textdrop
                    path: samples
                  - type: csv
                    directory: out/tables
                  - type: jsonl
                    path: out/tables/articles.jsonl
                """) == ["pipeline.yaml:8:11: path: 'out/tables/articles.jsonl' is inside 'out/tables', the directory of stage 'csv' (line 6)"])
    }

    @Test func ledgerOrReportOnAnOutput() {
        #expect(
            errors(
                """
                name: x
                ledger: out/articles.jsonl
                report: out/copydesk.sqlite
                stages:
                  - type: textdrop
                    path: samples
                  - type: jsonl
                    path: out/articles.jsonl
                  - type: sqlite
                    path: out/copydesk.sqlite
                """) == [
                    "pipeline.yaml:8:11: path: 'out/articles.jsonl' is also the ledger (line 2)",
                    "pipeline.yaml:10:11: path: 'out/copydesk.sqlite' is also the run report (line 3)",
                ])
    }

    @Test func ledgerAndHistoryShareOneStateStore() {
        #expect(
            errors(
                """
                name: x
                ledger: out/state.sqlite
                stages:
                  - type: textdrop
                    path: samples
                  - type: dedupe
                    history: out/state.sqlite
                  - type: jsonl
                    path: out/articles.jsonl
                """) == [])
    }

    @Test func conflictsAreReportedWithTheOtherErrors() {
        #expect(
            errors(
                """
                name: x
                batch_size: 0
                stages:
                  - type: textdorp
                    path: samples
                  - type: jsonl
                    path: out/articles.jsonl
                  - type: jsonl
                    path: out/articles.jsonl
                """) == [
                    "pipeline.yaml:2:13: batch_size: 0 is outside 1...100000",
                    "pipeline.yaml:4:11: unknown source type 'textdorp' (did you mean 'textdrop'?)",
                    "pipeline.yaml:9:11: path: 'out/articles.jsonl' is also the path of stage 'jsonl' (line 7)",
                ])
    }
}

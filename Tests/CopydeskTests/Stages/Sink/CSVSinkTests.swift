import CSV
import Foundation
import Testing

@testable import Copydesk

@Suite("CSV sink")
struct CSVSinkTests {
    func sink(_ directory: URL, tables: [String]? = nil, runID: String = "run-1") throws -> CSVSink {
        let options = CSVSink.Options.with { options in
            options.directory = directory.path
            if let tables { options.tables = tables }
        }
        return try CSVSink(options: options, context: StageContext(run: RunSettings(runID: runID)))
    }

    /// Every row of `file` as read back by the library's RFC 4180 parser, header first.
    func records(_ file: URL) throws -> [[String]] {
        let reader = try CSVReader(string: try String(contentsOf: file, encoding: .utf8))
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(reader.error == nil)
        return rows
    }

    /// The fields a table's rows must read back as: nulls as empty fields.
    func expectedFields(_ table: OutputTable, _ articles: [Article], runID: String) -> [[String]] {
        articles.flatMap { table.rows($0, runID) }.map { row in
            row.map { value in
                switch value {
                case .text(let text): text
                case .integer(let number): String(number)
                case .real(let number): String(number)
                case .null: ""
                }
            }
        }
    }

    @Test func everyFieldReadsBackExactlyThroughACSVParser() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let articles = [SinkTestArticles.tromso(), SinkTestArticles.beijing()]
        let sink = try sink(directory)
        try await sink.write([articles[0]])
        try await sink.write([articles[1]])
        try await sink.commit()
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
                == (OutputTable.csvDefaultNames.map { "\($0).csv" } + [DataPackageDescriptor.fileName]).sorted())
        for name in OutputTable.csvDefaultNames {
            let table = try #require(OutputTable.named(name))
            let rows = try records(directory.appendingPathComponent("\(name).csv"))
            #expect(rows.first == table.columns, "header of \(name)")
            let expected = expectedFields(table, articles, runID: "run-1")
            #expect(rows.count - 1 == expected.count, "rows of \(name)")
            for (read, written) in zip(rows.dropFirst(), expected) {
                #expect(read.count == table.columns.count)
                for (column, (field, value)) in zip(table.columns, zip(read, written)) {
                    #expect(field == value, "\(name).\(column)")
                }
            }
        }
    }

    @Test func quotingFollowsRFC4180() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let sink = try sink(directory, tables: ["articles"])
        try await sink.write([SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        try await sink.commit()
        let raw = try String(contentsOf: directory.appendingPathComponent("articles.csv"), encoding: .utf8)
        #expect(raw.hasPrefix(OutputTable.articles.columns.joined(separator: ",") + "\r\n"))
        #expect(raw.hasSuffix("\r\n"))
        #expect(raw.contains(#","Norway's ""Arctic"" budget: €1.2bn, Tromsø first","#))
        #expect(raw.contains("\"Ministers agreed, after a long night,\non a new \"\"blue\"\" fund.\""))
        #expect(raw.contains(#","drops/2024-02-08/nordic, arctic.txt",12,textdrop,"#))
        // An empty summary is a quoted empty field; the absent url of the first article is an empty field.
        #expect(raw.contains(#",International,Putin meets Xi in Beijing,"","https://example.org/news/putin-xi?ref=a,b","#))
        #expect(raw.contains("fund.\",,\"TROMSØ, Norway\",NTB,"))
    }

    @Test func pageMetadataColumnsFollowTheEarlierColumns() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let sink = try sink(directory, tables: ["articles"])
        let articles = [SinkTestArticles.tromso(), SinkTestArticles.beijing()]
        try await sink.write(articles)
        try await sink.commit()
        let rows = try records(directory.appendingPathComponent("articles.csv"))
        let earlier = [
            "id", "source_path", "source_line", "source_format", "date", "section", "title", "summary", "url",
            "dateline_place", "dateline_agency", "text", "duplicate_of", "similarity", "removed_block_count", "run_id",
            "content_key", "source_record_id",
        ]
        #expect(
            rows.first == earlier + ["authors", "language", "site", "source_member", "source_offset", "extra"], "earlier columns keep their positions"
        )
        #expect(
            rows.dropFirst().map { Array($0.suffix(6)) } == [
                ["", "", "", "", "", "{}"], ["Anna Petrova; Li Wei", "en-GB", "The Daily Ledger", "", "", "{}"],
            ])
        // Without authors, language or site the cells are null: empty fields, not quoted empty strings.
        let raw = try String(contentsOf: directory.appendingPathComponent("articles.csv"), encoding: .utf8)
        #expect(raw.contains("\(articles[0].contentKey),,,,,,,{}\r\n"))
    }

    @Test func onlyTheListedTablesAreWritten() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let sink = try sink(directory, tables: ["entities", "articles", "entities"])
        try await sink.write([SinkTestArticles.tromso()])
        try await sink.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["articles.csv", "datapackage.json", "entities.csv"])
        #expect(try records(directory.appendingPathComponent("entities.csv")).count == 4)
    }

    @Test func theDuplicatesTableCanBeAsked() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let sink = try sink(directory, tables: ["duplicates"])
        try await sink.write([SinkTestArticles.tromso(), SinkTestArticles.beijing()])
        try await sink.commit()
        #expect(
            try records(directory.appendingPathComponent("duplicates.csv"))
                == [["article_id", "duplicate_of", "similarity"], ["0c44e1d2a9b87f10", "5d1e0a7b3c2f9e88", "0.93"]])
    }

    @Test func anUnknownTableIsAConfigurationError() throws {
        #expect(throws: ConfigError.self) { try sink(try TestPaths.temporaryDirectory(), tables: ["articles", "people"]) }
        #expect(throws: ConfigError.self) { try sink(try TestPaths.temporaryDirectory(), tables: []) }
    }

    @Test func nothingIsCreatedBeforeTheFirstWrite() throws {
        let directory = try TestPaths.temporaryDirectory().appendingPathComponent("out")
        _ = try sink(directory)
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func anEmptyRunWritesHeadersOnly() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let sink = try sink(directory, tables: ["quotes"])
        try await sink.commit()
        #expect(
            try String(contentsOf: directory.appendingPathComponent("quotes.csv"), encoding: .utf8)
                == "article_id,idx,text,speaker,verb,start_offset,end_offset,sentence\r\n")
    }

    @Test func discardLeavesThePreviousFilesIntact() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let first = try sink(directory)
        try await first.write([SinkTestArticles.tromso()])
        try await first.commit()
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        let contents = try before.map { try Data(contentsOf: directory.appendingPathComponent($0)) }

        let second = try sink(directory, runID: "run-2")
        try await second.write([SinkTestArticles.beijing()])
        await second.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == before)
        #expect(try before.map { try Data(contentsOf: directory.appendingPathComponent($0)) } == contents)
    }

    @Test func anUnwritableDirectoryFailsWithTheFileNamed() async throws {
        let parent = try TestPaths.temporaryDirectory()
        let blocker = parent.appendingPathComponent("blocker")
        try "not a directory".write(to: blocker, atomically: false, encoding: .utf8)
        let sink = try sink(blocker.appendingPathComponent("tables"))
        let error = await #expect(throws: AtomicFileWriter.Failure.self) { try await sink.write([SinkTestArticles.tromso()]) }
        #expect(error?.description.contains(blocker.path) == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["blocker"])
    }
}

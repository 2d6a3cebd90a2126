import CSV
import Foundation
import Testing

@testable import Copydesk

@Suite("CSV ingest")
struct CSVSourceTests {
    /// Writes `bytes` as `export.csv` in a new folder and reads it with `configure`d options.
    func read(_ bytes: [UInt8], _ configure: (inout CSVSource.Options) -> Void = { _ in }) async throws -> (
        articles: [Article], rejected: [QuarantineRecord]
    ) {
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("export.csv")
        try Data(bytes).write(to: file)
        let source = CSVSource(
            options: .with {
                $0.path = file.path
                configure(&$0)
            }, context: StageContext())
        return try await collect(source)
    }

    func read(_ text: String, _ configure: (inout CSVSource.Options) -> Void = { _ in }) async throws -> (
        articles: [Article], rejected: [QuarantineRecord]
    ) {
        try await read(Array(text.utf8), configure)
    }

    @Test func quotedFieldsWithDelimitersQuotesAndLineBreaksAreOneField() async throws {
        let csv = """
            id,title,text,date,authors,wordcount\r
            a-1,"Talks, resumed","He said ""no"".\r
            \r
            Second paragraph.",2024-02-08,Jane Doe,512\r
            a-2,Plain,One line.,,,\r

            """
        let (articles, rejected) = try await read(csv)
        #expect(rejected.isEmpty)
        #expect(articles.map(\.title) == ["Talks, resumed", "Plain"])
        #expect(articles.first?.text == "He said \"no\".\n\nSecond paragraph.")
        #expect(articles.first?.paragraphs.count == 2)
        #expect(articles.map(\.source.line) == [2, 5], "a row starts on its first physical line")
        #expect(articles.map(\.source.recordID) == ["a-1", "a-2"])
        #expect(articles.map(\.date) == ["2024-02-08", nil])
        #expect(articles.map(\.authors) == [["Jane Doe"], []])
        #expect(articles.map(\.extra) == [["wordcount": .string("512")], ["wordcount": .string("")]])
        #expect(articles.allSatisfy { $0.source.format == "csv" })
        let first = try #require(articles.first)
        #expect(first.id == ArticleID.make(source: first.source, contentKey: first.contentKey))
    }

    @Test func aByteOrderMarkIsDropped() async throws {
        let (articles, rejected) = try await read([0xEF, 0xBB, 0xBF] + Array("title,text\nHello,World.\n".utf8))
        #expect(rejected.isEmpty)
        #expect(articles.map(\.title) == ["Hello"])
        #expect(articles.first?.extra == [:])
    }

    @Test func semicolonsAndTabsSeparateFieldsWhenSet() async throws {
        let semicolons = try await read("title;text\n\"A; B\";Body, with a comma.\n") { $0.delimiter = ";" }
        #expect(semicolons.articles.map(\.title) == ["A; B"])
        #expect(semicolons.articles.map(\.text) == ["Body, with a comma."])
        let tabs = try await read("title\ttext\nA, B\tBody; here.\n") { $0.delimiter = "\t" }
        #expect(tabs.articles.map(\.title) == ["A, B"])
        #expect(tabs.articles.map(\.text) == ["Body; here."])
        #expect(CSVSource.Options.delimiter(option: "\\t") == "\t")
        #expect(CSVSource.Options.delimiter(option: "tab") == "\t")
        #expect(CSVSource.Options.delimiter(option: ";;") == nil)
        #expect(CSVSource.Options.delimiter(option: "\"") == nil)
    }

    @Test func badRowsAreQuarantinedWithTheirLineAndTheRestIsRead() async throws {
        let bytes =
            Array("title,text,date\nOne,First body.,\n\"Two\nlines\",too,few,fields\n".utf8)
            + Array("Bad,".utf8) + [0xFF, 0xFE]
            + Array(",\nEmpty,,\nAmbiguous,Body.,05/04/2024\nAlso,\"Bad date.\",2024-13-40\nLast,Last body.,31/03/2024\n".utf8)
        let (articles, rejected) = try await read(bytes)
        #expect(articles.map(\.title) == ["One", "Last"])
        #expect(articles.map(\.source.line) == [2, 9])
        #expect(articles.last?.date == "2024-03-31", "an unambiguous day/month date is read")
        #expect(
            rejected.map { "\($0.line) \($0.reason)" } == [
                "3 wrong_field_count", "5 invalid_utf8", "6 no_body", "7 ambiguous_date", "8 bad_date",
            ])
        #expect(rejected.first?.message == "line 3: 4 fields, the header has 3")
        #expect(rejected.map(\.message)[3] == "line 7: 'date' '05/04/2024' could be day/month or month/day: set date_format (%d/%m/%Y or %m/%d/%Y)")
        #expect(rejected.allSatisfy { $0.path.hasSuffix("export.csv") && $0.stage == "csv" })
    }

    @Test func mappedColumnsAndDateFormatsAreRead() async throws {
        let csv = "uid,headline,body,published,category,byline,dek,link\n7,Fourty-two,The body.,05/04/2024,World,Ann Lee,The dek.,https://x.test/a\n"
        let (articles, rejected) = try await read(csv) {
            $0.fields = [
                "id": "uid", "title": "headline", "text": "body", "date": "published", "section": "category", "authors": "byline",
                "summary": "dek", "url": "link",
            ]
            $0.dateFormat = .pattern("%d/%m/%Y")
        }
        #expect(rejected.isEmpty)
        let article = try #require(articles.first)
        #expect(article.source.recordID == "7")
        #expect(article.title == "Fourty-two")
        #expect(article.date == "2024-04-05")
        #expect(article.section == "World")
        #expect(article.authors == ["Ann Lee"])
        #expect(article.summary == "The dek.")
        #expect(article.url == "https://x.test/a")
        #expect(article.extra == [:], "every column was mapped")
    }

    @Test func aHeaderWithoutTheTextColumnSkipsTheFile() async throws {
        let (articles, rejected) = try await read("title,body\nA,B\n")
        #expect(articles.isEmpty)
        #expect(rejected.map(\.reason) == ["missing_column"])
        #expect(rejected.first?.message == "line 1: the header has no column 'text' for the text (columns: title, body); the whole file is skipped")
    }

    @Test func anUnclosedQuoteIsQuarantinedAtTheLineItOpens() async throws {
        let (articles, rejected) = try await read("title,text\nA,Fine.\nB,\"never closed\nC,more\n")
        #expect(articles.map(\.title) == ["A"])
        #expect(rejected.map { "\($0.line) \($0.reason)" } == ["3 unclosed_quote"])
    }

    @Test func theCSVSinksArticlesTableReadsBackWithItsColumnsInExtra() async throws {
        let folder = try TestPaths.temporaryDirectory()
        let sink = try CSVSink(options: .with { $0.directory = folder.path }, context: StageContext())
        var article = SinkTestArticles.tromso()
        article.extra = ["wordcount": .integer(512), "tags": .array([.string("arctic")])]
        try await sink.write([article])
        try await sink.commit()
        let table = try String(contentsOf: folder.appendingPathComponent("articles.csv"), encoding: .utf8)
        let reader = try CSVReader(string: table, hasHeaderRow: true)
        let row = try #require(reader.next())
        let header = try #require(reader.headerRow)
        #expect(header.last == "extra")
        #expect(row[header.count - 1] == #"{"tags":["arctic"],"wordcount":512}"#)
    }
}

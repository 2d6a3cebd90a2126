import Foundation
import Testing

@testable import Copydesk

@Suite("text-drop ingest")
struct TextDropParserTests {
    func read(_ path: String) async throws -> (articles: [Article], rejected: [QuarantineRecord]) {
        let source = TextDropSource(options: .with { $0.path = path }, context: StageContext())
        return try await collect(source)
    }

    @Test(.needsSharedData) func seedArticleFields() async throws {
        let (articles, rejected) = try await read(TestPaths.seed)
        #expect(rejected.isEmpty)
        let article = try #require(articles.first)
        #expect(articles.count == 1)
        #expect(article.date == "2024-02-08")
        #expect(article.section == "International")
        #expect(
            article.title
                == "Russian President Vladimir Putin and Chinese President Xi Jinping expressed mutual rejection of the US course aimed at interfering in the internal affairs of other countries and exerting political and military pressure, Kremlin aide Yury Ushakov said on Thursday"
        )
        #expect(article.summary?.hasPrefix("Yury Ushakov, an advisor to the President") == true)
        #expect(article.text.hasPrefix("MOSCOW (Sputnik) - Russian President Vladimir Putin"))
        #expect(article.source == SourceLocation(path: TestPaths.seed, line: 1, format: "textdrop"))
        let headings = article.paragraphs.filter { $0.kind == .heading }.map { slice(article, $0.start, $0.end) }
        #expect(
            headings == [
                "Russia, China Renounce US Interference in Other State's Affairs",
                "Developments in Asia-Pacifi Region",
                "Joint Energy Projects Promotion",
                "Bilateral Financial Cooperation",
                "Record Bilateral Trade Turnover",
            ])
        #expect(article.paragraphs.count == 20)
        #expect(article.contentKey == ArticleID.contentKey(title: article.title, text: article.text))
        #expect(article.id == ArticleID.make(source: article.source, contentKey: article.contentKey))
    }

    @Test(.needsSharedData) func paragraphOffsetsCoverTheTextExactly() async throws {
        let (articles, _) = try await read(TestPaths.seed)
        let article = try #require(articles.first)
        let rebuilt = article.paragraphs.map { slice(article, $0.start, $0.end) }.joined(separator: "\n\n")
        #expect(rebuilt == article.text)
        #expect(article.paragraphs.last?.end == article.text.unicodeScalars.count)
    }

    @Test func messyDropIsProcessedAndEveryProblemNamed() async throws {
        let directory = TestPaths.fixture("messy")
        let (articles, rejected) = try await read(directory)
        #expect(articles.map(\.title) == ["CRLF headline", "Trailing spaces headline", "Good article in a messy drop"])
        let problems = rejected.map { "\(($0.path as NSString).lastPathComponent):\($0.line):\($0.reason)" }
        #expect(
            problems == [
                "01_empty.txt:0:empty_file",
                "02_no_body.txt:1:no_body",
                "05_invalid_utf8.txt:4:invalid_utf8",
                "06_missing_header.txt:1:missing_header",
                "07_bad_header_date.txt:1:bad_header",
                "09_binary.txt:4:binary_data",
            ])
        let utf8 = try #require(rejected.first { $0.reason == "invalid_utf8" })
        #expect(utf8.message == "line 4 is not valid UTF-8 (byte 0xE9 at column 8)")
        #expect(utf8.raw.contains("Latin-1 headline"))
    }

    @Test func crlfAndTrailingWhitespaceAreRemoved() async throws {
        let (articles, _) = try await read(TestPaths.fixture("messy/03_crlf.txt"))
        let crlf = try #require(articles.first)
        #expect(!crlf.text.contains("\r"))
        #expect(crlf.text == "First paragraph of a file saved on Windows.\n\nSecond paragraph, after a blank line.")
        let (trailing, _) = try await read(TestPaths.fixture("messy/04_trailing_whitespace.txt"))
        let article = try #require(trailing.first)
        #expect(article.section == "World")
        #expect(article.title == "Trailing spaces headline")
        #expect(article.summary == "Summary with trailing tabs.")
        #expect(article.text == "A paragraph with trailing spaces.\n\nAnother paragraph.")
    }

    @Test func severalArticlesInOneFileKeepTheirLines() async throws {
        let path = TestPaths.repository.appendingPathComponent("samples/011_two_short_items.txt").path
        let (articles, rejected) = try await read(path)
        #expect(rejected.isEmpty)
        #expect(articles.map(\.source.line) == [1, 7])
        #expect(articles.map(\.title) == ["Norway opens Arctic tunnel for cars and cyclists", "Japan's Nikkei closes at three-month high"])
    }

    @Test(arguments: [
        (" date 2024-02-08 International", TextDropParser.HeaderMatch.valid(.init(date: "2024-02-08", section: "International"))),
        ("date 2024-02-08", .valid(.init(date: "2024-02-08", section: nil))),
        ("\tdate 2024-02-29 Two Words  ", .valid(.init(date: "2024-02-29", section: "Two Words"))),
        ("date 2023-02-29 World", .malformed("malformed header: expected 'date YYYY-MM-DD Section', found 'date 2023-02-29 World'")),
        ("date 2024-02-08International", .malformed("malformed header: the date '2024-02-08Intern' must be followed by a space and the section")),
    ])
    func headerLines(line: String, expected: TextDropParser.HeaderMatch) {
        #expect(TextDropParser.header(Array(line.utf8)) == expected)
    }

    @Test(arguments: ["date night was cancelled", "Dated 2024", "the date 2024-01-01 was set", ""])
    func linesThatAreNotHeaders(line: String) {
        #expect(TextDropParser.header(Array(line.utf8)) == nil)
    }

    @Test func filesAreReadInSortedOrderFromAGlob() async throws {
        let pattern = TestPaths.repository.appendingPathComponent("samples/00[1-3]_*.txt").path
        let (articles, _) = try await read(pattern)
        #expect(
            articles.map { ($0.source.path as NSString).lastPathComponent } == [
                "001_rotterdam_port_strike.txt", "002_fed_holds_rates.txt", "003_dhaka_floods.txt",
            ])
    }

    @Test func missingPathFailsWhenTheRunOpensTheInput() throws {
        let locations = OptionLocations(
            file: "p.yaml", stagePosition: SourcePosition(line: 3, column: 5),
            positions: ["path": SourcePosition(line: 4, column: 11)])
        do {
            _ = try TextDropSource(options: .with { $0.path = "/nonexistent/drop" }, context: StageContext(optionLocations: locations)).makeReader()
            Issue.record("a missing input path must fail")
        } catch let error as InputError {
            #expect("\(error)" == "/nonexistent/drop: does not exist (p.yaml:4:11: path: input path)")
        }
    }
}

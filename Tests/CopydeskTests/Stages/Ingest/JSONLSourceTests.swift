import Foundation
import Testing

@testable import Copydesk

@Suite("JSON-lines ingest")
struct JSONLSourceTests {
    func read(_ path: String) async throws -> (articles: [Article], rejected: [QuarantineRecord]) {
        let source = JSONLSource(options: .with { $0.path = path }, context: StageContext())
        return try await collect(source)
    }

    @Test(.needsSharedData) func readsTheWikinewsCorpus() async throws {
        let (articles, rejected) = try await read(TestPaths.wikinews)
        #expect(rejected.isEmpty)
        #expect(articles.count == 295)
        let first = try #require(articles.first)
        #expect(first.source.recordID == "wikinews-2019-0001")
        #expect(Set(articles.map(\.id)).count == 295)
        #expect(first.date == "2019-01-04")
        #expect(first.url?.hasPrefix("https://en.wikinews.org/") == true)
        #expect(first.source.line == 1)
        #expect(first.paragraphs.first.map { slice(first, $0.start, $0.end) } == "Friday, January 4, 2019")
        #expect(articles.allSatisfy { $0.paragraphs.last?.end == $0.text.unicodeScalars.count })
    }

    @Test func badLinesAreQuarantinedWithTheirLineNumbers() async throws {
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("export.jsonl")
        let lines = [
            #"{"title": "Fine", "text": "A body.\nSecond paragraph."}"#,
            #"{"title": "No text"}"#,
            "",
            #"{"text": "Broken JSON"#,
            #"{"text": {"nested": 1}}"#,
            #"{"text": "Dated", "date": "08/02/2024"}"#,
            #"{"text": "Timestamped", "date": "2024-02-08T10:00:00Z", "id": "x-1"}"#,
        ]
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let (articles, rejected) = try await read(file.path)
        #expect(articles.map(\.text) == ["A body.\n\nSecond paragraph.", "Timestamped"])
        #expect(articles.map(\.source.line) == [1, 7])
        #expect(articles.map(\.source.recordID) == [nil, "x-1"], "a record's own id is kept as provenance")
        #expect(articles.last?.date == "2024-02-08")
        let first = try #require(articles.first)
        #expect(first.contentKey == ArticleID.contentKey(title: "Fine", text: "A body.\nSecond paragraph."))
        #expect(first.id == ArticleID.make(source: SourceLocation(path: file.path, line: 1, format: "jsonl"), contentKey: first.contentKey))
        #expect(
            rejected.map { "\($0.line) \($0.reason): \($0.message)" } == [
                "2 bad_json: line 2: missing required field 'text'",
                "4 bad_json: line 4: not a JSON object: "
                    + (rejected.count > 1 ? String(rejected[1].message.dropFirst("line 4: not a JSON object: ".count)) : ""),
                "5 bad_field: line 5: 'text' must be a string, found an object",
                "6 ambiguous_date: line 6: 'date' '08/02/2024' could be day/month or month/day: set date_format (%d/%m/%Y or %m/%d/%Y)",
            ])
        #expect(rejected.allSatisfy { $0.path == file.path && $0.stage == "jsonl" })
    }

    @Test func pageMetadataRoundTripsThroughTheJSONLSinkAndSource() async throws {
        let out = try TestPaths.temporaryDirectory().appendingPathComponent("articles.jsonl").path
        let sink = try JSONLSink(options: .with { $0.path = out }, context: StageContext())
        let written = SinkTestArticles.beijing()
        try await sink.write([written, SinkTestArticles.tromso()])
        try await sink.commit()
        let (articles, rejected) = try await read(out)
        #expect(rejected.isEmpty)
        #expect(articles.map(\.authors) == [["Anna Petrova", "Li Wei"], []])
        #expect(articles.map(\.language) == ["en-GB", nil])
        #expect(articles.map(\.site) == ["The Daily Ledger", nil])
        var read = try #require(articles.first)
        #expect(read.source.recordID == written.id)
        read.id = written.id
        read.source = written.source
        #expect(read == written, "every other field reads back as written too")
    }

    @Test func authorsMayBeOneNameAndRecordsWithoutPageMetadataHaveNone() async throws {
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("export.jsonl")
        // A record as versions before the page metadata wrote it: every other key, none of these.
        var old = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(SinkTestArticles.tromso())) as? [String: Any])
        for key in ["authors", "language", "site"] { old.removeValue(forKey: key) }
        let lines = [
            String(decoding: try JSONSerialization.data(withJSONObject: old, options: [.sortedKeys]), as: UTF8.self),
            #"{"text": "One byline.", "authors": "Jane Smith and John Roe, Staff", "language": "en", "site": "The Daily Ledger"}"#,
            #"{"text": "Listed.", "authors": ["Jane Smith", "John Roe"]}"#,
            #"{"text": "Nulls.", "authors": null, "language": null, "site": null}"#,
            #"{"text": "Empty byline.", "authors": ""}"#,
            #"{"text": "Nested.", "authors": {"name": "Jane Smith"}}"#,
        ]
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let (articles, rejected) = try await read(file.path)
        #expect(articles.map(\.authors) == [[], ["Jane Smith and John Roe, Staff"], ["Jane Smith", "John Roe"], [], []])
        #expect(articles.map(\.language) == [nil, "en", nil, nil, nil])
        #expect(articles.map(\.site) == [nil, "The Daily Ledger", nil, nil, nil])
        #expect(articles.first?.title == SinkTestArticles.tromso().title)
        #expect(articles.first?.entities == SinkTestArticles.tromso().entities)
        #expect(rejected.map { "\($0.line) \($0.reason)" } == ["6 bad_field"])
        #expect(rejected.first?.message == "line 6: 'authors' must be a string, found an object")
    }
}

import Foundation
import Testing

@testable import Copydesk

@Suite("field mapping and extra fields")
struct FieldMappingTests {
    /// Writes `lines` as a JSON-lines file and reads it with `configure`d options.
    func read(_ lines: [String], _ configure: (inout JSONLSource.Options) -> Void = { _ in }) async throws -> (
        articles: [Article], rejected: [QuarantineRecord]
    ) {
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("export.jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return try await collect(
            JSONLSource(
                options: .with {
                    $0.path = file.path; configure(&$0)
                }, context: StageContext()))
    }

    @Test func nestedPathsAreReadAndTheRestIsKeptInExtra() async throws {
        let line = #"""
            {"uid": 42, "headline": "Ferry strike ends", "body": "The strike ended.", "meta": {"published": "2024-02-08T06:00:00+01:00", "desk": "North", "byline": ["Ann Lee", "Bo Ek"]}, "link": "https://x.test/a", "wordcount": 512, "tags": ["ferry"], "title": "an input field of its own", "source": {"name": "NTB"}}
            """#
        let (articles, rejected) = try await read([line]) {
            $0.fields = [
                "id": "uid", "title": "headline", "text": "body", "date": "meta.published", "authors": "meta.byline", "url": "link",
            ]
        }
        #expect(rejected.isEmpty)
        let article = try #require(articles.first)
        #expect(article.source.recordID == "42", "a number where a string is expected is converted to its text")
        #expect(article.title == "Ferry strike ends")
        #expect(article.date == "2024-02-08", "the calendar date as written")
        #expect(article.authors == ["Ann Lee", "Bo Ek"])
        #expect(article.url == "https://x.test/a")
        #expect(article.contentKey == ArticleID.contentKey(title: "Ferry strike ends", text: "The strike ended."))
        #expect(
            article.extra == [
                "meta": .object(["desk": .string("North")]), "wordcount": .integer(512), "tags": .array([.string("ferry")]),
                "title": .string("an input field of its own"), "source": .object(["name": .string("NTB")]),
            ])
    }

    @Test func numbersAreConvertedAndObjectsWhereAStringIsExpectedAreQuarantined() async throws {
        let (articles, rejected) = try await read([
            #"{"title": 42, "text": "Numbers.", "section": 1.5, "site": true}"#,
            #"{"title": {"main": "A"}, "text": "Object."}"#,
        ])
        #expect(articles.map(\.title) == ["42"])
        #expect(articles.first?.section == "1.5")
        #expect(articles.first?.site == "true")
        #expect(articles.first?.extra == [:])
        #expect(rejected.map { "\($0.line) \($0.reason): \($0.message)" } == ["2 bad_field: line 2: 'title' must be a string, found an object"])
        let (_, mapped) = try await read([#"{"headline": ["A", "B"], "text": "List."}"#]) { $0.fields = ["title": "headline"] }
        #expect(mapped.map(\.message) == ["line 1: 'headline' (title) must be a string, found a list"])
    }

    @Test func extraRoundTripsThroughTheJSONLSinkByteForByte() async throws {
        let folder = try TestPaths.temporaryDirectory()
        let input = folder.appendingPathComponent("input.jsonl")
        let line = #"{"text": "Body.", "zeta": {"b": [1, 2.5, null, true], "a": "x/y"}, "alpha": -3, "id": "r-1", "empty": {}}"#
        try line.write(to: input, atomically: true, encoding: .utf8)
        var extras: [String] = []
        var path = input.path
        for pass in 1...2 {
            let (articles, rejected) = try await collect(JSONLSource(options: .with { $0.path = path }, context: StageContext()))
            #expect(rejected.isEmpty)
            let out = folder.appendingPathComponent("pass\(pass).jsonl").path
            let sink = try JSONLSink(options: .with { $0.path = out }, context: StageContext())
            try await sink.write(articles)
            try await sink.commit()
            let written = try #require(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").first)
            let afterKey = try #require(written.components(separatedBy: #""extra":"#).last)
            extras.append(afterKey.components(separatedBy: #","id":""#)[0])
            path = out
        }
        #expect(extras[0] == #"{"alpha":-3,"empty":{},"zeta":{"a":"x/y","b":[1,2.5,null,true]}}"#)
        #expect(extras[0] == extras[1], "read back and written again, extra is the same bytes")
    }

    @Test func datesAreReadAsTheFormatSaysAndAmbiguousOnesAreNeverGuessed() {
        let automatic = DateFormat.automatic
        #expect(automatic.read("2024-02-08") == .date("2024-02-08"))
        #expect(automatic.read("2024-02-08T23:30:00-05:00") == .date("2024-02-08"))
        #expect(automatic.read("Thu, 8 Feb 2024 10:00:00 +0000") == .date("2024-02-08"))
        #expect(automatic.read("8 Feb 2024") == .date("2024-02-08"))
        #expect(automatic.read("05/04/2024") == .ambiguous)
        #expect(automatic.read("31/03/2024") == .date("2024-03-31"))
        #expect(automatic.read("03/31/2024") == .date("2024-03-31"))
        #expect(automatic.read("05.05.2024") == .date("2024-05-05"))
        #expect(automatic.read("31/31/2024") == .mismatch)
        #expect(automatic.read("yesterday") == .mismatch)
        #expect(DateFormat.pattern("%d/%m/%Y").read("05/04/2024") == .date("2024-04-05"))
        #expect(DateFormat.pattern("%m/%d/%Y").read("05/04/2024") == .date("2024-05-04"))
        #expect(DateFormat.pattern("%d/%m/%Y").read("2024-04-05") == .mismatch)
        #expect(DateFormat.pattern("%d/%m/%Y").read("31/02/2024") == .mismatch)
        #expect(DateFormat.pattern("%Y-%m-%d").read("2024-4-5") == .date("2024-04-05"))
        #expect(DateFormat.pattern("%B %d, %Y").read("February 8, 2024") == .date("2024-02-08"))
        #expect(DateFormat.pattern("%a %d %b %Y %H:%M %z").read("Thu 08 Feb 2024 10:00 +01:00") == .date("2024-02-08"))
        #expect(DateFormat.rfc2822.read("Thu, 29 Feb 2024 23:59:59 GMT") == .date("2024-02-29"))
        #expect(DateFormat.rfc2822.read("2024-02-29") == .mismatch)
        #expect(DateFormat.iso8601.read("2024-02-08 10:00:00.123Z") == .date("2024-02-08"))
        #expect(DateFormat.iso8601.read("2024-02-08T10:00+0100") == .date("2024-02-08"))
        #expect(DateFormat.iso8601.read("2024-02-08Tnoon") == .mismatch)
        #expect(DateFormat(option: "") == .automatic)
        #expect(DateFormat(option: "rfc2822") == .rfc2822)
        #expect(DateFormat(option: "%d/%m/%Y") == .pattern("%d/%m/%Y"))
        #expect(DateFormat(option: "%d/%m") == nil, "a pattern needs a year")
        #expect(DateFormat(option: "%d/%q/%Y") == nil)
    }

    @Test func aDateThatDoesNotMatchTheFormatIsQuarantinedNamingTheField() async throws {
        let (articles, rejected) = try await read([
            #"{"text": "A.", "published": "05/04/2024"}"#,
            #"{"text": "B.", "published": "2024-04-05"}"#,
        ]) {
            $0.fields = ["date": "published"]
            $0.dateFormat = .pattern("%d/%m/%Y")
        }
        #expect(articles.map(\.date) == ["2024-04-05"])
        #expect(rejected.map(\.reason) == ["bad_date"])
        #expect(rejected.first?.message == "line 2: 'published' (date) must be a date written '%d/%m/%Y' (date_format), found '2024-04-05'")
    }

    @Test func anUnknownMappedFieldIsAConfigErrorAtItsPosition() {
        let loader = PipelineLoader(environment: [:])
        func firstLines(_ yaml: String) -> [String] { loader.errorLines(yaml).map { String($0.prefix { $0 != "\n" }) } }
        let jsonl = """
            name: mapped
            stages:
              - type: jsonl
                path: in.jsonl
                fields: {title: headline, titel: body}
                date_format: "%q"
              - type: jsonl
                path: out.jsonl
            """
        #expect(
            firstLines(jsonl) == [
                "pipeline.yaml:5:31: fields: unknown field 'titel' (did you mean 'title'?)",
                "pipeline.yaml:6:18: date_format: expected \(DateFormat.optionDescription), found '%q'",
            ])
        let csv = """
            name: mapped
            stages:
              - type: csv
                path: in.csv
                delimiter: ";;"
                fields:
                  text: body
                  byline: authors
              - type: jsonl
                path: out.jsonl
            """
        let errors = firstLines(csv)
        #expect(errors.count == 2)
        #expect(errors.first == "pipeline.yaml:5:16: delimiter: expected one character (\\t or tab for a tab), found ';;'")
        #expect(errors.last?.hasPrefix("pipeline.yaml:8:7: fields: unknown field 'byline' (known: id, title, summary, text, date") == true)
        #expect(
            firstLines(
                csv.replacingOccurrences(of: "delimiter: \";;\"", with: "delimiter: \"\\t\"").replacingOccurrences(of: "byline", with: "authors")
            ).isEmpty)
    }
}

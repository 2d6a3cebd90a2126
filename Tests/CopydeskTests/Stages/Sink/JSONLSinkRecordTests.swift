import Foundation
import Testing

@testable import Copydesk

@Suite("JSON-lines sink records read back")
struct JSONLSinkRecordTests {
    /// The lines `articles` become through a `jsonl` sink (written in batches of 64), each with
    /// its line break removed; the file ends with a line break.
    func sinkLines(_ articles: [Article]) async throws -> [Data] {
        let out = try TestPaths.temporaryDirectory().appendingPathComponent("articles.jsonl").path
        let sink = try JSONLSink(options: .with { $0.path = out }, context: StageContext())
        for start in stride(from: 0, to: articles.count, by: 64) {
            try await sink.write(Array(articles[start..<min(articles.count, start + 64)]))
        }
        try await sink.commit()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(bytes.last == UInt8(ascii: "\n"))
        return Array(bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast())
    }

    @Test func everyLineIsJSONEncodersAndParsesBackToTheArticlesFields() async throws {
        var generator = AwkwardArticles(seed: 7)
        let articles = try await defaultPipelineArticles() + generator.next(1_000)
        let lines = try await sinkLines(articles)
        #expect(lines.count == articles.count)
        for (index, (article, line)) in zip(articles, lines).enumerated() {
            #expect(Array(line) == (try JSONByteWriterTests.foundationJSON(article)), "line \(index + 1)")
            let record = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any], "line \(index + 1)")
            let differences = RecordComparison(record: record, article: article).differences
            #expect(differences.isEmpty, "line \(index + 1): \(differences.joined(separator: "; "))")
        }
    }

    @Test func aNumberWithoutJSONFormFailsTheBatch() async throws {
        var article = JSONByteWriterTests.bare()
        article.similarity = .nan
        let out = try TestPaths.temporaryDirectory().appendingPathComponent("articles.jsonl").path
        let sink = try JSONLSink(options: .with { $0.path = out }, context: StageContext())
        await #expect(throws: JSONByteWriter.Unwritable.self) { try await sink.write([JSONByteWriterTests.bare(), article]) }
        await sink.discard()
    }
}

/// The fields of a record read by `JSONSerialization` set against the article it was written
/// from; each field that differs is named in ``differences``.
private struct RecordComparison {
    /// The fields that differ, with both values.
    private(set) var differences: [String] = []

    /// Compares every field of `record` with `article`.
    init(record: [String: Any], article: Article) {
        string(record, "id", article.id)
        string(record, "content_key", article.contentKey)
        string(record, "date", article.date)
        string(record, "section", article.section)
        string(record, "title", article.title)
        string(record, "summary", article.summary)
        string(record, "url", article.url)
        string(record, "language", article.language)
        string(record, "site", article.site)
        string(record, "text", article.text)
        string(record, "duplicate_of", article.duplicateOf)
        number(record, "similarity", article.similarity)
        check("authors", (record["authors"] as? [Any]).map { Self.matches($0, .array(article.authors.map(JSONValue.string))) } ?? false)
        let source = record["source"] as? [String: Any] ?? [:]
        string(source, "path", article.source.path)
        integer(source, "line", article.source.line)
        string(source, "format", article.source.format)
        string(source, "record_id", article.source.recordID)
        string(source, "member", article.source.member)
        integer(source, "offset", article.source.offset)
        if let dateline = article.dateline {
            let written = record["dateline"] as? [String: Any] ?? [:]
            check(
                "dateline keys",
                Set(written.keys)
                    == Set(["start_offset", "end_offset"] + (dateline.place == nil ? [] : ["place"]) + (dateline.agency == nil ? [] : ["agency"])))
            if let place = dateline.place { string(written, "place", place) }
            if let agency = dateline.agency { string(written, "agency", agency) }
            integer(written, "start_offset", dateline.start)
            integer(written, "end_offset", dateline.end)
        } else {
            check("dateline", record["dateline"] is NSNull)
        }
        compareList(record, "paragraphs", article.paragraphs) { this, written, paragraph in
            this.string(written, "kind", paragraph.kind.rawValue)
            this.integer(written, "start_offset", paragraph.start)
            this.integer(written, "end_offset", paragraph.end)
        }
        compareList(record, "sentences", article.sentences) { this, written, sentence in
            this.string(written, "text", sentence.text)
            this.integer(written, "paragraph", sentence.paragraph)
        }
        compareList(record, "entities", article.entities) { this, written, entity in
            this.string(written, "text", entity.text)
            this.string(written, "type", entity.type.rawValue)
            this.string(written, "canonical", entity.canonical)
            this.integer(written, "mentions", entity.mentions)
        }
        compareList(record, "quotes", article.quotes) { this, written, quote in
            this.string(written, "text", quote.text)
            this.string(written, "speaker", quote.speaker)
            this.string(written, "verb", quote.verb)
        }
        compareList(record, "amounts", article.amounts) { this, written, amount in
            this.string(written, "text", amount.text)
            this.string(written, "kind", amount.kind.rawValue)
            this.number(written, "value", amount.value)
            this.string(written, "currency", amount.currency)
            this.string(written, "unit", amount.unit)
            this.string(written, "qualifier", amount.qualifier)
        }
        compareList(record, "dates", article.dates) { this, written, date in
            this.string(written, "text", date.text)
            this.string(written, "value", date.value)
            this.string(written, "resolution", date.resolution)
        }
        compareList(record, "removed_blocks", article.removedBlocks) { this, written, block in
            this.string(written, "kind", block.kind)
            this.string(written, "location", block.location)
            this.number(written, "containment", block.containment)
        }
        check("extra", record["extra"].map { Self.matches($0, .object(article.extra)) } ?? false)
    }

    /// Whether a value read by `JSONSerialization` is `value`.
    private static func matches(_ read: Any, _ value: JSONValue) -> Bool {
        switch value {
        case .null: return read is NSNull
        case .bool(let flag): return read as? Bool == flag
        case .integer(let number): return integer(read) == number
        case .number(let number): return double(read) == number
        case .string(let text): return sameText(read, text)
        case .array(let elements):
            guard let read = read as? [Any], read.count == elements.count else { return false }
            return zip(read, elements).allSatisfy { matches($0, $1) }
        case .object(let members):
            guard let read = read as? [String: Any], read.count == members.count else { return false }
            let readByKey = Dictionary(read.map { (withoutByteOrderMarks($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
            return members.allSatisfy { key, member in readByKey[withoutByteOrderMarks(key)].map { matches($0, member) } ?? false }
        }
    }

    /// Whether `read` is the string `expected`, U+FEFF aside: `JSONSerialization` on Linux drops
    /// that character (which `JSONEncoder` writes as it is) at the start of a string and right
    /// after an escape sequence.
    private static func sameText(_ read: Any?, _ expected: String) -> Bool {
        (read as? String).map { withoutByteOrderMarks($0) == withoutByteOrderMarks(expected) } ?? false
    }

    /// `text` without any U+FEFF.
    private static func withoutByteOrderMarks(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\u{FEFF}" }))
    }

    /// The number `read` as a double. `JSONSerialization` reads some numbers (17 digits, large
    /// exponents) as `NSDecimalNumber`, whose `doubleValue` can be off in the last digits; its
    /// decimal text converts exactly.
    private static func double(_ read: Any?) -> Double? {
        if let decimal = read as? NSDecimalNumber { return Double(decimal.description) }
        return (read as? NSNumber)?.doubleValue
    }

    /// The number `read` as a 64-bit integer (from its decimal text when it was read as
    /// `NSDecimalNumber`).
    private static func integer(_ read: Any?) -> Int64? {
        if let decimal = read as? NSDecimalNumber { return Int64(decimal.description) }
        return (read as? NSNumber)?.int64Value
    }

    /// Notes `field` as different unless `same`.
    private mutating func check(_ field: String, _ same: Bool) {
        if !same { differences.append(field) }
    }

    /// Compares a string field that is `null` when `expected` is nil.
    private mutating func string(_ record: [String: Any], _ key: String, _ expected: String?) {
        let read = record[key]
        let same = expected.map { Self.sameText(read, $0) } ?? (read is NSNull)
        if !same { differences.append("\(key): \(read.map { "\($0)" } ?? "absent") is not \(expected ?? "null")") }
    }

    /// Compares an integer field that is `null` when `expected` is nil.
    private mutating func integer(_ record: [String: Any], _ key: String, _ expected: Int?) {
        let read = record[key]
        let same = expected.map { Self.integer(read) == Int64($0) } ?? (read is NSNull)
        if !same { differences.append("\(key): \(read.map { "\($0)" } ?? "absent") is not \(expected.map(String.init) ?? "null")") }
    }

    /// Compares a number field that is `null` when `expected` is nil.
    private mutating func number(_ record: [String: Any], _ key: String, _ expected: Double?) {
        let read = record[key]
        let same = expected.map { Self.double(read) == $0 } ?? (read is NSNull)
        if !same { differences.append("\(key): \(read.map { "\($0)" } ?? "absent") is not \(expected.map { "\($0)" } ?? "null")") }
    }

    /// Compares a list field element by element with `compare`.
    private mutating func compareList<Element>(
        _ record: [String: Any], _ key: String, _ expected: [Element], _ compare: (inout Self, [String: Any], Element) -> Void
    ) {
        guard let read = record[key] as? [[String: Any]], read.count == expected.count else {
            return differences.append("\(key): \(record[key].map { "\($0)" } ?? "absent") has not \(expected.count) objects")
        }
        for (written, element) in zip(read, expected) { compare(&self, written, element) }
    }
}

import Foundation
import Testing

@testable import Copydesk

@Suite("JSON byte writer")
struct JSONByteWriterTests {
    /// What the `jsonl` sink wrote before the byte writer: Foundation's `JSONEncoder`, keys
    /// sorted, slashes not escaped.
    static func foundationJSON<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// The byte writer's record of `article`.
    static func writtenJSON(_ article: Article) throws -> [UInt8] {
        var json = JSONByteWriter()
        try json.write(article)
        return json.bytes
    }

    /// An article with nothing but the required fields.
    static func bare(title: String? = nil, text: String = "") -> Article {
        Article(id: "a", source: Copydesk.SourceLocation(path: "p", line: 1, format: "f"), title: title, text: text)
    }

    /// Records an issue, showing both texts, unless the writer's bytes for `article` are
    /// Foundation's.
    func expectSameBytes(_ article: Article, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let expected = try Self.foundationJSON(article)
        let written = try Self.writtenJSON(article)
        if written != expected {
            Issue.record(
                "written:\n\(String(decoding: written, as: UTF8.self))\nJSONEncoder:\n\(String(decoding: expected, as: UTF8.self))",
                sourceLocation: sourceLocation)
        }
    }

    @Test func theSamplesThroughTheDefaultPipelineAreWrittenAsJSONEncoderWritesThem() async throws {
        let articles = try await defaultPipelineArticles()
        #expect(articles.count == 12)
        #expect(articles.contains { $0.dateline != nil && !$0.amounts.isEmpty && !$0.quotes.isEmpty && !$0.dates.isEmpty })
        #expect(articles.contains { !$0.removedBlocks.isEmpty })
        for article in articles { try expectSameBytes(article) }
    }

    @Test func generatedAwkwardArticlesAreWrittenAsJSONEncoderWritesThem() throws {
        var generator = AwkwardArticles(seed: 2_024)
        for article in generator.next(3_000) { try expectSameBytes(article) }
    }

    @Test func everyASCIICharacterAndSomeOthersAreEscapedAsJSONEncoderEscapesThem() throws {
        let others: [Unicode.Scalar] = ["\u{80}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFF}", "\u{10000}", "😀", "\u{10FFFF}"]
        for scalar in (0...0x7F).map({ Unicode.Scalar(UInt8($0)) }) + others {
            // Every position in and around one eight-byte word, and runs of the character alone.
            for offset in 0...17 {
                let title = String(repeating: "x", count: offset) + String(scalar) + String(repeating: "y", count: 17 - offset)
                try expectSameBytes(Self.bare(title: title, text: String(repeating: String(scalar), count: offset)))
            }
        }
    }

    @Test func doublesOfEveryMagnitudeAreWrittenAsJSONEncoderWritesThem() throws {
        var generator = AwkwardArticles(seed: 53)
        let doubles = AwkwardArticles.edgeDoubles + (0..<20_000).map { _ in generator.double() }
        for double in doubles {
            var json = JSONByteWriter()
            try json.number(double)
            let expected = try Self.foundationJSON(JSONValue.number(double))
            if json.bytes != expected {
                Issue.record(
                    "\(double): written \(String(decoding: json.bytes, as: UTF8.self)), JSONEncoder \(String(decoding: expected, as: UTF8.self))")
            }
        }
    }

    @Test func extraNestedTooDeepFailsWhereJSONEncoderFails() throws {
        var outcomes: Set<Bool> = []
        for levels in 505...512 {
            for objects in [false, true] {
                var nested = JSONValue.string("bottom")
                for _ in 0..<levels { nested = objects ? .object(["k": nested]) : .array([nested]) }
                var article = Self.bare()
                article.extra = ["deep": nested]
                let expected = try? Self.foundationJSON(article)
                let written = try? Self.writtenJSON(article)
                #expect(written == expected, "\(levels) nested \(objects ? "objects" : "arrays")")
                outcomes.insert(expected != nil)
            }
        }
        #expect(outcomes == [true, false])
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aNumberWithoutJSONFormFailsAsInJSONEncoderAndLeavesTheBufferAsItWas(_ bad: Double) throws {
        let placements: [(String, (inout Article) -> Void)] = [
            ("similarity", { $0.similarity = bad }),
            ("amount", { $0.amounts = [Amount(text: "x", kind: .quantity, value: bad, start: 0, end: 1, sentence: 0)] }),
            ("removed block", { $0.removedBlocks = [RemovedBlock(kind: "k", location: "l", containment: bad)] }),
            ("extra", { $0.extra = ["n": .array([.integer(1), .number(bad)])] }),
        ]
        for (place, spoil) in placements {
            var article = Self.bare(title: "t")
            spoil(&article)
            #expect(throws: EncodingError.self, "\(place)") { try Self.foundationJSON(article) }
            var json = JSONByteWriter()
            try json.write(Self.bare())
            let before = json.bytes
            do {
                try json.write(article)
                Issue.record("\(place): written")
            } catch {
                #expect(json.bytes == before, "\(place)")
            }
        }
    }
}

import Foundation
import Testing
@testable import Copydesk

@Suite("JSON-lines sink")
struct JSONLSinkTests {
    func sink(_ path: String) throws -> JSONLSink {
        try JSONLSink(options: .defaults(for: JSONLSink.self, ["path": .string(path)]), context: StageContext())
    }

    func sample() -> Article {
        var article = Article(id: "abc", source: SourceLocation(path: "drop/a.txt", line: 3, format: "textdrop"),
                              date: "2024-02-08", section: "World", title: "Title \"quoted\"", summary: nil,
                              text: "Café — naïve, 100%.\n\nSecond line.", paragraphs: [
                                  Paragraph(kind: .paragraph, start: 0, end: 19), Paragraph(kind: .heading, start: 21, end: 33)])
        article.quotes = [Quote(text: "Yes", speaker: nil, verb: nil, start: 0, end: 5, sentence: 0)]
        article.amounts = [Amount(text: "100%", kind: .percent, value: 100, start: 14, end: 18, sentence: 0)]
        return article
    }

    @Test func recordsRoundTripIntoTheModel() async throws {
        let out = TestPaths.temporaryDirectory().appendingPathComponent("nested/articles.jsonl").path
        let sink = try sink(out)
        try await sink.write([sample(), sample()])
        try await sink.commit()
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try JSONDecoder().decode(Article.self, from: Data(lines[0].utf8)) == sample())
    }

    @Test func everyFieldIsWrittenEvenWhenEmpty() async throws {
        let out = TestPaths.temporaryDirectory().appendingPathComponent("articles.jsonl").path
        let sink = try sink(out)
        try await sink.write([sample()])
        try await sink.commit()
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        #expect(object.keys.sorted() == ["amounts", "date", "dateline", "dates", "duplicate_of", "entities", "id", "paragraphs",
                                          "quotes", "removed_blocks", "section", "sentences", "similarity", "source", "summary",
                                          "text", "title", "url"])
        #expect(object["summary"] is NSNull)
        let quote = (object["quotes"] as! [[String: Any]])[0]
        #expect(quote["speaker"] is NSNull)
    }

    @Test func nothingAppearsUnderTheFinalNameBeforeCommit() async throws {
        let directory = TestPaths.temporaryDirectory()
        let out = directory.appendingPathComponent("articles.jsonl").path
        let sink = try sink(out)
        try await sink.write([sample()])
        #expect(!FileManager.default.fileExists(atPath: out))
        await sink.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    @Test func anUnwritableDirectoryFailsWithTheFileNamed() async throws {
        let directory = TestPaths.temporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path) }
        guard getuid() != 0 || !FileManager.default.isWritableFile(atPath: directory.path) else {
            let file = directory.appendingPathComponent("blocker")
            try "x".write(to: file, atomically: false, encoding: .utf8)
            let sink = try sink(file.appendingPathComponent("articles.jsonl").path)
            await #expect(throws: AtomicFileWriter.Failure.self) { try await sink.write([sample()]) }
            return
        }
        let sink = try sink(directory.appendingPathComponent("articles.jsonl").path)
        await #expect(throws: AtomicFileWriter.Failure.self) { try await sink.write([sample()]) }
    }
}

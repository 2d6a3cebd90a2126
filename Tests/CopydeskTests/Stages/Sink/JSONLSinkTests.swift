import Foundation
import Testing

@testable import Copydesk

@Suite("JSON-lines sink")
struct JSONLSinkTests {
    func sink(_ path: String, gzip: Bool = false, append: Bool = false) throws -> JSONLSink {
        try JSONLSink(
            options: .with {
                $0.path = path; $0.gzip = gzip; $0.append = append
            },
            context: StageContext())
    }

    /// The article `sample()` with another id and date.
    func sample(id: String, date: String?) -> Article {
        var article = sample()
        article.id = id
        article.date = date
        return article
    }

    /// The lines of a gzip file, decompressed by the system's `gzip`.
    func gunzippedLines(_ path: String) throws -> [Substring] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "gzip -dc \(path)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
    }

    func sample() -> Article {
        var article = Article(
            id: "abc", source: SourceLocation(path: "drop/a.txt", line: 3, format: "textdrop"),
            date: "2024-02-08", section: "World", title: "Title \"quoted\"", summary: nil,
            text: "Café — naïve, 100%.\n\nSecond line.",
            paragraphs: [
                Paragraph(kind: .paragraph, start: 0, end: 19), Paragraph(kind: .heading, start: 21, end: 33),
            ])
        article.quotes = [Quote(text: "Yes", speaker: nil, verb: nil, start: 0, end: 5, sentence: 0)]
        article.amounts = [Amount(text: "100%", kind: .percent, value: 100, start: 14, end: 18, sentence: 0)]
        return article
    }

    @Test func recordsRoundTripIntoTheModel() async throws {
        let out = try TestPaths.temporaryDirectory().appendingPathComponent("nested/articles.jsonl").path
        let sink = try sink(out)
        try await sink.write([sample(), sample()])
        try await sink.commit()
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try JSONDecoder().decode(Article.self, from: Data(lines[0].utf8)) == sample())
    }

    @Test func everyFieldIsWrittenEvenWhenEmpty() async throws {
        let out = try TestPaths.temporaryDirectory().appendingPathComponent("articles.jsonl").path
        let sink = try sink(out)
        try await sink.write([sample()])
        try await sink.commit()
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        #expect(
            object.keys.sorted() == [
                "amounts", "authors", "content_key", "date", "dateline", "dates", "duplicate_of", "entities", "extra", "id",
                "language", "paragraphs", "quotes", "removed_blocks", "section", "sentences", "similarity", "site", "source",
                "summary", "text", "title", "url",
            ])
        #expect(object["summary"] is NSNull)
        #expect((object["authors"] as? [Any])?.isEmpty == true)
        #expect(object["language"] is NSNull)
        #expect(object["site"] is NSNull)
        #expect((object["extra"] as? [String: Any])?.isEmpty == true)
        #expect((object["source"] as? [String: Any])?.keys.sorted() == ["format", "line", "member", "offset", "path", "record_id"])
        let quote = (object["quotes"] as! [[String: Any]])[0]
        #expect(quote["speaker"] is NSNull)
    }

    @Test func nothingAppearsUnderTheFinalNameBeforeCommit() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let out = directory.appendingPathComponent("articles.jsonl").path
        let sink = try sink(out)
        try await sink.write([sample()])
        #expect(!FileManager.default.fileExists(atPath: out))
        await sink.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    @Test func anUnwritableDirectoryFailsWithTheFileNamed() async throws {
        let directory = try TestPaths.temporaryDirectory()
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

    @Test func gzipOutputDecompressesToTheSameRecordsAcrossSeveralMembers() async throws {
        let out = try TestPaths.temporaryDirectory().appendingPathComponent("articles.jsonl.gz").path
        let sink = try sink(out, gzip: true)
        // Enough lines for more than one flushed megabyte, so the file holds several gzip members.
        let articles = (0..<6_000).map { sample(id: "id-\($0)", date: "2024-02-08") }
        for start in stride(from: 0, to: articles.count, by: 500) { try await sink.write(Array(articles[start..<start + 500])) }
        try await sink.commit()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(bytes.prefix(2) == Data([0x1F, 0x8B]))
        let lines = try gunzippedLines(out)
        #expect(lines.count == 6_000)
        #expect(try JSONDecoder().decode(Article.self, from: Data(lines[5_999].utf8)) == articles[5_999])
        #expect(bytes.count < lines.reduce(0) { $0 + $1.utf8.count } / 5)
    }

    @Test func appendingToAGzipFileAddsMembers() async throws {
        let out = try TestPaths.temporaryDirectory().appendingPathComponent("articles.jsonl.gz").path
        for run in 0..<2 {
            let sink = try sink(out, gzip: true, append: true)
            try await sink.write([sample(id: "run-\(run)", date: nil)])
            try await sink.commit()
        }
        let ids = try gunzippedLines(out).map { try JSONDecoder().decode(Article.self, from: Data($0.utf8)).id }
        #expect(ids == ["run-0", "run-1"])
    }

    @Test func aDateInThePathWritesOneFilePerDateInInputOrder() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let sink = try sink(directory.appendingPathComponent("{date}.jsonl").path)
        try await sink.write([sample(id: "a", date: "2024-02-08"), sample(id: "b", date: "2024-02-09"), sample(id: "c", date: nil)])
        try await sink.write([sample(id: "d", date: "2024-02-08"), sample(id: "e", date: "../../2024-02-08"), sample(id: "f", date: "2024-02-30")])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { $0.hasPrefix(".") },
            "nothing under a final name before commit")
        try await sink.commit()
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
                == ["2024-02-08.jsonl", "2024-02-09.jsonl", "undated.jsonl"])
        func ids(_ name: String) throws -> [String] {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
                .map { try JSONDecoder().decode(Article.self, from: Data($0.utf8)).id }
        }
        #expect(try ids("2024-02-08.jsonl") == ["a", "d"])
        #expect(try ids("2024-02-09.jsonl") == ["b"])
        #expect(try ids("undated.jsonl") == ["c", "e", "f"])
    }

    @Test func aDiscardedSplitRunLeavesThePreviousFilesAsTheyWere() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let template = directory.appendingPathComponent("{date}.jsonl").path
        let first = try sink(template)
        try await first.write([sample(id: "kept", date: "2024-02-08")])
        try await first.commit()
        let before = try Data(contentsOf: directory.appendingPathComponent("2024-02-08.jsonl"))
        let second = try sink(template)
        try await second.write([sample(id: "new", date: "2024-02-08"), sample(id: "other", date: "2024-03-01")])
        await second.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["2024-02-08.jsonl"])
        #expect(try Data(contentsOf: directory.appendingPathComponent("2024-02-08.jsonl")) == before)
    }
}

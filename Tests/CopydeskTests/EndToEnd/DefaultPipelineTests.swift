import Foundation
import Testing

@testable import Copydesk

@Suite("default pipeline end to end")
struct DefaultPipelineTests {
    func run(input: String) async throws -> (summary: RunSummary, articles: [Article], out: URL) {
        let out = try TestPaths.temporaryDirectory()
        let definition = try PipelineLoader(environment: ["INPUT": input, "OUT": out.path])
            .load(path: TestPaths.repository.appendingPathComponent("pipelines/default.yaml").path)
        let summary = try await PipelineRunner(definition: definition).run()
        return (summary, try writtenArticles(in: out.path), out)
    }

    @Test func samplesRunCleanly() async throws {
        let (summary, articles, out) = try await run(input: TestPaths.repository.appendingPathComponent("samples").path)
        #expect(summary.quarantined == 0)
        #expect(summary.isBalanced)
        #expect(articles.count == summary.articlesWritten)
        #expect(articles.count == 12)
        #expect(summary.duplicates == 2)
        let quarantine = try String(contentsOf: out.appendingPathComponent("quarantine.jsonl"), encoding: .utf8)
        #expect(quarantine.isEmpty)
        #expect(articles.allSatisfy { $0.paragraphs.last?.end == $0.text.unicodeScalars.count })
    }

    @Test func quotesOnTheSamplesCarryNoPunctuationOfTheSentenceAround() async throws {
        let (_, articles, _) = try await run(input: TestPaths.repository.appendingPathComponent("samples").path)
        let quotes = articles.flatMap { article in article.quotes.map { (article, $0) } }
        #expect(quotes.count >= 10, "the samples quote people: \(quotes.count)")
        #expect(quotes.contains { $0.1.speaker != nil })
        let titles: Set<String> = ["Dr", "Mr", "Mrs", "Ms", "Prof", "Sir", "Gen", "Sen", "Rep"]
        for (article, quote) in quotes {
            #expect(quote.text.last.map { !",;: ".contains($0) } ?? false, "\(article.id): \(quote.text)")
            #expect(ExtractTestSupport.isEnclosedText(of: quote, in: article.text), "\(article.id): \(quote.text)")
            if let speaker = quote.speaker { #expect(!titles.contains(speaker.trimmingCharacters(in: .punctuationCharacters)), "\(speaker)") }
        }
    }

    @Test(.needsSharedData) func theSeedComesOutWithItsFieldsAndHeadings() async throws {
        let (_, articles, _) = try await run(input: TestPaths.seed)
        let article = try #require(articles.first)
        #expect(article.date == "2024-02-08")
        #expect(article.section == "International")
        #expect(article.title?.hasSuffix("Kremlin aide Yury Ushakov said on Thursday") == true)
        #expect(article.paragraphs.filter { $0.kind == .heading }.count == 5)
    }

    @Test func aMessyDropIsQuarantinedRecordByRecord() async throws {
        let (summary, articles, out) = try await run(input: TestPaths.fixture("messy"))
        #expect(articles.count == 3)
        #expect(summary.quarantined == 6)
        let records = try String(contentsOf: out.appendingPathComponent("quarantine.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONDecoder().decode(QuarantineRecord.self, from: Data($0.utf8)) }
        #expect(records.map(\.reason) == ["empty_file", "no_body", "invalid_utf8", "missing_header", "bad_header", "binary_data"])
    }
}

import Foundation
import Testing

@testable import Copydesk

@Suite("normalize stage")
struct NormalizeStageTests {
    func seed() async throws -> Article {
        let source = TextDropSource(options: .with { $0.path = TestPaths.seed }, context: StageContext())
        return try #require(try await collect(source).articles.first)
    }

    @Test(.needsSharedData) func theSeedKeepsItsBodyOnceAndLosesTheFlattenedCopy() async throws {
        let stage = try NormalizeStage(options: .init(), context: StageContext())
        let article = try await stage.process([seed()]).articles[0]
        #expect(article.summary == nil)
        #expect(article.removedBlocks.map(\.kind) == ["flattened_copy"])
        #expect(article.removedBlocks[0].location == "summary")
        #expect(article.paragraphs.count == 20)
        #expect(article.paragraphs.filter { $0.kind == .heading }.count == 5)
        let marker = "expressed readiness to promote joint energy projects despite sanctions"
        #expect(article.text.components(separatedBy: marker).count == 2, "the body appears once")
        #expect(!article.text.contains("RegionWhen"))
        let rebuilt = article.paragraphs.map { slice(article, $0.start, $0.end) }.joined(separator: "\n\n")
        #expect(rebuilt == article.text)
    }

    @Test func aGenuineSummaryIsKeptAndTextIsCleaned() async throws {
        let layout = BodyLayout.build(lines: [
            "LONDON \u{2014} The council\u{2019}s budget\u{00A0}rose by 3%\u{2026}  officials said.",
            "A second paragraph follows here with more words.",
        ])
        let article = Article(
            id: "x", source: SourceLocation(path: "p", line: 1, format: "textdrop"),
            title: "Council budget rises", summary: "Spending goes up for the third year in a row.",
            text: layout.text, paragraphs: layout.paragraphs)
        let stage = try NormalizeStage(options: .init(), context: StageContext())
        let result = try await stage.process([article]).articles[0]
        #expect(result.summary == "Spending goes up for the third year in a row.")
        #expect(result.removedBlocks.isEmpty)
        #expect(result.text == "LONDON - The council's budget rose by 3%... officials said.\n\nA second paragraph follows here with more words.")
        #expect(result.paragraphs == [Paragraph(kind: .paragraph, start: 0, end: 59), Paragraph(kind: .paragraph, start: 61, end: 109)])
    }

    @Test func switchedOffOptionsLeaveTheTextAlone() async throws {
        let text = "He said \u{201C}yes\u{201D} \u{2014} twice."
        let article = Article(
            id: "x", source: SourceLocation(path: "p", line: 1, format: "jsonl"), text: text,
            paragraphs: [Paragraph(kind: .paragraph, start: 0, end: text.unicodeScalars.count)])
        let options = NormalizeStage.Options.with {
            $0.text.unifyQuotes = false; $0.text.unifyDashes = false
        }
        let result = try await NormalizeStage(options: options, context: StageContext()).process([article]).articles[0]
        #expect(result.text == text)
    }

    @Test func anArticleThatBecomesEmptyIsQuarantined() async throws {
        let (name, probe) = Probe.make()
        _ = probe
        let directory = try TestPaths.temporaryDirectory()
        let file = directory.appendingPathComponent("drop.txt")
        try " date 2024-01-01 World\nTitle\nSummary\nLead paragraph that survives.\n date 2024-01-02 World\nEmpty\nSummary\n\u{200B}\u{0007}\n".write(
            to: file, atomically: true, encoding: .utf8)
        let runner = try testPipeline(
            """
            name: empty
            quarantine: \(directory.path)/q.jsonl
            stages:
              - {type: textdrop, path: \(file.path)}
              - {type: normalize}
              - {type: recording, probe: \(name)}
            """)
        let summary = try await runner.run()
        #expect(summary.articlesWritten == 1)
        #expect(summary.quarantined == 1)
        #expect(summary.isBalanced)
        let record = try String(contentsOf: directory.appendingPathComponent("q.jsonl"), encoding: .utf8)
        #expect(record.contains("\"reason\":\"no_body\""))
        #expect(record.contains("\"line\":5"))
    }
}

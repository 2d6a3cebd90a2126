import Foundation
import Testing

@testable import Copydesk

@Suite("HTML ingest")
struct HTMLSourceTests {
    static let samples = TestPaths.repository.appendingPathComponent("samples/html").path

    func read(_ path: String, configure: (inout HTMLSource.Options) -> Void = { _ in }) async throws -> (
        articles: [Article], rejected: [QuarantineRecord]
    ) {
        var options = HTMLSource.Options.with { $0.path = path }
        configure(&options)
        return try await collect(HTMLSource(options: options, context: StageContext()))
    }

    @Test func aFolderOfPagesGivesOneArticleAPageAndQuarantinesThePagesWithout() async throws {
        let (articles, rejected) = try await read(Self.samples)
        #expect(articles.count == 8)
        #expect(
            rejected.map { "\(($0.path as NSString).lastPathComponent) \($0.reason)" } == [
                "index-page-links.html no_article", "paywall-stub.html too_short",
            ])
        #expect(rejected.allSatisfy { $0.stage == "html" && !$0.message.isEmpty && $0.raw.hasPrefix("<!") })
        let wire = try #require(articles.first { $0.source.path.hasSuffix("wire-story-byline.html") })
        #expect(wire.source.format == "html" && wire.source.line == 1)
        #expect(wire.authors == ["Helena Marsh", "Tobias Lindqvist"])
        #expect(wire.date == "2024-03-14")
        #expect(wire.text.hasPrefix("GENEVA (Meridian Wire) —"))
        #expect(wire.paragraphs.contains { $0.kind == .heading })
        #expect(Set(articles.map(\.id)).count == 8)
        #expect(articles.allSatisfy { $0.paragraphs.last?.end == $0.text.unicodeScalars.count })
    }

    @Test func idsAreTheSameOnEveryRun() async throws {
        let first = try await read(Self.samples).articles.map(\.id)
        let second = try await read(Self.samples).articles.map(\.id)
        #expect(first == second)
    }

    @Test func badFilesAreQuarantinedByName() async throws {
        let directory = try TestPaths.temporaryDirectory()
        try Data("id,title\n1,Budget\n".utf8).write(to: directory.appendingPathComponent("export.html"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0]).write(to: directory.appendingPathComponent("image.htm"))
        try Data("<html><body></body></html>".utf8).write(to: directory.appendingPathComponent("empty.html"))
        let big = "<html><body>" + String(repeating: "<p>Paragraph of a long page, repeated.</p>", count: 1_000) + "</body></html>"
        try Data(big.utf8).write(to: directory.appendingPathComponent("large.html"))
        let (articles, rejected) = try await read(directory.path) { $0.page.maxPageBytes = 16_384 }
        #expect(articles.isEmpty)
        let reasons = Dictionary(uniqueKeysWithValues: rejected.map { (($0.path as NSString).lastPathComponent, $0.reason) })
        #expect(reasons == ["export.html": "not_html", "image.htm": "not_html", "empty.html": "no_article", "large.html": "page_too_large"])
        let image = try #require(rejected.first { $0.path.hasSuffix("image.htm") })
        #expect(image.message.contains("PNG"))
        #expect(image.raw.hasPrefix("first 11 bytes (hex): 89 50 4e 47") || image.raw.hasPrefix("first 11 bytes (hex): 89 50 4E 47"))
    }

    @Test func minCharactersDecidesWhatIsTooShort() async throws {
        let paywall = Self.samples + "/paywall-stub.html"
        #expect(try await read(paywall).rejected.map(\.reason) == ["too_short"])
        let kept = try await read(paywall) { $0.page.minCharacters = 100 }.articles
        #expect(kept.count == 1)
        #expect(kept.first?.title == "Ashcombe Bank explores sale after profit warning")
    }

    @Test func theShippedPipelineRunsFromSavedPagesToSQLite() async throws {
        let out = try TestPaths.temporaryDirectory().path
        let definition = try PipelineLoader(environment: ["OUT": out, "INPUT": Self.samples])
            .load(path: TestPaths.repository.appendingPathComponent("pipelines/html.yaml").path)
        let summary = try await PipelineRunner(definition: definition).run()
        #expect(summary.articlesWritten == 8)
        #expect(summary.recordsRejected == 2)
        #expect(summary.isBalanced)
        let records = try writtenArticles(in: out)
        #expect(records.count == 8)
        let wire = try #require(records.first { $0.source.path.hasSuffix("wire-story-byline.html") })
        #expect(wire.dateline?.place == "GENEVA")
        #expect(!wire.sentences.isEmpty && !wire.entities.isEmpty)
        #expect(records.first { $0.source.path.hasSuffix("jsonld-heavy-nav.html") }?.language == "en-GB")
        #expect(FileManager.default.fileExists(atPath: out + "/copydesk.sqlite"))
    }
}

import Foundation
import Testing

@testable import Copydesk

@Suite("mixed drops")
struct FilesSourceTests {
    static let samples = TestPaths.repository.appendingPathComponent("samples").path

    @Test func aMixedFolderIsReadFormatByFormat() async throws {
        let drop = try TestPaths.temporaryDirectory()
        let manager = FileManager.default
        // Loose text drops and a saved page, JSON lines under an odd name, a zip of pages,
        // a gzip'd text drop, CSV and TSV exports, a crawl, a tar holding a crawl, and a file
        // that is none of these.
        try manager.copyItem(atPath: Self.samples + "/001_rotterdam_port_strike.txt", toPath: drop.appendingPathComponent("001.txt").path)
        try manager.copyItem(
            atPath: Self.samples + "/html/wire-story-byline.html", toPath: drop.appendingPathComponent("wire.html").path)
        let record = #"{"title": "Exported", "text": "An exported article with a body long enough to read.", "date": "2024-02-08"}"#
        try Data((record + "\n").utf8).write(to: drop.appendingPathComponent("export.data"))
        let pages = try ["jsonld-heavy-nav.html", "index-page-links.html"].map {
            ($0, [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.samples + "/html/" + $0))))
        }
        try TestArchive.write(pages, as: .zip, to: drop.appendingPathComponent("pages.zip").path)
        let textDrop = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.samples + "/002_fed_holds_rates.txt")))
        try TestArchive.write([("002.txt", textDrop)], as: .gzip, to: drop.appendingPathComponent("002.txt.gz").path)
        try Data("just some words\n".utf8).write(to: drop.appendingPathComponent("notes.txt.bak"))
        let body = "A spreadsheet export, one article a row, with a body long enough to read."
        try Data("title,text,date\nFrom a sheet,\"\(body)\",2024-02-09\n".utf8).write(to: drop.appendingPathComponent("sheet.csv"))
        try Data("title\ttext\nTabbed, with a comma\t\(body)\n".utf8).write(to: drop.appendingPathComponent("tabbed.tsv"))
        var crawl = WARCTestFile()
        crawl.addResponse(
            uri: "https://www.meridianwire.com/a", headers: WARCSourceTests.html, body: try WARCSourceTests.page("wire-story-byline.html"))
        crawl.addResponse(uri: "https://www.meridianwire.com/missing", status: 404, headers: WARCSourceTests.html, body: Array("gone".utf8))
        _ = try crawl.write(to: drop, name: "crawl.warc.gz", gzip: true)
        let innerCrawl = try crawl.encoded(gzip: true).bytes
        try TestArchive.write([("crawls/inner.warc.gz", innerCrawl)], as: .tar, to: drop.appendingPathComponent("crawls.tar").path)

        let source = try FilesSource(
            options: .with {
                $0.path = drop.path; $0.extensions = []
            }, context: StageContext())
        let (articles, rejected) = try await collect(source)
        let formats = articles.map { "\(($0.source.path as NSString).lastPathComponent) \($0.source.member ?? "-") \($0.source.format)" }
        #expect(
            formats == [
                "001.txt - textdrop", "002.txt.gz 002.txt textdrop", "crawl.warc.gz - warc", "crawls.tar crawls/inner.warc.gz warc",
                "export.data - jsonl", "pages.zip jsonld-heavy-nav.html html", "sheet.csv - csv", "tabbed.tsv - csv", "wire.html - html",
            ])
        #expect(articles.first { $0.source.format == "csv" }?.date == "2024-02-09")
        #expect(articles.first { $0.source.path.hasSuffix("tabbed.tsv") }?.title == "Tabbed, with a comma")
        let crawled = articles.filter { $0.source.format == "warc" }
        #expect(crawled.count == 2 && crawled.allSatisfy { $0.url?.hasPrefix("https://www.meridianwire.com/") == true })
        #expect(crawled.allSatisfy { $0.source.offset == 0 }, "the first record of each crawl")
        #expect(
            rejected.map { "\(($0.path as NSString).lastPathComponent) \($0.member ?? "-") \($0.reason)" } == [
                "notes.txt.bak - unknown_format", "pages.zip index-page-links.html no_article",
            ])
    }

    @Test func theShippedAnyDropPipelineRunsOnTheSamples() async throws {
        let out = try TestPaths.temporaryDirectory()
        let definition = try PipelineLoader(environment: ["OUT": out.path])
            .load(path: TestPaths.repository.appendingPathComponent("pipelines/any-drop.yaml").path)
        let summary = try await PipelineRunner(definition: definition).run()
        #expect(summary.articlesRead == 22, "14 text-drop articles and 8 pages")
        #expect(summary.recordsRejected == 2)
        #expect(summary.isBalanced)
        let formats = Set(try writtenArticles(in: out.path).map(\.source.format))
        #expect(formats == ["textdrop", "html"])
    }
}

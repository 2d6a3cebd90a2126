import Foundation
import Logging
import Testing

@testable import Copydesk

@Suite("WARC ingest")
struct WARCSourceTests {
    static let samples = TestPaths.repository.appendingPathComponent("samples/html")

    static func page(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samples.appendingPathComponent(name)))
    }

    static let html = [("Content-Type", "text/html; charset=UTF-8")]

    /// A crawl with every kind of record: pages, a 404, an image, a revisit, a request, a
    /// truncated page, a chunked page, a gzip-encoded page, a page with no content type, a
    /// paywall stub, a broken header and a record without `Content-Length`.
    static func mixedCrawl() throws -> WARCTestFile {
        var file = WARCTestFile()
        file.add(type: "warcinfo", contentType: "application/warc-fields", block: Array("software: test\r\n".utf8))
        file.add(
            type: "request", uri: "https://www.meridianwire.com/a", contentType: "application/http; msgtype=request",
            block: Array("GET /a HTTP/1.1\r\nHost: www.meridianwire.com\r\n\r\n".utf8))
        file.addResponse(uri: "https://www.meridianwire.com/a", headers: html, body: try page("wire-story-byline.html"))
        file.addResponse(uri: "https://www.meridianwire.com/missing", status: 404, headers: html, body: Array("<html><body>gone</body></html>".utf8))
        file.addResponse(
            uri: "https://www.meridianwire.com/logo.png", headers: [("Content-Type", "image/png")], body: [0x89, 0x50, 0x4E, 0x47, 0, 0])
        file.add(
            type: "revisit", uri: "https://www.meridianwire.com/a", contentType: "application/http; msgtype=response",
            fields: [("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")],
            block: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".utf8))
        let magazine = try page("magazine-feature.html")
        file.addResponse(
            uri: "https://longitudemag.com/x", headers: html, body: Array(magazine.prefix(magazine.count * 3 / 4)),
            fields: [("WARC-Truncated", "length")])
        file.addResponse(
            uri: "https://regional.example/bridge", headers: html + [("Transfer-Encoding", "chunked")],
            body: WARCTestFile.chunked(try page("regional-paper-table-layout.html"), size: 1_000))
        file.addRaw("WARC/1.1\r\nWARC-Type: response\r\nthis line is not a field\r\nContent-Length: 10\r\n\r\n0123456789\r\n\r\n")
        file.add(
            type: "response", uri: "https://nolength.example/", contentType: "application/http; msgtype=response",
            block: Array("HTTP/1.1 200 OK\r\n\r\n<p>x</p>".utf8), writeLength: false)
        file.addResponse(
            uri: "https://www.riversidepost.com/b", headers: html + [("Content-Encoding", "gzip")],
            body: try GzipMember.compress(try page("story-with-comments.html")))
        file.addResponse(uri: "https://www.northgatechronicle.co.uk/c", headers: [], body: try page("jsonld-heavy-nav.html"))
        file.addResponse(uri: "https://www.ashcombe.example/paywall", headers: html, body: try page("paywall-stub.html"))
        file.addResponse(
            uri: "https://www.clonmoreherald.ie/d", headers: [("Content-Type", "text/html; charset=windows-1252")],
            body: try page("windows-1252-no-charset.html"))
        return file
    }

    /// Reads `path` with a file reader, returning the items and the counts.
    static func readFile(_ path: String, maxRecordBytes: Int = 64 << 20) throws -> (
        articles: [Article], rejected: [QuarantineRecord], counts: WARCRecordCounts
    ) {
        var reader = WARCFileReader(
            document: InputDocument(path: path), stage: "warc", extractor: HTMLArticleExtractor(), maxRecordBytes: maxRecordBytes,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        var articles: [Article] = []
        var rejected: [QuarantineRecord] = []
        while let item = try reader.next() {
            switch item {
            case .article(let article): articles.append(article)
            case .rejected(let record): rejected.append(record)
            }
        }
        return (articles, rejected, reader.counts)
    }

    /// Whether the record at `offset` in `path` is the one with `id`: the bytes there (the
    /// gzip member there, for `.warc.gz`) start with its header.
    static func recordAt(_ offset: Int, in path: String, gzip: Bool) throws -> String {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let tail = Array(bytes[offset...])
        let record = gzip ? try #require(try GzipDecoder.decode(tail, limit: 1 << 26)) : tail
        return String(decoding: record.prefix(400), as: UTF8.self)
    }

    @Test(arguments: [false, true])
    func aMixedCrawlGivesExactlyTheHTMLPagesFetchedWithStatus200(gzip: Bool) throws {
        let crawl = try Self.mixedCrawl()
        let (path, offsets) = try crawl.write(to: try TestPaths.temporaryDirectory(), name: gzip ? "crawl.warc.gz" : "crawl.warc", gzip: gzip)
        let (articles, rejected, counts) = try Self.readFile(path)
        #expect(
            articles.map(\.title) == [
                "Alpine states split over meltwater fund as glacier talks stall", "The Last Keepers of Skerrow Light",
                "Mill Creek bridge to close for six weeks of repairs", "Night bus Route 27 to be scrapped as Metro trims evening service",
                "Council tax rise of 4.9% approved after marathon budget meeting",
                "Council backs €4.2m ‘harbour quarter’ plan despite café owners’ fears",
            ])
        #expect(
            articles.map(\.url) == [
                "https://www.meridianwire.com/world/2024/03/14/alpine-states-split-over-meltwater-fund/",
                "https://longitudemag.com/features/last-keepers-skerrow-light/", "https://regional.example/bridge",
                "https://www.riversidepost.com/news/transportation/night-bus-route-27-scrapped/article_5c2e81d4-f0a3-11ee-9b7e-2f3c1a6d8e40.html",
                "https://www.northgatechronicle.co.uk/news/politics/council-tax-rise-approved-after-marathon-meeting-4417203",
                "https://www.clonmoreherald.ie/news/council-backs-harbour-quarter-plan-1.4471",
            ])
        let indices = [2, 6, 7, 10, 11, 13]
        #expect(articles.map(\.source.recordID) == indices.map { crawl.records[$0].id })
        #expect(articles.map(\.source.offset) == indices.map { offsets[$0] })
        for article in articles {
            #expect(article.source.format == "warc" && article.source.path == path && article.source.line == 0)
            let found = try Self.recordAt(try #require(article.source.offset), in: path, gzip: gzip)
            #expect(found.hasPrefix("WARC/1.1\r\n") && found.contains("WARC-Record-ID: \(article.source.recordID ?? "?")"))
        }
        #expect(articles[0].date == "2024-03-14")
        #expect(articles[5].text.contains("€4.2 million"))
        #expect(Set(articles.map(\.id)).count == articles.count)
        #expect(rejected.map(\.reason) == ["bad_warc_record", "bad_warc_record", "too_short"])
        #expect(rejected[0].message.contains("offset \(offsets[8])") && rejected[0].message.contains("line 3 is not a field"))
        #expect(rejected[0].raw.hasPrefix("WARC/1.1\r\nWARC-Type: response"))
        #expect(rejected[1].message == "record at offset \(offsets[9]): no Content-Length field")
        #expect(rejected[2].message.hasPrefix("record at offset \(offsets[12]) (\(crawl.records[12].id ?? "")): the article text has"))
        #expect(counts.summary == "14 records: 6 articles, 1 warcinfo, 1 request, 1 not 200, 1 not HTML, 1 revisit, 3 quarantined, 1 truncated")
    }

    @Test func aGzipFileCutInsideAMemberKeepsTheRecordsBeforeIt() throws {
        let crawl = try Self.mixedCrawl()
        let (bytes, offsets) = try crawl.encoded(gzip: true)
        let directory = try TestPaths.temporaryDirectory()
        let path = directory.appendingPathComponent("cut.warc.gz").path
        try Data(bytes[..<(offsets[7] + 300)]).write(to: URL(fileURLWithPath: path))
        let (articles, rejected, counts) = try Self.readFile(path)
        #expect(articles.map(\.source.offset) == [offsets[2], offsets[6]])
        #expect(rejected.map(\.reason) == ["bad_warc_record"])
        #expect(
            rejected.first?.message.hasPrefix(
                "record at offset \(offsets[7]): the block is cut off: the file ends inside the gzip member at offset \(offsets[7])") == true)
        #expect(counts.records == 8)
    }

    @Test func aPlainFileCutInsideABlockKeepsTheRecordsBeforeIt() throws {
        let crawl = try Self.mixedCrawl()
        let (bytes, offsets) = try crawl.encoded(gzip: false)
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("cut.warc").path
        try Data(bytes[..<(offsets[3] - 1_000)]).write(to: URL(fileURLWithPath: path))
        let (articles, rejected, _) = try Self.readFile(path)
        #expect(articles.isEmpty)
        #expect(rejected.count == 1)
        #expect(rejected.first?.message.hasPrefix("record at offset \(offsets[2]): the block has ") == true)
        #expect(rejected.first?.message.hasSuffix("bytes: the file is cut off") == true)
    }

    @Test func aCorruptGzipMemberIsQuarantinedAndTheNextMembersAreRead() throws {
        let crawl = try Self.mixedCrawl()
        var (bytes, offsets) = try crawl.encoded(gzip: true)
        for index in offsets[2] + 40..<offsets[2] + 200 { bytes[index] ^= 0x5A }
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("corrupt.warc.gz").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (articles, rejected, _) = try Self.readFile(path)
        #expect(articles.count == 5)
        #expect(articles.first?.source.offset == offsets[6])
        #expect(rejected.contains { $0.reason == "bad_warc_record" && $0.message.contains("the gzip member at offset \(offsets[2]) is corrupt") })
        #expect(rejected.filter { $0.reason != "bad_warc_record" }.map(\.reason) == ["too_short"])
    }

    @Test func recordsLargerThanTheLimitAreQuarantined() throws {
        var crawl = WARCTestFile()
        crawl.addResponse(uri: "https://big.example/", headers: Self.html, body: try Self.page("wire-story-byline.html"))
        crawl.addResponse(uri: "https://small.example/", headers: Self.html, body: Array("<html><body><p>short</p></body></html>".utf8))
        let (path, offsets) = try crawl.write(to: try TestPaths.temporaryDirectory(), name: "big.warc", gzip: false)
        let (articles, rejected, _) = try Self.readFile(path, maxRecordBytes: 4_096)
        #expect(articles.isEmpty)
        #expect(rejected.map(\.reason) == ["record_too_large", "no_article"])
        #expect(rejected.first?.message.hasPrefix("record at offset \(offsets[0]) (\(crawl.records[0].id ?? ""))") == true)
    }

    @Test func everyCutOfAFileIsReadToTheEnd() throws {
        let crawl = try Self.mixedCrawl()
        for gzip in [false, true] {
            let (bytes, _) = try crawl.encoded(gzip: gzip)
            let directory = try TestPaths.temporaryDirectory()
            for cut in stride(from: 1, to: bytes.count, by: 1_009) {
                let path = directory.appendingPathComponent("cut-\(cut).warc\(gzip ? ".gz" : "")").path
                try Data(bytes[..<cut]).write(to: URL(fileURLWithPath: path))
                let scan = try WARCScan.run(path: path)
                #expect(scan.records >= 1 && scan.records <= crawl.records.count)
            }
        }
    }

    @Test func garbageBetweenRecordsIsQuarantinedOnceAndTheNextRecordIsRead() throws {
        var crawl = WARCTestFile()
        crawl.addRaw("this is not a WARC file\r\nat all\r\n")
        crawl.addResponse(uri: "https://www.meridianwire.com/a", headers: Self.html, body: try Self.page("wire-story-byline.html"))
        let (path, offsets) = try crawl.write(to: try TestPaths.temporaryDirectory(), name: "garbage.warc", gzip: false)
        let (articles, rejected, _) = try Self.readFile(path)
        #expect(articles.map(\.source.offset) == [offsets[1]])
        #expect(rejected.map(\.reason) == ["bad_warc_record"])
        #expect(rejected.first?.raw.hasPrefix("this is not a WARC file") == true)
    }

    @Test func theSourceReadsPlainAndGzipFilesAndLeavesOtherGzipFilesOut() async throws {
        let directory = try TestPaths.temporaryDirectory()
        var crawl = WARCTestFile()
        crawl.addResponse(uri: "https://www.meridianwire.com/a", headers: Self.html, body: try Self.page("wire-story-byline.html"))
        _ = try crawl.write(to: directory, name: "a.warc", gzip: false)
        _ = try crawl.write(to: directory, name: "b.warc.gz", gzip: true)
        _ = try crawl.write(to: directory, name: "c.jsonl.gz", gzip: true)
        let options = WARCSource.Options.with { $0.path = directory.path }
        let (articles, rejected) = try await collect(WARCSource(options: options, context: StageContext()))
        #expect(articles.map { ($0.source.path as NSString).lastPathComponent } == ["a.warc", "b.warc.gz"])
        #expect(rejected.isEmpty)
        #expect(articles[0].id != articles[1].id)
    }
}

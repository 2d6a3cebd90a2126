import BenchSupport
import Foundation
import Testing

@testable import Copydesk

/// The extractor on real saved news pages (`../shared/html-dev`), scored as article-extraction
/// benchmarks score bodies; a floor under the quality `copydesk-bench html` reports.
@Suite("HTML extraction on real pages")
struct HTMLDevSetTests {
    struct Page {
        var name: String
        var url: String
        var html: [UInt8]
        var expected: String
    }

    static func pages() throws -> [Page] {
        let index = try String(contentsOf: TestPaths.htmlDev.appendingPathComponent("index.tsv"), encoding: .utf8)
        return try index.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t").map(String.init)
            let html = try Data(contentsOf: TestPaths.htmlDev.appendingPathComponent(fields[2]))
            let expected = try String(contentsOf: TestPaths.htmlDev.appendingPathComponent(fields[3]), encoding: .utf8)
            return Page(name: fields[0], url: fields[1], html: [UInt8](html), expected: expected)
        }
    }

    @Test(.needsHTMLDevSet) func bodiesMatchTheExpectedTextOnRealPages() throws {
        let pages = try Self.pages()
        #expect(pages.count == 50)
        let extractor = HTMLArticleExtractor()
        var overlaps: [WordNGramOverlap] = []
        var titled = 0
        for page in pages {
            let article = try? extractor.extract(page.html, url: page.url).get()
            if article?.title?.isEmpty == false { titled += 1 }
            overlaps.append(WordNGramOverlap(extracted: article?.text ?? "", expected: page.expected))
        }
        let mean = WordNGramOverlap.Mean(overlaps)
        #expect(mean.f1 >= 0.95, "precision \(mean.precision), recall \(mean.recall)")
        #expect(titled == pages.count)
    }
}

import Foundation
import Testing

@testable import Copydesk

@Suite("HTML robustness")
struct HTMLRobustnessTests {
    let extractor = HTMLArticleExtractor()

    var samples: [[UInt8]] {
        let directory = TestPaths.repository.appendingPathComponent("samples/html")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()) ?? []
        return names.compactMap { FileManager.default.contents(atPath: directory.appendingPathComponent($0).path).map { [UInt8]($0) } }
    }

    @Test func aVeryDeeplyNestedPageIsReadWithoutRecursion() throws {
        let depth = 200_000
        let html =
            "<html><body>" + String(repeating: "<div>", count: depth)
            + "<p>The council approved the budget on Tuesday after a long debate, with seven votes in favour and two against.</p>"
            + "<p>Officials said the new rates take effect in April, and that bills will go out to households in the first week of May.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let page = try extractor.extract(Array(html.utf8)).get()
        #expect(page.text.hasPrefix("The council approved the budget on Tuesday"))
    }

    @Test func aTwentyMegabytePageIsExtracted() throws {
        var html = "<html><head><title>A long report on the district census | Site</title></head><body><article>"
        let paragraph =
            "<p>The survey counted every household in the district, and the figures, published on Monday, show growth in every ward.</p>\n"
        html.reserveCapacity(21 << 20)
        while html.utf8.count < 20 << 20 { html += paragraph }
        html += "</article><footer><a href='/'>Home</a></footer></body></html>"
        let page = try extractor.extract(Array(html.utf8)).get()
        #expect(page.blocks.count > 100_000)
        #expect(page.title == "A long report on the district census")
    }

    @Test func pagesWithoutAnArticleAreQuarantinedWithAReason() {
        func reason(_ html: String) -> String? {
            if case .failure(let failure) = extractor.extract(Array(html.utf8)) { return failure.reason }
            return nil
        }
        #expect(reason("") == "not_html")
        #expect(reason("id,title\n1,Budget approved\n") == "not_html")
        #expect(reason("\u{89}PNG\r\n\u{1A}\n....") == "not_html")
        #expect(reason("<html><body><div><p>404</p><p>Page not found</p></div></body></html>") == "no_article")
        #expect(reason("<html><body><p>\(String(repeating: "Short teaser text here. ", count: 4))</p></body></html>") == "too_short")
    }

    @Test func truncatedAndShuffledPagesNeverCrashOrHang() throws {
        var random = SplitMix64(seed: 13)
        let samples = self.samples
        try #require(samples.count >= 8)
        var extracted = 0
        for round in 0..<300 {
            var bytes = samples[round % samples.count]
            switch round % 3 {
            case 0:
                bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
            case 1:
                let tags = Self.tagRanges(in: bytes)
                for _ in 0..<20 where tags.count > 1 {
                    let a = tags[Int(random.next() % UInt64(tags.count))]
                    let b = tags[Int(random.next() % UInt64(tags.count))]
                    if a.upperBound <= b.lowerBound {
                        bytes = Array(bytes[..<a.lowerBound] + bytes[b] + bytes[a.upperBound..<b.lowerBound] + bytes[a] + bytes[b.upperBound...])
                    }
                }
            default:
                let cut = Int(random.next() % UInt64(bytes.count + 1))
                let length = Int(random.next() % 4_096)
                bytes.removeSubrange(cut..<min(bytes.count, cut + length))
                bytes.insert(contentsOf: [0x3C, 0x64, 0x69, 0x76, 0x3E, 0xFF, 0xC3], at: min(bytes.count, cut / 2))
            }
            if case .success(let page) = extractor.extract(bytes) {
                extracted += 1
                #expect(!page.blocks.contains { $0.text.isEmpty || $0.text.hasPrefix(" ") || $0.text.hasSuffix(" ") })
            }
        }
        #expect(extracted > 100)
    }

    /// The byte ranges of the tags (`<…>`) of a page, in order; a tag never overlaps the next.
    static func tagRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while let open = bytes[index...].firstIndex(of: 0x3C), let close = bytes[open...].firstIndex(of: 0x3E) {
            ranges.append(open..<close + 1)
            index = close + 1
        }
        return ranges
    }
}

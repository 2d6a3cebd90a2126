import Foundation
import Testing

@testable import Copydesk

/// The expected extraction of one sample page, as `Fixtures/html/expected.json` writes it.
struct ExpectedPage: Decodable {
    struct Block: Decodable {
        var kind: String
        var text: String
    }

    var title: String?
    var date: String?
    var authors: [String]?
    var section: String?
    var url: String?
    var language: String?
    var site: String?
    var summary: String?
    var blocks: [Block]?
    var failure: String?

    /// Every page of the fixture file, by its name (`live-blog.html`, `bad/not-html.html`).
    static let all: [String: ExpectedPage] = {
        let data = FileManager.default.contents(atPath: TestPaths.fixture("html/expected.json")) ?? Data()
        return (try? JSONDecoder().decode([String: ExpectedPage].self, from: data)) ?? [:]
    }()

    /// Where the page called `name` is: `samples/html/` for the samples, the fixtures for the bad cases.
    static func path(of name: String) -> String {
        name.hasPrefix("bad/") ? TestPaths.fixture("html/\(name)") : TestPaths.repository.appendingPathComponent("samples/html/\(name)").path
    }
}

@Suite("HTML sample pages")
struct HTMLSamplePagesTests {
    @Test func everySamplePageHasAnExpectation() throws {
        let samples = try FileManager.default.contentsOfDirectory(atPath: TestPaths.repository.appendingPathComponent("samples/html").path)
        #expect(samples.count >= 8)
        #expect(Set(samples).isSubset(of: Set(ExpectedPage.all.keys)))
    }

    @Test(arguments: ExpectedPage.all.keys.sorted())
    func extractsTheExpectedArticle(_ name: String) throws {
        let expected = try #require(ExpectedPage.all[name])
        let bytes = try #require(FileManager.default.contents(atPath: ExpectedPage.path(of: name)))
        let result = HTMLArticleExtractor().extract([UInt8](bytes))
        if let failure = expected.failure {
            guard case .failure(let found) = result else {
                Issue.record("\(name): expected \(failure), extracted an article")
                return
            }
            #expect(found.reason == failure, "\(name): \(found.message)")
            return
        }
        let page = try result.get()
        #expect(page.title == expected.title, "\(name)")
        #expect(page.date == expected.date, "\(name)")
        #expect(page.authors == (expected.authors ?? []), "\(name)")
        #expect(page.section == expected.section, "\(name)")
        #expect(page.url == expected.url, "\(name)")
        #expect(page.language == expected.language, "\(name)")
        #expect(page.site == expected.site, "\(name)")
        #expect(page.summary == expected.summary, "\(name)")
        let blocks = page.blocks.map { "\($0.kind.rawValue): \($0.text)" }
        let wanted = (expected.blocks ?? []).map { "\($0.kind): \($0.text)" }
        #expect(blocks == wanted, "\(name)")
    }
}

import BenchSupport
import Foundation
import Testing

@testable import Copydesk

@Suite("synthetic corpus generator")
struct CorpusGeneratorTests {
    @Test func sameSeedSameCorpus() {
        let a = CorpusGenerator(settings: .init(articles: 200, seed: 7)).items().map(\.text)
        let b = CorpusGenerator(settings: .init(articles: 200, seed: 7)).items().map(\.text)
        let c = CorpusGenerator(settings: .init(articles: 200, seed: 8)).items().map(\.text)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func generatedDropParsesCleanlyWithKnownDuplicateShares() async throws {
        let directory = try TestPaths.temporaryDirectory().path
        let manifest = try CorpusGenerator(settings: .init(articles: 1_000, seed: 3, articlesPerFile: 50)).write(to: directory)
        #expect(manifest.files.count == 20)
        let source = TextDropSource(options: .with { $0.path = directory }, context: StageContext())
        let (articles, rejected) = try await collect(source)
        #expect(rejected.isEmpty)
        #expect(articles.count == 1_000)
        let exact = manifest.items.filter { $0.kind == "exact" }.count
        let near = manifest.items.filter { $0.kind == "near" }.count
        #expect((60...140).contains(exact))
        #expect((60...140).contains(near))
        #expect(articles.contains { $0.paragraphs.contains { $0.kind == .heading } })
        for (article, item) in zip(articles, manifest.items) where item.kind == "exact" {
            #expect(article.contentKey == articles[item.cluster].contentKey)
            #expect(article.id != articles[item.cluster].id)
        }
    }
}

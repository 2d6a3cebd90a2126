import Foundation
import Testing

@testable import Copydesk

@Suite("article spill") struct ArticleSpillTests {
    @Test func everyArticleComesBackEqualThroughTheBinaryRecord() throws {
        var awkward = AwkwardArticles(seed: 11)
        var plain = awkward.next(300)
        // Articles as dedupe holds them in the default pipeline: no later annotation at all.
        for index in plain.indices where index.isMultiple(of: 2) {
            plain[index].dateline = nil
            (plain[index].sentences, plain[index].entities, plain[index].quotes) = ([], [], [])
            (plain[index].amounts, plain[index].dates, plain[index].extra) = ([], [], [:])
        }
        for article in plain {
            var record: [UInt8] = []
            try ArticleSpillCodec.encode(article, into: &record)
            #expect(try record.withUnsafeBytes { try ArticleSpillCodec.decode($0) } == article)
        }
    }

    @Test func theRecordCoversEveryStoredFieldOfAnArticle() {
        // A field added to Article must be added to ArticleSpillCodec (and to this list): a
        // held-back article must come out of the spill file with every field it went in with.
        let fields = Mirror(reflecting: SinkTestArticles.tromso()).children.compactMap(\.label)
        #expect(
            fields == [
                "id", "contentKey", "source", "date", "section", "title", "summary", "url", "authors", "language", "site", "dateline", "text",
                "paragraphs", "sentences", "entities", "quotes", "amounts", "dates", "removedBlocks", "duplicateOf", "similarity", "extra",
            ])
        #expect(Mirror(reflecting: SourceLocation(path: "", line: 0, format: "")).children.compactMap(\.label).count == 6)
        #expect(Mirror(reflecting: Paragraph(kind: .paragraph, start: 0, end: 0)).children.compactMap(\.label).count == 3)
        #expect(Mirror(reflecting: RemovedBlock(kind: "", location: "", containment: 0)).children.compactMap(\.label).count == 3)
    }

    @Test func articlesPastTheBudgetAreReadBackFromTheFileInOrder() throws {
        let directory = try TestPaths.temporaryDirectory().path
        var awkward = AwkwardArticles(seed: 12)
        let articles = awkward.next(700)
        let spill = ArticleSpill(memoryBudget: 20_000, directory: directory)
        for start in stride(from: 0, to: articles.count, by: 64) { try spill.append(Array(articles[start..<min(start + 64, articles.count)])) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 1)
        var reader = try spill.reader()
        var read: [Article] = []
        while let batch = try reader.next(100) { read += batch }
        #expect(read == articles)
    }

    @Test func aCutSpillFileIsAnErrorNotAShortRead() throws {
        let directory = try TestPaths.temporaryDirectory().path
        var awkward = AwkwardArticles(seed: 13)
        let spill = ArticleSpill(memoryBudget: 0, directory: directory)
        try spill.append(awkward.next(5))
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first)
        let path = (directory as NSString).appendingPathComponent(name)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: path))
        var reader = try spill.reader()
        #expect(throws: ArticleSpillCodec.Garbled.self) {
            while try reader.next(2) != nil {}
        }
    }
}

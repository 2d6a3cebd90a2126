import Foundation

@testable import Copydesk

/// Builds articles for the extract tests: paragraphs from blocks, sentences from a small
/// splitter that cuts after `.`, `!` or `?` (optionally followed by a closing quote) and a space.
enum ExtractTestSupport {
    /// The extractor shared by the tests, built once (its word lists load once).
    private static let loadedExtractor = Result { try Extractor(options: ExtractionOptions()) }

    /// The shared extractor; throws when its bundled data cannot be loaded.
    static func extractor() throws -> Extractor {
        try loadedExtractor.get()
    }

    /// An article of the given blocks (`heading` marks blocks that are headings), segmented by
    /// the real `segment` stage; a given `dateline` replaces the one it finds.
    static func article(_ blocks: [(text: String, heading: Bool)], date: String? = nil, dateline: Dateline? = nil) throws -> Article {
        let layout = BodyLayout.join(blocks.map { (kind: $0.heading ? Paragraph.Kind.heading : .paragraph, text: $0.text) })
        var article = try segmenter().segment(
            Article(
                id: "test", source: SourceLocation(path: "", line: 0, format: "test"), date: date,
                text: layout.text, paragraphs: layout.paragraphs))
        if let dateline { article.dateline = dateline }
        return article
    }

    /// The real segment stage, built once (its word lists load once).
    private static let loadedSegmenter = Result { try SegmentStage(options: .init(), context: StageContext()) }

    /// The real segment stage; throws when its bundled word lists cannot be loaded.
    static func segmenter() throws -> SegmentStage {
        try loadedSegmenter.get()
    }

    /// An article of one paragraph.
    static func article(_ text: String, date: String? = nil) throws -> Article {
        try article([(text, false)], date: date)
    }

    /// The annotated one-paragraph article.
    static func annotated(_ text: String, date: String? = "2024-02-08") throws -> Article {
        var a = try article(text, date: date)
        try extractor().annotate(&a)
        return a
    }

    /// The scalars `start..<end` of `text`.
    /// Whether a quote's text is what its marks enclose, less only the comma, semicolon or colon
    /// (and spaces) that belong to the sentence around it, and ends in none of them.
    static func isEnclosedText(of quote: Quote, in text: String) -> Bool {
        let enclosed = slice(text, quote.start + 1, quote.end - 1)
        let outer: Set<Character> = [",", ";", ":", " "]
        return enclosed.hasPrefix(quote.text) && !(quote.text.last.map(outer.contains) ?? false)
            && enclosed.dropFirst(quote.text.count).allSatisfy(outer.contains)
    }

    static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        guard start >= 0, end <= scalars.count, start <= end else { return "<out of bounds>" }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<end])
        return String(s)
    }

    /// The folder holding the shared corpus (`../shared` beside the repository).
    static func sharedFolder() -> URL {
        TestPaths.shared
    }

    /// The seed article as the upstream stages hand it over: parsed by the text-drop reader,
    /// normalised and segmented by the real stages.
    static func seedArticle() throws -> Article {
        var reader = try LineReader(path: TestPaths.seed)
        var parser = TextDropParser(path: TestPaths.seed, stage: "textdrop")
        var items: [SourceItem] = []
        while let line = try reader.next() { items += parser.feed(line) }
        items += parser.finish()
        guard case .article(let parsed)? = items.first else { throw CocoaError(.fileReadCorruptFile) }
        let normalize = try NormalizeStage(options: .init(), context: StageContext())
        return try segmenter().segment(try normalize.normalize(parsed))
    }
}

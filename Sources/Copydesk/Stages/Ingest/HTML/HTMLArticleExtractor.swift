/// Extracts the article of a saved news page: a function of the page's bytes, the URL it came
/// from and the HTTP charset when known, so every source of pages (files, archives, WARC
/// records) reads them the same way.
///
/// The page is parsed by libxml2 (see ``HTMLCharset`` for the encoding), its metadata read
/// (``PageMetadata``), the element holding the article found (``ContentSelector``) once with
/// page furniture and boilerplate removed and, when that leaves less than
/// ``retryCharacters``, once more with only hidden and non-text elements removed; the second
/// wins when it is half as long again, and the whole body is read when neither finds a block
/// of text long enough to score.
public struct HTMLArticleExtractor: Sendable {
    /// Articles with fewer characters of body text are `too_short` (paywall stubs, teasers).
    public var minimumCharacters: Int
    /// Below this many characters, extraction is retried without class and id hints.
    public var retryCharacters = 500

    /// Creates an extractor; `minimumCharacters` is the shortest body kept as an article.
    public init(minimumCharacters: Int = 200) {
        self.minimumCharacters = minimumCharacters
    }

    /// Extracts the article of one page; `url` is where it was fetched from, `charset` the
    /// HTTP header's charset, when known.
    public func extract(_ bytes: [UInt8], url: String? = nil, charset: String? = nil) -> Result<HTMLPageArticle, HTMLExtractionFailure> {
        if let problem = Self.notHTML(bytes) { return .failure(HTMLExtractionFailure(reason: "not_html", message: problem)) }
        let prepared = HTMLCharset.prepare(bytes, httpCharset: charset)
        guard
            let tree = HTMLTreeBuilder.parse(prepared.bytes, encoding: prepared.encoding)
                ?? HTMLTreeBuilder.parse(
                    Windows1252.repairingUTF8(bytes).bytes, encoding: "UTF-8")
        else {
            return .failure(HTMLExtractionFailure(reason: "not_html", message: "libxml2 could not parse the page"))
        }
        let hints = ContentHints.of(tree)
        let metadata = PageMetadata(tree: tree, hints: hints, pageURL: url)
        let strict = PageLayout(tree: tree, hints: hints, strictness: .strict)
        var body = content(of: strict, title: metadata.title)
        if body.characters < retryCharacters {
            let retried = content(of: PageLayout(tree: tree, hints: hints, strictness: .permissive), title: metadata.title)
            if retried.characters > body.characters * 3 / 2 { body = retried }
        }
        if body.characters == 0, let whole = wholeBody(of: strict, title: metadata.title) { body = whole }
        guard body.characters > 0 else {
            return .failure(HTMLExtractionFailure(reason: "no_article", message: "the page has no paragraph of text"))
        }
        if !metadata.declaresArticle, body.looksLikeIndex {
            return .failure(
                HTMLExtractionFailure(
                    reason: "no_article",
                    message: "the page is a list of links (\(body.linkBlocks) link lines, no paragraph over \(Content.indexParagraph) characters)"))
        }
        guard body.characters >= minimumCharacters else {
            return .failure(
                HTMLExtractionFailure(
                    reason: "too_short", message: "the article text has \(body.characters) characters, fewer than \(minimumCharacters)"))
        }
        var article = HTMLPageArticle()
        article.title = metadata.title
        article.date = metadata.date
        article.authors = metadata.authors
        article.section = metadata.section
        article.url = metadata.url
        article.language = metadata.language
        article.site = metadata.site
        article.summary = metadata.summary
        article.blocks = body.blocks
        return .success(article)
    }

    /// The content found in one attempt.
    private struct Content {
        /// Paragraphs shorter than this never make a page an article by themselves.
        static let indexParagraph = 200
        var blocks: [HTMLPageArticle.Block] = []
        var characters = 0
        /// Blocks of the selection dropped for being mostly links.
        var linkBlocks = 0

        /// Whether the selection reads as a section front: as many link lines as paragraphs,
        /// and no paragraph long enough to be an article's.
        var looksLikeIndex: Bool {
            let paragraphs = blocks.filter { $0.kind == .paragraph }
            return linkBlocks >= paragraphs.count && !paragraphs.contains { $0.text.count >= Self.indexParagraph }
        }

        init(collected: [BlockCollector.Collected], collector: BlockCollector) {
            blocks = collector.kept(collected)
            characters = blocks.reduce(0) { $0 + $1.text.unicodeScalars.count }
            linkBlocks = collected.filter(\.isMostlyLinks).count
        }
    }

    private func content(of layout: PageLayout, title: String?) -> Content {
        let collector = BlockCollector(layout: layout, title: title)
        var collected: [BlockCollector.Collected] = []
        for root in ContentSelector(layout: layout).select() { collector.collect(root, into: &collected) }
        return Content(collected: collected, collector: collector)
    }

    private func wholeBody(of layout: PageLayout, title: String?) -> Content? {
        guard let body = layout.tree.first(.body) else { return nil }
        let collector = BlockCollector(layout: layout, title: title)
        var collected: [BlockCollector.Collected] = []
        collector.collect(body, into: &collected)
        return Content(collected: collected, collector: collector)
    }

    /// Why `bytes` are not an HTML page, or `nil` when they look like one: binary content (a
    /// known signature, NUL bytes near the start) or no tag at all in the first 64 KB.
    static func notHTML(_ bytes: [UInt8]) -> String? {
        let leading = bytes.prefix(BinaryContent.sniffLength)
        if let kind = BinaryContent.kind(of: leading) { return "not an HTML page: \(kind)" }
        if bytes.prefix(1_024).contains(0), !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]) {
            return "not an HTML page: binary data (a NUL byte in the first 1 KB)"
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        let window = bytes.prefix(65_536)
        var index = window.startIndex
        while let open = window[index...].firstIndex(of: UInt8(ascii: "<")) {
            let next = open + 1
            guard next < window.endIndex else { break }
            let byte = window[next] | 0x20
            if (byte >= 0x61 && byte <= 0x7A) || window[next] == UInt8(ascii: "!") || window[next] == UInt8(ascii: "?") { return nil }
            index = next
        }
        return bytes.isEmpty ? "the file is empty" : "not an HTML page: no tag in the first 64 KB"
    }
}

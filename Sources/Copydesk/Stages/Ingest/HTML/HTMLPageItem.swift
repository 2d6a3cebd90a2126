/// Makes the source item of one extracted page: an article, or the quarantine record of a page
/// without one.
enum HTMLPageItem {
    /// The article of `result`, located at `source`, or the record saying why there is none,
    /// with the page's first 2 KB (or, for a binary file, its first bytes in hex).
    static func item(for result: Result<HTMLPageArticle, HTMLExtractionFailure>, bytes: [UInt8], source: SourceLocation) -> SourceItem {
        switch result {
        case .failure(let failure):
            let leading = bytes.prefix(BinaryContent.sniffLength)
            if BinaryContent.kind(of: leading) != nil {
                var record = BinaryContent.record(path: source.path, stage: source.format, kind: "", leading: leading, member: source.member)
                record.reason = failure.reason
                record.message = failure.message
                return .rejected(record)
            }
            let shown = String(decoding: bytes.prefix(2_048), as: UTF8.self)
            return .rejected(
                QuarantineRecord(
                    path: source.path, line: 0, stage: source.format, reason: failure.reason, message: failure.message, raw: shown,
                    member: source.member))
        case .success(let page):
            let layout = BodyLayout.join(page.blocks.map { (kind: $0.kind, text: $0.text) })
            let contentKey = ArticleID.contentKey(title: page.title, text: layout.text)
            let article = Article(
                id: ArticleID.make(source: source, contentKey: contentKey), contentKey: contentKey, source: source, date: page.date,
                section: page.section, title: page.title, summary: page.summary, url: page.url, authors: page.authors,
                language: page.language, site: page.site, text: layout.text, paragraphs: layout.paragraphs)
            return .article(article)
        }
    }
}

/// How an article turns into the rows of one ``OutputTable``: which of its values fill which
/// columns, in column order. Each case writes its cells into an ``OutputRowWriter``.
enum OutputRowLayout: Sendable {
    /// One row per article.
    case articles
    /// One row per paragraph or heading.
    case paragraphs
    /// One row per sentence, its text last.
    case sentences
    /// One row per sentence without its text, which a database cuts out of the article's.
    case sentenceSpans
    /// One row per entity mention.
    case entities
    /// One row per direct quotation.
    case quotes
    /// One row per amount.
    case amounts
    /// One row per date mention.
    case dates
    /// One row for an article marked as a duplicate, none otherwise.
    case duplicates

    /// Writes the rows of `article` into `writer`; the run id fills `run_id`.
    func writeRows(of article: Article, _ runID: String, to writer: inout some OutputRowWriter) throws {
        switch self {
        case .articles: try Self.writeArticle(article, runID, to: &writer)
        case .paragraphs: try Self.writeParagraphs(of: article, to: &writer)
        case .sentences: try Self.writeSentences(of: article, withText: true, to: &writer)
        case .sentenceSpans: try Self.writeSentences(of: article, withText: false, to: &writer)
        case .entities: try Self.writeEntities(of: article, to: &writer)
        case .quotes: try Self.writeQuotes(of: article, to: &writer)
        case .amounts: try Self.writeAmounts(of: article, to: &writer)
        case .dates: try Self.writeDates(of: article, to: &writer)
        case .duplicates: try Self.writeDuplicate(article, to: &writer)
        }
    }

    private static func writeArticle(_ article: Article, _ runID: String, to writer: inout some OutputRowWriter) throws {
        writer.text(article.id)
        writer.text(article.source.path)
        writer.integer(article.source.line)
        writer.text(article.source.format)
        writer.text(article.date)
        writer.text(article.section)
        writer.text(article.title)
        writer.text(article.summary)
        writer.text(article.url)
        writer.text(article.dateline?.place)
        writer.text(article.dateline?.agency)
        writer.text(article.text)
        writer.text(article.duplicateOf)
        writer.real(article.similarity)
        writer.integer(article.removedBlocks.count)
        writer.text(runID)
        writer.text(article.contentKey)
        writer.text(article.source.recordID)
        writer.text(article.authors.isEmpty ? nil : article.authors.joined(separator: OutputTable.authorSeparator))
        writer.text(article.language)
        writer.text(article.site)
        writer.text(article.source.member)
        writer.integer(article.source.offset)
        writer.text(JSONValue.object(article.extra).jsonText)
        try writer.endRow()
    }

    private static func writeParagraphs(of article: Article, to writer: inout some OutputRowWriter) throws {
        for (index, paragraph) in article.paragraphs.enumerated() {
            writer.text(article.id)
            writer.integer(index)
            writer.text(paragraph.kind.rawValue)
            writer.integer(paragraph.start)
            writer.integer(paragraph.end)
            try writer.endRow()
        }
    }

    private static func writeSentences(of article: Article, withText: Bool, to writer: inout some OutputRowWriter) throws {
        for (index, sentence) in article.sentences.enumerated() {
            writer.text(article.id)
            writer.integer(index)
            writer.integer(sentence.paragraph)
            writer.integer(sentence.start)
            writer.integer(sentence.end)
            if withText { writer.text(sentence.text) }
            try writer.endRow()
        }
    }

    private static func writeEntities(of article: Article, to writer: inout some OutputRowWriter) throws {
        for (index, entity) in article.entities.enumerated() {
            writer.text(article.id)
            writer.integer(index)
            writer.text(entity.text)
            writer.text(entity.type.rawValue)
            writer.text(entity.canonical)
            writer.integer(entity.start)
            writer.integer(entity.end)
            writer.integer(entity.sentence)
            writer.integer(entity.mentions)
            try writer.endRow()
        }
    }

    private static func writeQuotes(of article: Article, to writer: inout some OutputRowWriter) throws {
        for (index, quote) in article.quotes.enumerated() {
            writer.text(article.id)
            writer.integer(index)
            writer.text(quote.text)
            writer.text(quote.speaker)
            writer.text(quote.verb)
            writer.integer(quote.start)
            writer.integer(quote.end)
            writer.integer(quote.sentence)
            try writer.endRow()
        }
    }

    private static func writeAmounts(of article: Article, to writer: inout some OutputRowWriter) throws {
        for (index, amount) in article.amounts.enumerated() {
            writer.text(article.id)
            writer.integer(index)
            writer.text(amount.text)
            writer.text(amount.kind.rawValue)
            writer.real(amount.value)
            writer.text(amount.currency)
            writer.text(amount.unit)
            writer.text(amount.qualifier)
            writer.integer(amount.start)
            writer.integer(amount.end)
            writer.integer(amount.sentence)
            try writer.endRow()
        }
    }

    private static func writeDates(of article: Article, to writer: inout some OutputRowWriter) throws {
        for (index, date) in article.dates.enumerated() {
            writer.text(article.id)
            writer.integer(index)
            writer.text(date.text)
            writer.text(date.value)
            writer.text(date.resolution)
            writer.integer(date.start)
            writer.integer(date.end)
            writer.integer(date.sentence)
            try writer.endRow()
        }
    }

    private static func writeDuplicate(_ article: Article, to writer: inout some OutputRowWriter) throws {
        guard let survivor = article.duplicateOf else { return }
        writer.text(article.id)
        writer.text(survivor)
        writer.real(article.similarity)
        try writer.endRow()
    }
}

/// One news article as it moves through a pipeline: the ingested fields, the cleaned text and
/// every annotation later stages attach to it.
///
/// The JSON form is the output record documented in `docs/schema.md`; every field is always
/// written (absent values as `null`, absent lists as `[]`) so the schema is stable for consumers.
/// All offsets (`start`/`end`) count Unicode scalars of ``text``.
public struct Article: Sendable, Codable, Equatable {
    /// The record's own stable id (``ArticleID/make(source:contentKey:)``): unique within every
    /// output, the same for the same input record on every run, resume and shard.
    public var id: String
    /// Key of the content as read (``ArticleID/contentKey(title:text:)``): exact copies share it.
    public var contentKey: String
    /// Where the article came from.
    public var source: SourceLocation
    /// Publication date, ISO `YYYY-MM-DD`, when known.
    public var date: String?
    /// Section or desk name from the drop header (`International`).
    public var section: String?
    /// Headline.
    public var title: String?
    /// Standfirst or summary line, when it is a genuine summary.
    public var summary: String?
    /// Canonical URL, when the input carried one.
    public var url: String?
    /// Authors' names, in the order the page gives them; empty when none is known.
    public var authors: [String]
    /// Language of the article, a BCP 47 tag (`en`, `en-GB`), when known.
    public var language: String?
    /// Name of the site that published the article (`The Daily Ledger`), when known.
    public var site: String?
    /// Dateline found at the start of the body (`MOSCOW (Sputnik) - `).
    public var dateline: Dateline?
    /// Body text: paragraphs joined by a blank line (`"\n\n"`).
    public var text: String
    /// Paragraph structure of ``text``.
    public var paragraphs: [Paragraph]
    /// Sentences of ``text``.
    public var sentences: [Sentence]
    /// People, organisations, places and groups mentioned.
    public var entities: [Entity]
    /// Direct quotations with their speakers.
    public var quotes: [Quote]
    /// Money, percentages and quantities.
    public var amounts: [Amount]
    /// Dates mentioned in the text, resolved against ``date`` where possible.
    public var dates: [DateMention]
    /// Blocks removed as repeats of other blocks of the same article.
    public var removedBlocks: [RemovedBlock]
    /// Id of the article this one duplicates, when dedupe kept it and marked it.
    public var duplicateOf: String?
    /// Similarity to ``duplicateOf`` (1.0 for an exact duplicate).
    public var similarity: Double?
    /// The input record's fields that no field of the article took, as read (any JSON values):
    /// a record passes through Copydesk without losing them. Empty for most sources.
    public var extra: [String: JSONValue]

    /// Creates an article with its ingested fields; annotations start empty. The content key
    /// is computed from `title` and `text` unless given.
    public init(
        id: String,
        contentKey: String? = nil,
        source: SourceLocation,
        date: String? = nil,
        section: String? = nil,
        title: String? = nil,
        summary: String? = nil,
        url: String? = nil,
        authors: [String] = [],
        language: String? = nil,
        site: String? = nil,
        text: String,
        paragraphs: [Paragraph] = []
    ) {
        self.id = id
        self.contentKey = contentKey ?? ArticleID.contentKey(title: title, text: text)
        self.source = source
        self.date = date
        self.section = section
        self.title = title
        self.summary = summary
        self.url = url
        self.authors = authors
        self.language = language
        self.site = site
        self.dateline = nil
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = []
        self.entities = []
        self.quotes = []
        self.amounts = []
        self.dates = []
        self.removedBlocks = []
        self.duplicateOf = nil
        self.similarity = nil
        self.extra = [:]
    }

    enum CodingKeys: String, CodingKey {
        case id
        case contentKey = "content_key"
        case source, date, section, title, summary, url, authors, language, site, dateline, text, paragraphs, sentences
        case entities, quotes, amounts, dates
        case removedBlocks = "removed_blocks"
        case duplicateOf = "duplicate_of"
        case similarity, extra
    }

    /// The keys of the annotations Copydesk writes, which ``decodeAnnotations(from:)`` reads.
    static let annotationKeys: Set<String> = [
        CodingKeys.dateline, .paragraphs, .sentences, .entities, .quotes, .amounts, .dates, .removedBlocks, .duplicateOf, .similarity,
    ].reduce(into: []) { $0.insert($1.stringValue) }

    /// Decodes leniently: only `text` is required, so exports of other tools and earlier
    /// Copydesk output can both be read back; a missing content key is computed, `authors`
    /// may also be a single string, one author's name (an empty one means none), and a missing
    /// `extra` is empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        source = try c.decodeIfPresent(SourceLocation.self, forKey: .source) ?? SourceLocation(path: "", line: 0, format: "")
        date = try c.decodeIfPresent(String.self, forKey: .date)
        section = try c.decodeIfPresent(String.self, forKey: .section)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        authors = try Self.decodeAuthors(from: c)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        site = try c.decodeIfPresent(String.self, forKey: .site)
        contentKey = try c.decodeIfPresent(String.self, forKey: .contentKey) ?? ArticleID.contentKey(title: title, text: text)
        dateline = nil
        paragraphs = []
        sentences = []
        entities = []
        quotes = []
        amounts = []
        dates = []
        removedBlocks = []
        duplicateOf = nil
        similarity = nil
        extra = try c.decodeIfPresent([String: JSONValue].self, forKey: .extra) ?? [:]
        try decodeAnnotations(from: decoder)
    }

    /// Reads the annotations of a record Copydesk wrote (the keys of ``annotationKeys``) from
    /// `decoder`; an absent annotation is left empty.
    mutating func decodeAnnotations(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dateline = try c.decodeIfPresent(Dateline.self, forKey: .dateline)
        paragraphs = try c.decodeIfPresent([Paragraph].self, forKey: .paragraphs) ?? []
        sentences = try c.decodeIfPresent([Sentence].self, forKey: .sentences) ?? []
        entities = try c.decodeIfPresent([Entity].self, forKey: .entities) ?? []
        quotes = try c.decodeIfPresent([Quote].self, forKey: .quotes) ?? []
        amounts = try c.decodeIfPresent([Amount].self, forKey: .amounts) ?? []
        dates = try c.decodeIfPresent([DateMention].self, forKey: .dates) ?? []
        removedBlocks = try c.decodeIfPresent([RemovedBlock].self, forKey: .removedBlocks) ?? []
        duplicateOf = try c.decodeIfPresent(String.self, forKey: .duplicateOf)
        similarity = try c.decodeIfPresent(Double.self, forKey: .similarity)
    }

    /// Encodes every field, writing `null` for absent values so each record has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(contentKey, forKey: .contentKey)
        try c.encode(source, forKey: .source)
        try c.encode(date, forKey: .date)
        try c.encode(section, forKey: .section)
        try c.encode(title, forKey: .title)
        try c.encode(summary, forKey: .summary)
        try c.encode(url, forKey: .url)
        try c.encode(authors, forKey: .authors)
        try c.encode(language, forKey: .language)
        try c.encode(site, forKey: .site)
        try c.encode(dateline, forKey: .dateline)
        try c.encode(text, forKey: .text)
        try c.encode(paragraphs, forKey: .paragraphs)
        try c.encode(sentences, forKey: .sentences)
        try c.encode(entities, forKey: .entities)
        try c.encode(quotes, forKey: .quotes)
        try c.encode(amounts, forKey: .amounts)
        try c.encode(dates, forKey: .dates)
        try c.encode(removedBlocks, forKey: .removedBlocks)
        try c.encode(duplicateOf, forKey: .duplicateOf)
        try c.encode(similarity, forKey: .similarity)
        try c.encode(extra, forKey: .extra)
    }

    /// The `authors` of a record: a list of names, or a single name as one string (not split);
    /// none when the key is absent, `null` or an empty string.
    private static func decodeAuthors(from c: KeyedDecodingContainer<CodingKeys>) throws -> [String] {
        if let name = try? c.decodeIfPresent(String.self, forKey: .authors) { return name.isEmpty ? [] : [name] }
        return try c.decodeIfPresent([String].self, forKey: .authors) ?? []
    }
}

/// Finds the dateline, marks a dateline standing alone, and splits every paragraph into
/// sentences with exact scalar offsets into `text`. Headings are one sentence each; the
/// dateline belongs to no sentence, so the first sentence starts after it.
public struct SegmentStage: TransformStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "segment"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Splits paragraphs into sentences with exact offsets and fills the dateline."
    /// Keeps no state between batches: runs on several workers.
    public static let isStateless = true

    /// The stage's options.
    public struct Options: DeclaredOptions {
        /// Which language's segmentation rules to use.
        public var language = "en"
        /// Detect a dateline at the start of the body.
        public var datelines = true

        /// English rules, datelines detected.
        public init() {}

        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Self>] = [
            .string("language", \.language, doc: "Segmentation rules to use: the word lists in Resources/language/LANGUAGE/."),
            .boolean("datelines", \.datelines, doc: "Detect a dateline (`MOSCOW (Sputnik) - `) at the start of the body."),
        ]
    }

    private let splitter: SentenceSplitter
    private let datelines: DatelineParser?

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) throws {
        let language = options.language
        let rules: SegmentationRules
        do {
            rules = try SegmentationRules.load(language: language)
        } catch {
            throw context.invalid(\Options.language, "no segmentation rules for '\(language)': \(error)")
        }
        splitter = SentenceSplitter(rules: rules)
        datelines = options.datelines ? DatelineParser(rules: rules) : nil
    }

    /// Processes one batch, in input order.
    public func process(_ articles: [Article]) async throws -> TransformOutput {
        TransformOutput(articles: articles.map(segment))
    }

    /// Segments one article, replacing earlier sentences and dateline.
    func segment(_ article: Article) -> Article {
        var result = article
        let length = ScalarOffsets.count(article.text)
        guard article.paragraphsAreValid else { return result }
        let blocks = ScalarOffsets.substrings(of: article.text[...], ranges: article.paragraphs.map { $0.start..<$0.end })
        result.dateline = nil
        result.sentences = []
        for (index, (paragraph, block)) in zip(article.paragraphs, blocks).enumerated() {
            var skip = 0
            if index == 0, paragraph.kind != .heading, let found = datelines?.parse(block) {
                result.dateline = Dateline(
                    place: found.place, agency: found.agency, start: paragraph.start, end: min(paragraph.start + found.length, length))
                skip = found.length
                if found.length >= paragraph.end - paragraph.start {
                    result.paragraphs[index].kind = .dateline
                    continue
                }
            }
            if paragraph.kind == .heading {
                result.sentences.append(Sentence(paragraph: index, start: paragraph.start, end: paragraph.end, text: String(block)))
                continue
            }
            let rest = skip == 0 ? block : ScalarOffsets.substrings(of: block, ranges: [skip..<(paragraph.end - paragraph.start)])[0]
            let ranges = splitter.split(rest)
            let texts = ScalarOffsets.substrings(of: rest, ranges: ranges)
            let base = paragraph.start + skip
            for (range, text) in zip(ranges, texts) {
                result.sentences.append(Sentence(paragraph: index, start: base + range.lowerBound, end: base + range.upperBound, text: String(text)))
            }
        }
        return result
    }
}

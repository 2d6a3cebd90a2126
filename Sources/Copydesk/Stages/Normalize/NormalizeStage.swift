/// Cleans article text without changing its words: Unicode normalisation, unified quotes,
/// dashes, ellipses and spaces, stripped control and zero-width characters, collapsed white
/// space, repaired glued sentences; then removes blocks that repeat other blocks of the same
/// article (a flattened re-paste of the body as summary, a repeated lead, a body pasted twice).
public struct NormalizeStage: TransformStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "normalize"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Cleans text (Unicode, quotes, dashes, spaces, glued sentences) and removes repeated blocks."
    /// Keeps no state between batches: runs on several workers.
    public static let isStateless = true

    /// The stage's options: the text clean-ups, then the repeated-block removal.
    public struct Options: DeclaredOptions {
        /// Which text-level clean-ups apply.
        public var text = NormalizationOptions()
        /// Remove a summary or paragraphs that repeat other blocks of the same article.
        public var removeRepeatedBlocks = true
        /// Share of a block's word shingles found elsewhere for it to count as a repeat.
        public var repeatThreshold = 0.8

        /// Every clean-up on.
        public init() {}

        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Self>] = [
            .choice("form", \.text.form, doc: "Unicode normalisation form; nfkc also folds compatibility characters (ligatures, full-width forms)."),
            .boolean("unify_quotes", \.text.unifyQuotes, doc: "Turn curly and angle quotes into straight ones."),
            .boolean(
                "unify_dashes", \.text.unifyDashes, doc: "Turn en/em dashes, minus signs and bars into the forms documented in docs/normalize.md."),
            .boolean("unify_ellipses", \.text.unifyEllipses, doc: "Turn the ellipsis character into three dots."),
            .boolean("unify_spaces", \.text.unifySpaces, doc: "Turn non-breaking, thin and other Unicode spaces into plain spaces."),
            .boolean("remove_zero_width", \.text.removeZeroWidth, doc: "Remove zero-width spaces, joiners and byte-order marks."),
            .boolean("strip_control", \.text.stripControl, doc: "Remove control characters."),
            .boolean("collapse_whitespace", \.text.collapseWhitespace, doc: "Collapse runs of white space inside a paragraph to one space."),
            .boolean(
                "repair_glued_sentences", \.text.repairGluedSentences,
                doc: "Insert the space lost between glued sentences (`said.The`, `RegionWhen`)."),
            .boolean(
                "remove_repeated_blocks", \.removeRepeatedBlocks, doc: "Remove a summary or paragraphs that repeat other blocks of the same article."),
            .number(
                "repeat_threshold", \.repeatThreshold, in: 0.5...1,
                doc: "Share of a block's word shingles found elsewhere in the article for it to count as a repeat."),
        ]
    }

    private let normalizer: TextNormalizer
    private let detector: RepeatedBlockDetector?

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) throws {
        normalizer = try TextNormalizer(options: options.text)
        detector = options.removeRepeatedBlocks ? RepeatedBlockDetector(threshold: options.repeatThreshold) : nil
    }

    /// Processes one batch, in input order.
    public func process(_ articles: [Article]) async throws -> TransformOutput {
        TransformOutput(articles: try articles.map(normalize))
    }

    /// An article whose body is empty once cleaned (only control or zero-width characters).
    struct EmptyBody: QuarantinableError {
        let reason = "no_body"
        var description: String { "the body is empty after normalisation" }
    }

    /// Normalises one article; offsets-based annotations are cleared because the text changes.
    func normalize(_ article: Article) throws -> Article {
        var result = article
        result.title = article.title.map(normalizer.normalize).flatMap { $0.isEmpty ? nil : $0 }
        result.summary = article.summary.map(normalizer.normalize).flatMap { $0.isEmpty ? nil : $0 }
        var blocks = zip(article.paragraphs, article.paragraphTexts)
            .map { (kind: $0.0.kind, text: normalizer.normalize($0.1)) }
            .filter { !$0.text.isEmpty }
        if let detector {
            let repeats = detector.detect(summary: result.summary, paragraphs: blocks.map(\.text))
            if let removed = repeats.removeSummary {
                result.summary = nil
                result.removedBlocks.append(removed)
            }
            for index in repeats.removedParagraphs.keys.sorted() {
                result.removedBlocks.append(repeats.removedParagraphs[index]!)
            }
            blocks = blocks.enumerated().filter { repeats.removedParagraphs[$0.offset] == nil }.map(\.element)
        }
        guard blocks.contains(where: { $0.kind != .heading }) else { throw EmptyBody() }
        let layout = BodyLayout.join(blocks)
        if layout.text != article.text { result.clearOffsetAnnotations() }
        result.text = layout.text
        result.paragraphs = layout.paragraphs
        return result
    }
}

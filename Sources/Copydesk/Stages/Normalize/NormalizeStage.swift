/// Cleans article text without changing its words: Unicode normalisation, unified quotes,
/// dashes, ellipses and spaces, stripped control and zero-width characters, collapsed white
/// space, repaired glued sentences; then removes blocks that repeat other blocks of the same
/// article (a flattened re-paste of the body as summary, a repeated lead, a body pasted twice).
public struct NormalizeStage: TransformStage {
    public static let typeName = "normalize"
    public static let summary = "Cleans text (Unicode, quotes, dashes, spaces, glued sentences) and removes repeated blocks."
    public static let isStateless = true
    public static let options: [OptionSpec] = [
        OptionSpec("form", .choice(["nfc", "nfkc"]), default: .string("nfc"), doc: "Unicode normalisation form; nfkc also folds compatibility characters (ligatures, full-width forms)."),
        OptionSpec("unify_quotes", .boolean, default: .boolean(true), doc: "Turn curly and angle quotes into straight ones."),
        OptionSpec("unify_dashes", .boolean, default: .boolean(true), doc: "Turn en/em dashes, minus signs and bars into the forms documented in docs/normalize.md."),
        OptionSpec("unify_ellipses", .boolean, default: .boolean(true), doc: "Turn the ellipsis character into three dots."),
        OptionSpec("unify_spaces", .boolean, default: .boolean(true), doc: "Turn non-breaking, thin and other Unicode spaces into plain spaces."),
        OptionSpec("remove_zero_width", .boolean, default: .boolean(true), doc: "Remove zero-width spaces, joiners and byte-order marks."),
        OptionSpec("strip_control", .boolean, default: .boolean(true), doc: "Remove control characters."),
        OptionSpec("collapse_whitespace", .boolean, default: .boolean(true), doc: "Collapse runs of white space inside a paragraph to one space."),
        OptionSpec("repair_glued_sentences", .boolean, default: .boolean(true), doc: "Insert the space lost between glued sentences (`said.The`, `RegionWhen`)."),
        OptionSpec("remove_repeated_blocks", .boolean, default: .boolean(true), doc: "Remove a summary or paragraphs that repeat other blocks of the same article."),
        OptionSpec("repeat_threshold", .number(0.5...1), default: .number(0.8), doc: "Share of a block's word shingles found elsewhere in the article for it to count as a repeat."),
    ]

    private let normalizer: TextNormalizer
    private let detector: RepeatedBlockDetector?

    public init(options: StageOptions, context: StageContext) throws {
        normalizer = try TextNormalizer(options: NormalizationOptions(
            form: options.string("form") == "nfkc" ? .nfkc : .nfc,
            unifyQuotes: options.boolean("unify_quotes"),
            unifyDashes: options.boolean("unify_dashes"),
            unifyEllipses: options.boolean("unify_ellipses"),
            unifySpaces: options.boolean("unify_spaces"),
            removeZeroWidth: options.boolean("remove_zero_width"),
            stripControl: options.boolean("strip_control"),
            collapseWhitespace: options.boolean("collapse_whitespace"),
            repairGluedSentences: options.boolean("repair_glued_sentences")))
        detector = options.boolean("remove_repeated_blocks") ? RepeatedBlockDetector(threshold: options.number("repeat_threshold")) : nil
    }

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
        guard blocks.contains(where: { $0.kind == .paragraph }) else { throw EmptyBody() }
        let layout = BodyLayout.join(blocks)
        if layout.text != article.text { result.clearOffsetAnnotations() }
        result.text = layout.text
        result.paragraphs = layout.paragraphs
        return result
    }
}

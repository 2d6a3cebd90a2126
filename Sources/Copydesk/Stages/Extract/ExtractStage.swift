/// Annotates articles with what readers query: dates (resolved against the article's date),
/// amounts of money, percentages and quantities, direct quotes with their speakers, and people,
/// organisations, places and groups linked within the article. Needs the sentences of the
/// `segment` stage. See docs/extract.md.
public struct ExtractStage: TransformStage {
    public static let typeName = "extract"
    public static let summary = "Extracts dates, amounts, quotes with speakers, and entities, with offsets."
    public static let isStateless = true
    public static let requiredEarlierStages = ["segment"]
    public static let options: [OptionSpec] = [
        OptionSpec("dates", .boolean, default: .boolean(true), doc: "Extract dates, resolved against the article's date (and fill a missing article date)."),
        OptionSpec("amounts", .boolean, default: .boolean(true), doc: "Extract money, percentages and quantities with their values."),
        OptionSpec("quotes", .boolean, default: .boolean(true), doc: "Extract direct quotes with speaker and speech verb."),
        OptionSpec("entities", .boolean, default: .boolean(true), doc: "Extract people, organisations, places and groups, linked within the article."),
    ]

    private let extractor: Extractor

    public init(options: StageOptions, context: StageContext) throws {
        extractor = try Extractor(options: ExtractionOptions(
            dates: options.boolean("dates"), amounts: options.boolean("amounts"),
            quotes: options.boolean("quotes"), entities: options.boolean("entities")))
    }

    public func process(_ articles: [Article]) async throws -> TransformOutput {
        TransformOutput(articles: articles.map { article in
            var annotated = article
            extractor.annotate(&annotated)
            return annotated
        })
    }
}

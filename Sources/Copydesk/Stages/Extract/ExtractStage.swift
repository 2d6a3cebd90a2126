/// Annotates articles with what readers query: dates (resolved against the article's date),
/// amounts of money, percentages and quantities, direct quotes with their speakers, and people,
/// organisations, places and groups linked within the article. Needs the sentences of the
/// `segment` stage. See docs/extract.md.
public struct ExtractStage: TransformStage {
    public static let typeName = "extract"
    public static let summary = "Extracts dates, amounts, quotes with speakers, and entities, with offsets."
    public static let isStateless = true
    public static let requiredEarlierStages = ["segment"]
    /// The annotations to produce.
    public typealias Options = ExtractionOptions

    private let extractor: Extractor

    public init(options: Options, context: StageContext) throws {
        extractor = try Extractor(options: options)
    }

    public func process(_ articles: [Article]) async throws -> TransformOutput {
        TransformOutput(articles: articles.map { article in
            var annotated = article
            extractor.annotate(&annotated)
            return annotated
        })
    }
}

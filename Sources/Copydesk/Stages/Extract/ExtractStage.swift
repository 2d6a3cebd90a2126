/// Annotates articles with what readers query: dates (resolved against the article's date),
/// amounts of money, percentages and quantities, direct quotes with their speakers, and people,
/// organisations, places and groups linked within the article. Needs the sentences of the
/// `segment` stage. See docs/extract.md.
public struct ExtractStage: TransformStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "extract"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary = "Extracts dates, amounts, quotes with speakers, and entities, with offsets."
    /// Keeps no state between batches: runs on several workers.
    public static let isStateless = true
    /// The stages that must run before this one.
    public static let requiredEarlierStages = ["segment"]
    /// The annotations to produce.
    public typealias Options = ExtractionOptions

    private let extractor: Extractor

    /// Builds the stage from its options; opens no input, output or state store.
    public init(options: Options, context: StageContext) throws {
        extractor = try Extractor(options: options)
    }

    /// Processes one batch, in input order.
    public func process(_ articles: [Article]) async throws -> TransformOutput {
        TransformOutput(
            articles: articles.map { article in
                var annotated = article
                extractor.annotate(&annotated)
                return annotated
            })
    }
}

/// Which annotations the extract stage produces; the stage's options.
public struct ExtractionOptions: DeclaredOptions, Equatable {
    /// Find and resolve date mentions (and fill a missing article date).
    public var dates = true
    /// Find money, percentages and quantities.
    public var amounts = true
    /// Find quotations and their speakers.
    public var quotes = true
    /// Find people, organisations, places and groups.
    public var entities = true

    /// Options with every annotation switched on.
    public init() {}

    /// The YAML keys, with their properties, types and docs.
    public static let fields: [OptionField<Self>] = [
        .boolean("dates", \.dates, doc: "Extract dates, resolved against the article's date (and fill a missing article date)."),
        .boolean("amounts", \.amounts, doc: "Extract money, percentages and quantities with their values."),
        .boolean("quotes", \.quotes, doc: "Extract direct quotes with speaker and speech verb."),
        .boolean("entities", \.entities, doc: "Extract people, organisations, places and groups, linked within the article."),
    ]
}

import Foundation

/// Annotates articles with entities, quotations, amounts and dates. Loads every word list once
/// at creation; ``annotate(_:)`` is then safe to call from any number of tasks.
public struct Extractor: Sendable {
    /// The annotations to produce.
    public let options: ExtractionOptions
    private let gazetteer: Gazetteer
    private let entities: EntityExtractor
    private let tagger: EntityTagger
    private let linker: EntityLinker
    private let quotes: QuoteExtractor
    private let amounts: AmountExtractor
    private let dates: DateExtractor

    /// Loads the data files and the entity model of `Resources/extract/`; throws when one is
    /// missing or the model was trained for another feature set.
    public init(options: ExtractionOptions) throws {
        try self.init(options: options, entityModel: BundledData.data("extract/ner.model"))
    }

    /// Like ``init(options:)``, with the entity model read from `entityModel` (the bytes of a
    /// file `copydesk-train ner` wrote) instead of the bundled one.
    public init(options: ExtractionOptions, entityModel: Data) throws {
        self.options = options
        gazetteer = try Gazetteer()
        entities = EntityExtractor(gazetteer: gazetteer)
        tagger = EntityTagger(gazetteer: gazetteer, weights: try TaggerWeights(serialized: entityModel))
        linker = EntityLinker(gazetteer: gazetteer)
        quotes = try QuoteExtractor()
        amounts = try AmountExtractor()
        dates = try DateExtractor()
    }

    /// Fills `entities`, `quotes`, `amounts` and `dates` of the article as the options ask,
    /// and its `date` when it is missing and the first paragraph states one.
    public func annotate(_ article: inout Article) {
        let text = TokenScanner.scan(article.text, paragraphs: article.paragraphs, sentences: article.sentences)
        if options.dates {
            if article.date == nil, let published = dates.publicationDate(in: text) { article.date = published.iso }
            article.dates = dates.extract(from: text, articleDate: article.date.flatMap(CivilDate.init(iso:)))
        }
        if options.amounts { article.amounts = amounts.extract(from: text) }
        guard options.entities || options.quotes else { return }
        let (rules, afterDateline) = entities.extract(from: text, dateline: article.dateline)
        let mentions = linker.link(tagger.mentions(text, rules: rules, firstTagged: afterDateline), in: text)
        if options.entities { article.entities = linker.entities(mentions, in: text) }
        if options.quotes { article.quotes = quotes.extract(from: text, mentions: mentions) }
    }
}

import Copydesk

/// Drops articles whose body has fewer words than `min_words`.
struct WordCountFilter: TransformStage {
    static let typeName = "word_count_filter"
    static let summary = "Drops articles with fewer words than min_words."
    static let isStateless = true

    struct Options: DeclaredOptions {
        var minWords = 50
        var maxWords = 0

        static let fields: [OptionField<Self>] = [
            .integer("min_words", \.minWords, in: 1...100_000, doc: "Fewest words an article keeps."),
            .integer("max_words", \.maxWords, in: 0...1_000_000, doc: "Most words an article keeps; 0 for no limit."),
        ]
    }

    let words: ClosedRange<Int>

    init(options: Options, context: StageContext) throws {
        let most = options.maxWords == 0 ? Int.max : options.maxWords
        guard most >= options.minWords else {
            throw context.invalid(\Options.maxWords, "must be at least min_words (\(options.minWords))")
        }
        words = options.minWords...most
    }

    func process(_ articles: [Article]) async throws -> TransformOutput {
        let kept = articles.filter { article in
            words.contains(article.text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A }).count)
        }
        return TransformOutput(articles: kept, filtered: articles.count - kept.count)
    }
}

/// Keeps or drops articles on declared conditions — word counts, sections, languages, a date
/// range, regular expressions on the title or the text, entity types, the duplicate mark — all
/// of which must hold (AND). Dropped articles count as `filtered` in the run's balance and,
/// with `rejects`, are written to a JSON-lines file with the rule that dropped them. See
/// docs/filter.md.
///
/// The stage keeps no state between batches and runs on `workers:` workers, except with a
/// rejects file, which it writes in input order: then it runs on one worker.
public struct FilterStage: TransformStage {
    /// The stage's `type:` name in pipeline files.
    public static let typeName = "filter"
    /// One line on what the stage does, for `copydesk stages`.
    public static let summary =
        "Keeps only the articles meeting every rule set (words, sections, languages, dates, patterns, entity types, duplicate mark); the others count as filtered."
    /// Decides on each article alone: runs on several workers unless it writes a rejects file.
    public static let isStateless = true

    /// The stage's options.
    public struct Options: DeclaredOptions {
        /// What happens to an article a rule cannot decide on (no date, no language tag).
        public enum Unknown: String, Sendable, CaseIterable {
            /// The article is kept.
            case keep
            /// The article is dropped.
            case drop
        }

        /// Fewest words kept; 0 for no minimum.
        public var minWords = 0
        /// Most words kept; 0 for no maximum.
        public var maxWords = 0
        /// Sections kept; empty for any.
        public var sections: [String] = []
        /// Language tags kept; empty for any.
        public var languages: [String] = []
        /// What happens to an article without a language tag when `languages` is set.
        public var unknownLanguage = Unknown.drop
        /// Earliest date kept, `YYYY-MM-DD`; empty for none.
        public var dateFrom = ""
        /// Latest date kept, `YYYY-MM-DD`; empty for none.
        public var dateTo = ""
        /// What happens to an article without a date when a date bound is set.
        public var undated = Unknown.drop
        /// A regular expression the title must contain a match of; empty for none.
        public var titleMatches = ""
        /// A regular expression the text must contain a match of; empty for none.
        public var textMatches = ""
        /// Entity types of which an article must mention one; empty for no such rule.
        public var hasEntityType: [String] = []
        /// Drop articles marked `duplicate_of`.
        public var notDuplicate = false
        /// JSON-lines file receiving each dropped article with its rule; `nil` for none.
        public var rejects: String?

        /// No rule is set until the pipeline sets one.
        public init() {}

        /// The YAML keys, with their properties, types and docs.
        public static let fields: [OptionField<Self>] = [
            .integer(
                "min_words", \.minWords, in: 0...1_000_000,
                doc: "Fewest words an article keeps (words as normalize and dedupe count them); 0 for no minimum."),
            .integer("max_words", \.maxWords, in: 0...1_000_000, doc: "Most words an article keeps; 0 for no maximum."),
            .strings("sections", \.sections, doc: "Keep only articles of these sections (compared without case)."),
            .strings(
                "languages", \.languages, doc: "Keep only articles in these languages: BCP 47 tags, `en` keeping `en-GB` too (compared without case)."
            ),
            .choice("unknown_language", \.unknownLanguage, doc: "With languages: keep or drop articles whose language is not known."),
            .formatted(
                "date_from", \.dateFrom, format: "a date YYYY-MM-DD", parse: Self.date, render: { $0 },
                doc: "Keep only articles dated on or after this day."),
            .formatted(
                "date_to", \.dateTo, format: "a date YYYY-MM-DD", parse: Self.date, render: { $0 },
                doc: "Keep only articles dated on or before this day."),
            .choice("undated", \.undated, doc: "With date_from or date_to: keep or drop articles without a date."),
            .string(
                "title_matches", \.titleMatches, doc: "Keep only articles whose title contains a match of this regular expression (Swift Regex)."),
            .string("text_matches", \.textMatches, doc: "Keep only articles whose text contains a match of this regular expression (Swift Regex)."),
            .strings(
                "has_entity_type", \.hasEntityType,
                doc: "Keep only articles mentioning an entity of one of these types (person, organization, location, group); needs extract before."),
            .boolean("not_duplicate", \.notDuplicate, doc: "Drop articles marked duplicate_of (after dedupe with duplicates: mark)."),
            .path(
                "rejects", \.rejects, writes: .file, label: "the rejects file",
                doc:
                    "JSON-lines file receiving each dropped article with the rule that dropped it, in input order; the stage then runs on one worker."
            ),
        ]

        /// A `YYYY-MM-DD` date as written, or empty for none; `nil` for anything else.
        private static func date(_ text: String) -> String? {
            text.isEmpty || ISODate.isValid(text) ? text : nil
        }
    }

    /// The conditions checked.
    let rules: FilterRules
    /// Where dropped articles are written, if anywhere (never in a dry run).
    let rejects: FilterRejectsFile?

    /// The rejects file, locked for the run.
    public var lockPaths: [String] { rejects.map { [$0.path] } ?? [] }

    /// Writing the rejects file in input order needs the batches in order, on one worker.
    public static func isStateless(with options: Options) -> Bool { options.rejects == nil }

    /// `has_entity_type` reads the entities `extract` finds.
    public static func requiredEarlierStages(with options: Options) -> [String] {
        options.hasEntityType.isEmpty ? [] : [ExtractStage.typeName]
    }

    /// Builds the stage from its options, checking the patterns, dates and entity types; opens
    /// no file.
    public init(options: Options, context: StageContext) throws {
        var rules = FilterRules()
        rules.minWords = options.minWords
        rules.maxWords = options.maxWords
        if options.maxWords > 0, options.maxWords < options.minWords {
            throw context.invalid(\Options.maxWords, "must be at least min_words (\(options.minWords)), or 0 for no maximum")
        }
        rules.sections = Set(options.sections.map { $0.lowercased() })
        rules.languages = options.languages.map(FilterRules.languageKey)
        if options.sections.contains("") { throw context.invalid(\Options.sections, "must not hold an empty section") }
        if options.languages.contains("") { throw context.invalid(\Options.languages, "must not hold an empty language tag") }
        rules.unknownLanguage = options.unknownLanguage
        rules.dateFrom = options.dateFrom.isEmpty ? nil : options.dateFrom
        rules.dateTo = options.dateTo.isEmpty ? nil : options.dateTo
        if let from = rules.dateFrom, let to = rules.dateTo, to < from {
            throw context.invalid(\Options.dateTo, "\(to) is before date_from (\(from))")
        }
        rules.undated = options.undated
        rules.titlePattern = try Self.pattern(options.titleMatches, at: \Options.titleMatches, context: context)
        rules.textPattern = try Self.pattern(options.textMatches, at: \Options.textMatches, context: context)
        rules.entityTypes = try options.hasEntityType.map { name in
            guard let kind = Entity.Kind(rawValue: name.lowercased()) else {
                let known = Entity.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw context.invalid(\Options.hasEntityType, "'\(name)' is not an entity type (\(known))")
            }
            return kind
        }
        rules.notDuplicate = options.notDuplicate
        guard !rules.isEmpty else {
            throw context.invalid(
                \Options.minWords,
                "sets no rule: give min_words, max_words, sections, languages, date_from, date_to, title_matches, text_matches, has_entity_type or not_duplicate"
            )
        }
        self.rules = rules
        rejects = options.rejects.flatMap { context.run.dryRunLimit == nil ? FilterRejectsFile(path: $0) : nil }
    }

    /// Passes on the articles meeting every rule, in order, and counts the others as filtered,
    /// writing them to the rejects file when there is one.
    public func process(_ articles: [Article]) async throws -> TransformOutput {
        var kept: [Article] = []
        kept.reserveCapacity(articles.count)
        var dropped: [(article: Article, rejection: FilterRejection)] = []
        for article in articles {
            if let rejection = rules.rejection(of: article) {
                dropped.append((article, rejection))
            } else {
                kept.append(article)
            }
        }
        if let rejects, !dropped.isEmpty { try await rejects.write(dropped) }
        return TransformOutput(articles: kept, filtered: dropped.count)
    }

    /// Renames the rejects file into place.
    public func commit() async throws {
        try await rejects?.commit()
    }

    /// Throws the rejects file of this run away.
    public func discard() async {
        await rejects?.discard()
    }

    /// The compiled `pattern`, `nil` when it is empty; an invalid one is a configuration error
    /// at its option.
    private static func pattern(_ pattern: String, at keyPath: PartialKeyPath<Options>, context: StageContext) throws -> FilterPattern? {
        guard !pattern.isEmpty else { return nil }
        do {
            return try FilterPattern(pattern)
        } catch {
            throw context.invalid(keyPath, "invalid regular expression '\(pattern)': \(error)")
        }
    }
}

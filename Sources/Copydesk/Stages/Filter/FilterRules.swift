/// The conditions of one `filter` stage, checked against each article; all must hold for the
/// article to be kept (AND). ``rejection(of:)`` names the first one that does not, checking
/// the cheap rules first: duplicate mark, section, language, date, word counts, entity types,
/// then the regular expressions.
struct FilterRules: Sendable {
    /// Fewest words kept; 0 for no minimum.
    var minWords = 0
    /// Most words kept; 0 for no maximum.
    var maxWords = 0
    /// Sections kept, lowercased; empty for any.
    var sections: Set<String> = []
    /// Language tags kept, as ``languageKey(_:)`` writes them; empty for any.
    var languages: [String] = []
    /// What happens to an article without a language tag when `languages` is set.
    var unknownLanguage = FilterStage.Options.Unknown.drop
    /// Earliest date kept, `YYYY-MM-DD`; `nil` for none.
    var dateFrom: String?
    /// Latest date kept, `YYYY-MM-DD`; `nil` for none.
    var dateTo: String?
    /// What happens to an article without a valid date when a date bound is set.
    var undated = FilterStage.Options.Unknown.drop
    /// A pattern the title must contain a match of.
    var titlePattern: FilterPattern?
    /// A pattern the text must contain a match of.
    var textPattern: FilterPattern?
    /// Entity types of which an article must mention at least one; empty for no such rule.
    var entityTypes: [Entity.Kind] = []
    /// Whether articles marked `duplicate_of` are dropped.
    var notDuplicate = false

    /// Counts words as normalize and dedupe do: runs of letters and digits.
    private static let words = Shingler(size: 1)

    /// Whether any rule is set.
    var isEmpty: Bool {
        minWords == 0 && maxWords == 0 && sections.isEmpty && languages.isEmpty && dateFrom == nil && dateTo == nil
            && titlePattern == nil && textPattern == nil && entityTypes.isEmpty && !notDuplicate
    }

    /// The rule `article` fails, or `nil` when it passes them all.
    func rejection(of article: Article) -> FilterRejection? {
        if notDuplicate, let original = article.duplicateOf {
            return FilterRejection(rule: "not_duplicate", detail: "duplicate of \(original)")
        }
        if let failed = sectionRejection(of: article) ?? languageRejection(of: article) ?? dateRejection(of: article) {
            return failed
        }
        if minWords > 0 || maxWords > 0 {
            let count = Self.words.tokenHashes(of: article.text).count
            if count < minWords { return FilterRejection(rule: "min_words", detail: "\(count) words < \(minWords)") }
            if maxWords > 0, count > maxWords { return FilterRejection(rule: "max_words", detail: "\(count) words > \(maxWords)") }
        }
        if !entityTypes.isEmpty, !article.entities.contains(where: { entityTypes.contains($0.type) }) {
            let names = entityTypes.map(\.rawValue).joined(separator: " or ")
            return FilterRejection(rule: "has_entity_type", detail: "no \(names) entity")
        }
        if let titlePattern {
            guard let title = article.title else { return FilterRejection(rule: "title_matches", detail: "no title") }
            if !titlePattern.matches(title) { return FilterRejection(rule: "title_matches", detail: "title does not match \(titlePattern.source)") }
        }
        if let textPattern, !textPattern.matches(article.text) {
            return FilterRejection(rule: "text_matches", detail: "text does not match \(textPattern.source)")
        }
        return nil
    }

    /// The `sections` rule: the article's section, compared without case, must be listed.
    private func sectionRejection(of article: Article) -> FilterRejection? {
        guard !sections.isEmpty else { return nil }
        guard let section = article.section, !section.isEmpty else { return FilterRejection(rule: "sections", detail: "no section") }
        return sections.contains(section.lowercased()) ? nil : FilterRejection(rule: "sections", detail: "section '\(section)' is not listed")
    }

    /// The `languages` rule: the article's tag must be a listed tag or a subtag of one (`en`
    /// keeps `en-GB`), compared by ``languageKey(_:)``; `unknown_language` decides on untagged
    /// articles.
    private func languageRejection(of article: Article) -> FilterRejection? {
        guard !languages.isEmpty else { return nil }
        guard let language = article.language, !language.isEmpty else {
            return unknownLanguage == .keep ? nil : FilterRejection(rule: "unknown_language", detail: "no language")
        }
        let tag = Self.languageKey(language)
        let listed = languages.contains { tag == $0 || tag.hasPrefix($0 + "-") }
        return listed ? nil : FilterRejection(rule: "languages", detail: "language '\(language)' is not listed")
    }

    /// A language tag lowercased, `_` read as `-` (`og:locale` writes `en_GB`).
    static func languageKey(_ tag: String) -> String {
        tag.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// The `date_from` and `date_to` rules, inclusive; `undated` decides on articles without a
    /// valid `YYYY-MM-DD` date.
    private func dateRejection(of article: Article) -> FilterRejection? {
        guard dateFrom != nil || dateTo != nil else { return nil }
        guard let date = article.date, ISODate.isValid(date) else {
            guard undated == .drop else { return nil }
            return FilterRejection(rule: "undated", detail: article.date.map { "date '\($0)' is not YYYY-MM-DD" } ?? "no date")
        }
        if let dateFrom, date < dateFrom { return FilterRejection(rule: "date_from", detail: "\(date) < \(dateFrom)") }
        if let dateTo, date > dateTo { return FilterRejection(rule: "date_to", detail: "\(date) > \(dateTo)") }
        return nil
    }
}

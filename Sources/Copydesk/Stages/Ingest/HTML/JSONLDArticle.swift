import Foundation

/// The article fields of a page's JSON-LD (`<script type="application/ld+json">`): the first
/// object whose `@type` is an article type (`NewsArticle`, `Article`, `BlogPosting`,
/// `ReportageNewsArticle`, `LiveBlogPosting`, …), found also inside `@graph` and lists.
struct JSONLDArticle: Equatable {
    /// `headline` (or `name`).
    var headline: String?
    /// `datePublished` as written.
    var datePublished: String?
    /// Names of `author` (a string, a person or organisation object, or a list of them).
    var authors: [String] = []
    /// `articleSection` (its first entry when a list).
    var section: String?
    /// `publisher.name`.
    var publisher: String?
    /// `inLanguage`.
    var language: String?
    /// `url` or `mainEntityOfPage`.
    var url: String?
    /// `description`.
    var description: String?

    private static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "reviewnewsarticle", "backgroundnewsarticle", "livenewsarticle", "liveblogposting", "scholarlyarticle", "techarticle",
        "socialmediaposting", "report", "posting",
    ]

    /// The article found in one script's text; `nil` when it holds none or is not JSON.
    init?(script: String) {
        guard let data = script.data(using: .utf8),
            let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return nil }
        guard let object = Self.firstArticle(in: root, depth: 0) else { return nil }
        headline = Self.string(object["headline"]) ?? Self.string(object["name"])
        datePublished = Self.string(object["datePublished"]) ?? Self.string(object["dateCreated"])
        authors = Self.names(object["author"]) + Self.names(object["creator"])
        section = Self.string(object["articleSection"])
        publisher = Self.names(object["publisher"]).first
        language = Self.string(object["inLanguage"])
        url = Self.string(object["url"]) ?? Self.string(object["mainEntityOfPage"])
        description = Self.string(object["description"])
    }

    private static func firstArticle(in value: Any, depth: Int) -> [String: Any]? {
        guard depth < 8 else { return nil }
        if let list = value as? [Any] {
            for item in list { if let found = firstArticle(in: item, depth: depth + 1) { return found } }
            return nil
        }
        guard let object = value as? [String: Any] else { return nil }
        if isArticle(object["@type"]) { return object }
        for key in ["@graph", "mainEntity", "itemListElement"] {
            if let nested = object[key], let found = firstArticle(in: nested, depth: depth + 1) { return found }
        }
        return nil
    }

    private static func isArticle(_ type: Any?) -> Bool {
        if let name = type as? String { return articleTypes.contains(name.lowercased()) }
        if let names = type as? [Any] { return names.contains { isArticle($0) } }
        return false
    }

    /// A string, the first string of a list, or an object's `@id`/`name`.
    private static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String:
            let trimmed = LeftoverEntities.decode(text).trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        case let list as [Any]:
            return list.lazy.compactMap { string($0) }.first
        case let object as [String: Any]:
            return string(object["@id"]) ?? string(object["name"])
        default:
            return nil
        }
    }

    /// The names of people or organisations given as strings, objects with `name`, or lists.
    private static func names(_ value: Any?) -> [String] {
        switch value {
        case let text as String:
            return AuthorNames.parse(LeftoverEntities.decode(text))
        case let list as [Any]:
            return list.flatMap { names($0) }
        case let object as [String: Any]:
            guard let name = object["name"] else { return [] }
            return names(name)
        default:
            return []
        }
    }
}

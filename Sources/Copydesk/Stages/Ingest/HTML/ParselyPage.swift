import Foundation

/// The article fields of a Parse.ly `<meta name="parsely-page">` (or `parsely-metadata`) tag,
/// whose content is a JSON object: `title`, `pub_date`, `section`, `author` or `authors`.
struct ParselyPage: Equatable {
    /// `title`.
    var title: String?
    /// `pub_date` as written.
    var published: String?
    /// `section`.
    var section: String?
    /// `authors` (a list) or `author` (one name).
    var authors: [String] = []

    /// The fields of one tag's content; `nil` when it is not a JSON object.
    init?(content: String) {
        guard let data = content.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return nil
        }
        func text(_ key: String) -> String? {
            (object[key] as? String).map { LeftoverEntities.decode($0).trimmingCharacters(in: .whitespaces) }.flatMap(\.nonEmpty)
        }
        title = text("title")
        published = text("pub_date")
        section = text("section")
        if let list = object["authors"] as? [String] {
            authors = list.flatMap { AuthorNames.parse(LeftoverEntities.decode($0)) }
        } else if let one = text("author") {
            authors = AuthorNames.parse(one)
        }
    }
}

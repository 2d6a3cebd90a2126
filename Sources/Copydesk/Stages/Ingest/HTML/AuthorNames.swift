import Foundation

/// Turns a byline or an author field into names: `By Jane Doe and John Roe, Meridian Wire`
/// gives `Jane Doe`, `John Roe`, `Meridian Wire`; leading "By", roles, e-mail addresses,
/// dates and links are left out.
enum AuthorNames {
    private static let leadingWords = ["written by", "posted by", "reporting by", "words by", "story by", "by"]
    private static let roles: Set<String> = [
        "staff", "staff writer", "reporter", "correspondent", "editor", "contributor", "columnist", "senior writer", "writer",
        "staff reporter", "news desk", "updated", "published", "posted",
    ]

    /// The names in `text`, in order, each once.
    static func parse(_ text: String) -> [String] {
        var working = text.replacingOccurrences(of: "\u{00A0}", with: " ")
        for separator in [" | ", " — ", " – ", "\n"] {
            if let range = working.range(of: separator) { working = String(working[..<range.lowerBound]) }
        }
        working = working.trimmingASCIISpaces()
        let lowered = working.lowercased()
        for word in leadingWords where lowered.hasPrefix(word + " ") || lowered.hasPrefix(word + ":") {
            working = String(working.dropFirst(word.count + 1)).trimmingASCIISpaces()
            break
        }
        var names: [String] = []
        for part in splitNames(working) {
            let name = part.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:")).trimmingASCIISpaces()
            guard isName(name), !names.contains(name) else { continue }
            names.append(name)
        }
        return names
    }

    /// Names from several sources (JSON-LD, meta tags, bylines), each once, in order.
    static func merge(_ lists: [[String]]) -> [String] {
        var seen = Set<String>()
        var merged: [String] = []
        for name in lists.joined() where seen.insert(name.lowercased()).inserted { merged.append(name) }
        return merged
    }

    private static func splitNames(_ text: String) -> [String] {
        var parts = [text]
        for separator in [";", ",", " and ", " & ", " with ", " y ", " und ", " et "] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        return parts
    }

    /// Whether `name` looks like a person's or an organisation's name: one to six words,
    /// starting with a capital, no digits, no address or link.
    static func isName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 60, !name.contains("@"), !name.contains("://"), !name.contains("/") else { return false }
        guard !name.contains(where: \.isNumber), let first = name.first, first.isUppercase else { return false }
        let words = name.split(separator: " ")
        guard (1...6).contains(words.count) else { return false }
        return !roles.contains(name.lowercased())
    }
}

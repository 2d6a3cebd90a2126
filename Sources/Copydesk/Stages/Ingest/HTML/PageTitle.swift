/// Cleans a page title: the site name that `<title>` and `og:title` often carry (`Headline |
/// Site`, `Site - Headline`) is cut off.
enum PageTitle {
    private static let separators = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " • ", " / "]

    /// `title` without the site name; `nil` for an empty title.
    static func clean(_ title: String?, site: String?) -> String? {
        guard let title = title?.trimmingASCIISpaces().nonEmpty else { return nil }
        for separator in separators where title.containsBytes(separator) {
            let parts = title.split(separator: separator, omittingEmptySubsequences: false).map { String($0).trimmingASCIISpaces() }
            if let site = site?.lowercased() {
                let kept = parts.filter { $0.lowercased() != site && !site.contains($0.lowercased()) }
                if kept.count < parts.count, !kept.isEmpty { return kept.joined(separator: separator) }
            }
            // No known site name: the last (or else the first) part is the site when it is short
            // and the rest is long.
            guard parts.count >= 2 else { continue }
            if let last = parts.last, words(last) <= 4, words(parts.dropLast().joined(separator: separator)) >= 4 {
                return parts.dropLast().joined(separator: separator)
            }
            if let first = parts.first, words(first) <= 4, words(parts.dropFirst().joined(separator: separator)) >= 4 {
                return parts.dropFirst().joined(separator: separator)
            }
        }
        return title
    }

    private static func words(_ text: String) -> Int { text.split(separator: " ").count }
}

/// Cleans a page title: the site name that `<title>` and `og:title` often carry (`Headline |
/// Site`, `Site - Headline`) is cut off.
enum PageTitle {
    private static let separators = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " • ", " / "]

    /// `title` without the site name; `nil` for an empty title.
    static func clean(_ title: String?, site: String?) -> String? {
        guard let title = title?.trimmingASCIISpaces().nonEmpty else { return nil }
        for separator in separators where title.contains(separator) {
            let parts = title.components(separatedBy: separator).map { $0.trimmingASCIISpaces() }
            if let site = site?.lowercased() {
                let kept = parts.filter { $0.lowercased() != site && !site.contains($0.lowercased()) }
                if kept.count < parts.count, !kept.isEmpty { return kept.joined(separator: separator) }
            }
            // No known site name: the last part is the site when it is short and the rest is long.
            if parts.count >= 2, let last = parts.last, last.split(separator: " ").count <= 4,
                parts.dropLast().joined(separator: separator).split(separator: " ").count >= 4
            {
                return parts.dropLast().joined(separator: separator)
            }
        }
        return title
    }
}

/// Hides the passwords that connection URLs carry (`postgres://user:secret@host/db`), so a
/// store's location can be named in messages and logs: the password of the user part and a
/// `password=` query parameter become `***`.
///
/// The user part is taken to end at the last `@` of the text, so a password holding an
/// unencoded `@`, `/` or `?` is hidden whole; text without `scheme://` is returned unchanged.
enum URLPasswords {
    /// The mask written in place of a password.
    static let mask = "***"

    /// `url` with its passwords replaced by ``mask``.
    static func masked(_ url: String) -> String {
        guard let separator = url.range(of: "://") else { return url }
        var rest = String(url[separator.upperBound...])
        if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            rest.replaceSubrange(rest.index(after: colon)..<at, with: mask)
        }
        return String(url[..<separator.upperBound]) + maskingQueryPasswords(rest)
    }

    /// Every URL in `text` (a line of a pipeline file) with its passwords masked.
    static func maskedURLs(in text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { masked(String($0)) }.joined(separator: " ")
    }

    /// `password=...` query parameters masked.
    private static func maskingQueryPasswords(_ text: String) -> String {
        guard let query = text.firstIndex(of: "?") else { return text }
        let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { parameter in
            parameter.lowercased().hasPrefix("password=") ? "password=\(mask)" : String(parameter)
        }
        return text[...query] + parameters.joined(separator: "&")
    }
}

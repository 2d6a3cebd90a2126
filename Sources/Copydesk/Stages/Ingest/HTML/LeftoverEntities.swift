/// Decodes character references left in text after parsing: metadata written twice escaped
/// (`&amp;#039;` in an `og:title`) or JSON-LD strings that carry HTML escapes (`&#8217;`).
/// Numeric references and the few names that appear this way are decoded; anything else is
/// kept as written.
enum LeftoverEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—", "lsquo": "‘",
        "rsquo": "’", "ldquo": "“", "rdquo": "”", "hellip": "…",
    ]

    /// `text` with its character references decoded, twice over for text escaped twice.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(0x26) else { return text }
        return once(once(text))
    }

    private static func once(_ text: String) -> String {
        guard text.utf8.contains(0x26) else { return text }
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.prefix(10).firstIndex(of: ";"), let decoded = reference(after[..<semicolon]) {
                output += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                output += "&"
                rest = after
            }
        }
        return output + rest
    }

    private static func reference(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) } }
        return named[String(name)]
    }
}

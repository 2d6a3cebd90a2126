/// Turns a byline or an author field into names: `By Jane Doe and John Roe, Meridian Wire`
/// gives `Jane Doe`, `John Roe`, `Meridian Wire`; leading "By", roles, e-mail addresses,
/// dates and links are left out. Works on bytes: bylines are read on every page.
enum AuthorNames {
    private static let leadingWords = ["written by", "posted by", "reporting by", "words by", "story by", "by"].map { Array($0.utf8) }
    private static let roles: Set<String> = [
        "staff", "staff writer", "reporter", "correspondent", "editor", "contributor", "columnist", "senior writer", "writer",
        "staff reporter", "news desk", "updated", "published", "posted",
    ]
    /// What ends a byline: a date or a role after a bar or a dash, or the next line.
    private static let ends = [" | ", " — ", " – ", "\n"].map { Array($0.utf8) }
    /// What separates names.
    private static let separators = [";", ",", " and ", " & ", " with ", " y ", " und ", " et "].map { Array($0.utf8) }

    /// The names in `text`, in order, each once.
    static func parse(_ text: String) -> [String] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var source = Array(text.utf8)[...]
        while let byte = source.popFirst() {
            if byte == 0xC2, source.first == 0xA0 {
                source.removeFirst()
                bytes.append(0x20)
            } else {
                bytes.append(byte)
            }
        }
        var working = bytes[...]
        for end in ends { if let found = firstIndex(of: end, in: working) { working = working[..<found] } }
        working = trimmed(working, of: [0x20])
        for word in leadingWords where startsCaseInsensitively(working, with: word) {
            let after = working.dropFirst(word.count)
            if after.first == 0x20 || after.first == 0x3A {
                working = trimmed(after.dropFirst(), of: [0x20])
                break
            }
        }
        var names: [String] = []
        for part in split(working) {
            let name = String(decoding: trimmed(part, of: [0x20, 0x2E, 0x2C, 0x3B, 0x3A]), as: UTF8.self)
            guard isName(name), !names.contains(name) else { continue }
            names.append(name)
        }
        return names
    }

    /// Names from several sources, each once (ignoring case), in order.
    static func merge(_ lists: [[String]]) -> [String] {
        var seen = Set<String>()
        var merged: [String] = []
        for name in lists.joined() where seen.insert(name.lowercased()).inserted { merged.append(name) }
        return merged
    }

    /// The parts of `text` between separators.
    private static func split(_ text: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = text.startIndex
        var index = text.startIndex
        scan: while index < text.endIndex {
            for separator in separators where text[index] == separator[0] && text[index...].starts(with: separator) {
                parts.append(text[start..<index])
                index += separator.count
                start = index
                continue scan
            }
            index += 1
        }
        parts.append(text[start..<text.endIndex])
        return parts
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in haystack.startIndex...(haystack.endIndex - needle.count) where haystack[index] == needle[0] {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index }
        }
        return nil
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>, of characters: [UInt8]) -> ArraySlice<UInt8> {
        var result = bytes
        while let first = result.first, characters.contains(first) { result = result.dropFirst() }
        while let last = result.last, characters.contains(last) { result = result.dropLast() }
        return result
    }

    private static func startsCaseInsensitively(_ bytes: ArraySlice<UInt8>, with word: [UInt8]) -> Bool {
        bytes.count >= word.count && zip(bytes, word).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }

    /// Whether `name` looks like a person's or an organisation's name: one to six words,
    /// starting with a capital, no digits, no address or link.
    static func isName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard !utf8.isEmpty, utf8.count <= 120, !utf8.contains(where: { $0 == 0x40 || $0 == 0x2F || ($0 >= 0x30 && $0 <= 0x39) }) else {
            return false
        }
        guard let first = name.first, first.isUppercase, !name.contains(where: \.isNumber) else { return false }
        let words = utf8.split(separator: 0x20).count
        guard (1...6).contains(words) else { return false }
        return !roles.contains(name.lowercased())
    }
}

/// Decides how a page's bytes are encoded and prepares them for libxml2, which is always told
/// the encoding (its own default is Latin-1).
///
/// In order: a byte-order mark; bytes that are valid UTF-8 and not plain ASCII (saved pages
/// are often re-encoded to UTF-8 while their `<meta>` still names the original charset); the
/// HTTP header's charset, when known; a `<meta charset>` or `http-equiv` declaration in the
/// first 16 KB, or an XML declaration; UTF-8. Latin-1, ASCII and Windows-1252 labels are all
/// read as Windows-1252 (as browsers do), and UTF-8 text with bytes that are not UTF-8 has
/// those bytes read as Windows-1252, so a page never loses a character to a decoding error.
enum HTMLCharset {
    /// What the parser is given: the bytes and the name of their encoding.
    struct Prepared {
        /// The bytes, converted to UTF-8 unless `encoding` names another encoding.
        var bytes: [UInt8]
        /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or a declared encoding passed on to libxml2 (iconv).
        var encoding: String
        /// The encoding the page was read in, for messages (`windows-1252`).
        var detected: String
    }

    /// How far into the page a `<meta>` declaration is looked for.
    static let declarationWindow = 16_384

    /// Prepares `bytes`, given the HTTP header's charset when the page came with one.
    static func prepare(_ bytes: [UInt8], httpCharset: String? = nil) -> Prepared {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return utf8(Array(bytes.dropFirst(3))) }
        if bytes.starts(with: [0xFF, 0xFE]) { return Prepared(bytes: Array(bytes.dropFirst(2)), encoding: "UTF-16LE", detected: "utf-16le") }
        if bytes.starts(with: [0xFE, 0xFF]) { return Prepared(bytes: Array(bytes.dropFirst(2)), encoding: "UTF-16BE", detected: "utf-16be") }
        let valid = String(validating: bytes, as: UTF8.self) != nil
        if valid, bytes.contains(where: { $0 >= 0x80 }) { return Prepared(bytes: bytes, encoding: "UTF-8", detected: "utf-8") }
        let declared = (httpCharset.flatMap(normalisedLabel) ?? declaredLabel(in: bytes)) ?? "utf-8"
        switch declared {
        case "utf-8":
            return valid ? Prepared(bytes: bytes, encoding: "UTF-8", detected: "utf-8") : utf8(bytes)
        case "windows-1252":
            return Prepared(bytes: Windows1252.utf8(from: bytes), encoding: "UTF-8", detected: "windows-1252")
        default:
            return Prepared(bytes: bytes, encoding: declared, detected: declared)
        }
    }

    /// UTF-8 bytes, any byte that is not part of a UTF-8 sequence read as Windows-1252 (all of
    /// them, when the text holds no UTF-8 sequence at all).
    private static func utf8(_ bytes: [UInt8]) -> Prepared {
        if String(validating: bytes, as: UTF8.self) != nil { return Prepared(bytes: bytes, encoding: "UTF-8", detected: "utf-8") }
        let repaired = Windows1252.repairingUTF8(bytes)
        return Prepared(bytes: repaired.bytes, encoding: "UTF-8", detected: repaired.sawUTF8 ? "utf-8 with windows-1252 bytes" : "windows-1252")
    }

    /// A label as browsers resolve it: `utf-8`, `windows-1252` (for Latin-1, ASCII and
    /// Windows-1252 names) or the lower-cased label; `nil` for an empty one.
    static func normalisedLabel(_ label: String) -> String? {
        let trimmed = label.lowercased().filter { !"\"' ".contains($0) }
        switch trimmed {
        case "": return nil
        case "utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be", "unicode": return "utf-8"
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252",
            "x-cp1252", "cp819", "ibm819", "iso-ir-100":
            return "windows-1252"
        case "gb2312", "x-gbk": return "gbk"
        default: return trimmed
        }
    }

    /// The charset a `<meta>` tag or an XML declaration names in the page's first bytes.
    static func declaredLabel(in bytes: [UInt8]) -> String? {
        let window = bytes.prefix(declarationWindow)
        var index = window.startIndex
        while let open = window[index...].firstIndex(of: UInt8(ascii: "<")) {
            let tagEnd = window[open...].firstIndex(of: UInt8(ascii: ">")) ?? window.endIndex
            let tag = window[open..<tagEnd]
            if startsCaseInsensitively(tag.dropFirst(), with: "meta") || startsCaseInsensitively(tag.dropFirst(), with: "?xml") {
                if let label = charsetValue(in: tag).flatMap(normalisedLabel) { return label }
            }
            index = tagEnd
            if index == window.endIndex { break }
        }
        return nil
    }

    /// The value after `charset=` or `encoding=` inside one tag.
    private static func charsetValue(in tag: ArraySlice<UInt8>) -> String? {
        let lower = tag.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for key in ["charset", "encoding"] {
            let keyBytes = Array(key.utf8)
            guard let found = lower.firstRange(of: keyBytes) else { continue }
            var position = found.upperBound
            while position < lower.count, lower[position] == 0x20 { position += 1 }
            guard position < lower.count, lower[position] == UInt8(ascii: "=") else { continue }
            position += 1
            while position < lower.count, lower[position] == 0x20 || lower[position] == 0x22 || lower[position] == 0x27 { position += 1 }
            let label = lower[position...].prefix { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x3A || byte == 0x2E
            }
            if !label.isEmpty { return String(decoding: label, as: UTF8.self) }
        }
        return nil
    }

    private static func startsCaseInsensitively(_ bytes: ArraySlice<UInt8>, with word: String) -> Bool {
        let lowered = bytes.prefix(word.utf8.count).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return lowered.elementsEqual(word.utf8)
    }
}

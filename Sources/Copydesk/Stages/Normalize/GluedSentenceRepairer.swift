/// Puts back the space lost where two sentences were glued together, working on UTF-8 bytes:
///
/// - a sentence end glued to the next sentence: `said.The` → `said. The`,
///   `read."It` → `read. "It` (a straight quote opens or closes by its parity in the block),
///   `so.")The` → `so.") The`;
/// - a heading whose line break was lost: `RegionWhen` → `Region When`, only when the
///   capitalised right-hand word is an `after-heading` word of
///   `Resources/language/en/sentence-starters.txt`, so `McDonald`, `iPhone`, `YouTube` and
///   `PayPal` stay whole.
///
/// Decimals (`3.5`), initials and abbreviations (`U.S.`, `e.g.`, `Mr.`; the list is the `glued`
/// entries of `Resources/language/en/abbreviations.txt`), domains (`Sputnik.ru`) and ellipses
/// (`...The`) are never split.
struct GluedSentenceRepairer: Sendable {
    /// Capitalised words that start sentences and may follow a lost heading break, as UTF-8.
    private let sentenceStarters: Set<[UInt8]>
    /// Lowercased abbreviations that end in a full stop without ending a sentence.
    private let abbreviations: Set<[UInt8]>

    /// Loads the English word lists; throws when one is missing, unreadable or malformed.
    init() throws {
        let starters = try LanguageWordList.sentenceStarters(language: "en").entries(ofKind: .afterHeading)
        sentenceStarters = Set(starters.map { Array($0.utf8) })
        let glued = try LanguageWordList.abbreviations(language: "en").entries(ofKind: .glued)
        abbreviations = Set(glued.map { Array($0.dropLast().lowercased().utf8) })
    }

    /// Number of sentence starters loaded.
    var sentenceStarterCount: Int { sentenceStarters.count }

    /// True when the byte pair could start a glued-sentence repair; a cheap pre-check for the
    /// ASCII fast path.
    static func isCandidate(previous: UInt8, next: UInt8) -> Bool {
        switch previous {
        case 0x2E, 0x21, 0x3F: return isUpper(next) || next == 0x22 || next == 0x29
        case 0x61...0x7A: return isUpper(next)
        default: return false
        }
    }

    /// `bytes` with a space inserted at every glued-sentence boundary.
    func repair(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var quoteCount = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            out.append(byte)
            if byte == 0x22 { quoteCount += 1 }
            if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                if let insertAt = sentenceGlue(bytes, terminator: index, quotesBefore: quoteCount) {
                    out.append(contentsOf: bytes[(index + 1)..<insertAt])
                    for position in (index + 1)..<insertAt where bytes[position] == 0x22 { quoteCount += 1 }
                    out.append(0x20)
                    index = insertAt
                    continue
                }
            } else if Self.isLower(byte), index + 1 < bytes.count, Self.isUpper(bytes[index + 1]),
                headingGlue(bytes, boundary: index + 1)
            {
                out.append(0x20)
            }
            index += 1
        }
        return out
    }

    /// For a `.`, `!` or `?` at `terminator` that ends a sentence glued to the next one, the index
    /// where the space goes; nil when nothing is glued or the stop is not a sentence end.
    private func sentenceGlue(_ bytes: [UInt8], terminator: Int, quotesBefore: Int) -> Int? {
        if bytes[terminator] == 0x2E {
            if terminator > 0 && bytes[terminator - 1] == 0x2E { return nil }
            if terminator + 1 < bytes.count && bytes[terminator + 1] == 0x2E { return nil }
            guard isSentenceEndingWord(bytes, before: terminator) else { return nil }
        } else if terminator == 0 || !isWordByte(bytes[terminator - 1]) && bytes[terminator - 1] != 0x22 {
            return nil
        }
        var cursor = terminator + 1
        var quotes = quotesBefore
        // Closing marks that belong to the sentence that just ended.
        while cursor < bytes.count {
            if bytes[cursor] == 0x29 {
                cursor += 1
            } else if bytes[cursor] == 0x22 && quotes % 2 == 1 {
                quotes += 1
                cursor += 1
            } else {
                break
            }
        }
        guard cursor < bytes.count else { return nil }
        let next = bytes[cursor]
        if next == 0x22 && quotes % 2 == 0 {
            return cursor + 1 < bytes.count && Self.isUpper(bytes[cursor + 1]) ? cursor : nil
        }
        guard Self.isUpper(next) else { return nil }
        // `The`, `A `, `I'`: a capitalised word, not an all-capital token like `.NET` or `.RU`.
        let after: UInt8 = cursor + 1 < bytes.count ? bytes[cursor + 1] : 0x20
        if Self.isLower(after) || after == 0x20 || after == 0x27 || after == 0x2C { return cursor }
        return nil
    }

    /// True when the word before the full stop at `stop` can end a sentence: it is not an
    /// initial, an abbreviation, part of a dotted token (`U.S`, `e.g`, `news.example`) or a URL.
    private func isSentenceEndingWord(_ bytes: [UInt8], before stop: Int) -> Bool {
        var start = stop
        while start > 0 && isWordByte(bytes[start - 1]) { start -= 1 }
        if start == stop {
            // `...said.").The` style: allow a closing quote or bracket after a word.
            return stop > 0 && (bytes[stop - 1] == 0x22 || bytes[stop - 1] == 0x29)
        }
        if start > 0 {
            let before = bytes[start - 1]
            if before == 0x2E || before == 0x2F || before == 0x40 || before == 0x3A { return false }
        }
        let word = bytes[start..<stop]
        if word.count == 1 && Self.isLetter(word[word.startIndex]) { return false }
        let lowered = word.map { Self.isUpper($0) ? $0 | 0x20 : $0 }
        return !abbreviations.contains(lowered)
    }

    /// True when the lowercase→uppercase step at `boundary` is a lost heading break: the
    /// capitalised word starting there is a listed sentence starter and the word before it has
    /// at least two letters.
    private func headingGlue(_ bytes: [UInt8], boundary: Int) -> Bool {
        var end = boundary + 1
        while end < bytes.count && Self.isLower(bytes[end]) { end += 1 }
        if end < bytes.count && (Self.isUpper(bytes[end]) || bytes[end] >= 0x80 || Self.isDigit(bytes[end])) { return false }
        var start = boundary - 1
        while start > 0 && Self.isLetter(bytes[start - 1]) { start -= 1 }
        guard boundary - start >= 2 else { return false }
        return sentenceStarters.contains(Array(bytes[boundary..<end]))
    }

    private func isWordByte(_ byte: UInt8) -> Bool {
        Self.isLetter(byte) || Self.isDigit(byte) || byte == 0x25 || byte >= 0x80
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

/// The punctuation around a possible sentence end: the run of terminal marks (`.`, `?`, `!`,
/// `...`, `…`, `. . .`), the closing quotes and brackets after it, and the opening quotes and
/// brackets before the next word. These marks are shared by Latin-script languages, so they
/// live in code; words and abbreviations are language data.
enum SentencePunctuation {
    /// What a run of terminal marks is.
    enum TerminalKind: Equatable {
        /// A single period (or a doubled one).
        case period
        /// Contains `?` or `!`.
        case strong
        /// Three dots or `…`: an omission that may or may not end the sentence.
        case ellipsis
        /// Four or more dots: a period followed by an ellipsis, which ends the sentence.
        case periodEllipsis
    }

    /// A run of terminal marks starting at a `.`, `?`, `!` or `…`.
    struct TerminalRun {
        /// What the run is.
        let kind: TerminalKind
        /// Byte index just past the run.
        let end: Int
    }

    /// The closing marks after a terminal run.
    struct Closers {
        /// Byte index just past the closing marks.
        let end: Int
        /// Whether a closing double quote was among them.
        let closesQuote: Bool
    }

    /// Reads the terminal run starting at `start`; spaced dots (`. . .`) count as one run.
    static func terminalRun(at start: Int, in text: ParagraphBytes) -> TerminalRun {
        var position = start
        var dots = 0
        var strong = false
        while position < text.count {
            let byte = text[position]
            if byte == UInt8(ascii: ".") {
                dots += 1
                position += 1
                if text.byte(at: position) == 0x20 && text.byte(at: position + 1) == UInt8(ascii: ".") {
                    position += 1
                }
            } else if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!") {
                strong = true
                position += 1
            } else if text.hasSequence(at: position, 0xE2, 0x80, 0xA6) {
                dots += 3
                position += 3
            } else {
                break
            }
        }
        let kind: TerminalKind = strong ? .strong : dots >= 4 ? .periodEllipsis : dots == 3 ? .ellipsis : .period
        return TerminalRun(kind: kind, end: position)
    }

    /// Reads the closing quotes and brackets (and any further terminal marks, and reference
    /// numbers such as `[12]`) from `start`. A
    /// straight or right single quote directly followed by a letter or digit is not a closer: it
    /// opens the next, unspaced sentence (`read."It`) or is a possessive (`Jr.'s`).
    static func closers(from start: Int, in text: ParagraphBytes) -> Closers {
        var position = start
        var closesQuote = false
        while position < text.count {
            let byte = text[position]
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let next = text.byte(at: position + 1)
                if ParagraphBytes.isASCIILetter(next) || ParagraphBytes.isDigit(next) {
                    return Closers(end: position, closesQuote: closesQuote)
                }
                closesQuote = closesQuote || byte == UInt8(ascii: "\"")
                position += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"):
                position += 1
            case 0xE2 where text.hasSequence(at: position, 0xE2, 0x80, 0x9D):
                closesQuote = true
                position += 3
            case 0xE2 where text.hasSequence(at: position, 0xE2, 0x80, 0x99):
                if ParagraphBytes.isASCIILetter(text.byte(at: position + 3)) {
                    return Closers(end: position, closesQuote: closesQuote)
                }
                position += 3
            case 0xC2 where text.byte(at: position + 1) == 0xBB:
                position += 2
            case 0x20, UInt8(ascii: "["):
                guard let end = referenceEnd(from: position, in: text) else {
                    return Closers(end: position, closesQuote: closesQuote)
                }
                position = end
            default:
                return Closers(end: position, closesQuote: closesQuote)
            }
        }
        return Closers(end: position, closesQuote: closesQuote)
    }

    /// Longest reference mark, in bytes, between its brackets (`[12]`, `[3 – 5]`).
    private static let longestReference = 16

    /// End of the bracketed reference number at `start`, after at most one space: `[12]`,
    /// `[1 - 3]`, `[4, 7]` (digits, spaces, commas and dashes, at least one digit). A reference
    /// after a terminal mark belongs to the sentence that mark ends (`1805. [6] He`,
    /// `martyr.[1] The`).
    static func referenceEnd(from start: Int, in text: ParagraphBytes) -> Int? {
        var position = text.byte(at: start) == 0x20 ? start + 1 : start
        guard text.byte(at: position) == UInt8(ascii: "[") else { return nil }
        position += 1
        let limit = position + longestReference
        var digits = false
        while position < limit {
            let byte = text.byte(at: position)
            if ParagraphBytes.isDigit(byte) {
                digits = true
                position += 1
            } else if byte == 0x20 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "-") {
                position += 1
            } else if text.hasSequence(at: position, 0xE2, 0x80, 0x93) {
                position += 3
            } else if byte == UInt8(ascii: "]") {
                return digits ? position + 1 : nil
            } else {
                return nil
            }
        }
        return nil
    }

    /// Byte length of the full-width terminal mark at `index` (`．`, `。`, `！`, `？`), or 0.
    static func fullWidthTerminalLength(at index: Int, in text: ParagraphBytes) -> Int {
        let isMark =
            text.hasSequence(at: index, 0xEF, 0xBC, 0x8E) || text.hasSequence(at: index, 0xE3, 0x80, 0x82)
            || text.hasSequence(at: index, 0xEF, 0xBC, 0x81) || text.hasSequence(at: index, 0xEF, 0xBC, 0x9F)
        return isMark ? 3 : 0
    }

    /// Byte length of the dash at `index` (`--`, `–`, `—`), or 0.
    static func dashLength(at index: Int, in text: ParagraphBytes) -> Int {
        switch text.byte(at: index) {
        case UInt8(ascii: "-") where text.byte(at: index + 1) == UInt8(ascii: "-"):
            return 2
        case 0xE2 where text.hasSequence(at: index, 0xE2, 0x80, 0x93) || text.hasSequence(at: index, 0xE2, 0x80, 0x94):
            return 3
        default:
            return 0
        }
    }

    /// Byte length of the opening quote or bracket at `index` (`"`, `'`, `(`, `[`, `“`, `‘`,
    /// `«`), or 0.
    static func openerLength(at index: Int, in text: ParagraphBytes) -> Int {
        switch text.byte(at: index) {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: "["):
            return 1
        case 0xE2 where text.hasSequence(at: index, 0xE2, 0x80, 0x9C) || text.hasSequence(at: index, 0xE2, 0x80, 0x98):
            return 3
        case 0xC2 where text.byte(at: index + 1) == 0xAB:
            return 2
        default:
            return 0
        }
    }

    /// The first index at or after `index` that is not an opening quote or bracket.
    static func skippingOpeners(from index: Int, in text: ParagraphBytes) -> Int {
        var position = index
        while true {
            let length = openerLength(at: position, in: text)
            if length == 0 { return position }
            position += length
        }
    }

    /// Byte length of the list bullet at `index` (`•`, `⁃`, `*`, `-`, `–`, `—`), or 0.
    static func bulletLength(at index: Int, in text: ParagraphBytes) -> Int {
        switch text.byte(at: index) {
        case UInt8(ascii: "*"), UInt8(ascii: "-"):
            return 1
        case 0xE2
        where text.hasSequence(at: index, 0xE2, 0x80, 0xA2) || text.hasSequence(at: index, 0xE2, 0x81, 0x83)
            || text.hasSequence(at: index, 0xE2, 0x80, 0x93) || text.hasSequence(at: index, 0xE2, 0x80, 0x94):
            return 3
        default:
            return 0
        }
    }
}

/// A list-item marker opening a sentence: `1.`, `2)`, `3.)`, `b.`, `(c)`, `ii)`, `(iv)`,
/// optionally after a bullet (`• 9.`, `⁃10.`). Its period is not a sentence end, and the next
/// marker in sequence starts a new sentence even when the item before it has no final
/// punctuation. Roman numerals are read only with a parenthesis (`ii)`, `(iv)`), never with a
/// period, so that `vi.` and `xi.` stay words.
struct ListMarker {
    /// Whether items are numbered, lettered or numbered in Roman numerals.
    enum Style: Equatable {
        /// `1.`, `2)`.
        case number
        /// `a.`, `b)`.
        case letter
        /// `ii)`, `(iv)`.
        case roman
    }

    /// Numbered, lettered or Roman.
    let style: Style
    /// Position in the list, 1 for `1.`, for `a.` and for `i)`.
    let ordinal: Int
    /// Byte index just past the marker's punctuation.
    let end: Int
    /// The Roman value of a one-letter marker that is also a numeral (`i)`, `v)`, `x)`), so
    /// `i)` can be followed by `ii)` as well as by `j)`.
    var romanOrdinal: Int? = nil

    /// Whether `other` is the item that follows this one.
    func isFollowed(by other: ListMarker) -> Bool {
        if other.style == style && other.ordinal == ordinal + 1 { return true }
        guard let value = romanOrdinal ?? (style == .roman ? ordinal : nil) else { return false }
        let next = other.romanOrdinal ?? (other.style == .roman ? other.ordinal : nil)
        return next == value + 1
    }

    /// The value of the Roman numeral in `letters` (lowercase `i`, `v`, `x`), or nil.
    private static func romanValue(_ letters: [UInt8]) -> Int? {
        let values: [UInt8: Int] = [UInt8(ascii: "i"): 1, UInt8(ascii: "v"): 5, UInt8(ascii: "x"): 10]
        var total = 0
        for (index, letter) in letters.enumerated() {
            guard let value = values[letter] else { return nil }
            let next = index + 1 < letters.count ? values[letters[index + 1]] ?? 0 : 0
            total += value < next ? -value : value
        }
        return total > 0 ? total : nil
    }

    /// Reads a marker starting at `start`; it must be followed by a space.
    static func read(at start: Int, in text: ParagraphBytes) -> ListMarker? {
        var position = start
        let bullet = SentencePunctuation.bulletLength(at: position, in: text)
        if bullet > 0 {
            position += bullet
            while text.byte(at: position) == 0x20 { position += 1 }
        }
        let parenthesised = text.byte(at: position) == UInt8(ascii: "(")
        if parenthesised { position += 1 }
        var style = Style.number
        var ordinal = 0
        var romanOrdinal: Int?
        let first = text.byte(at: position)
        if ParagraphBytes.isDigit(first) {
            ordinal = Int(first - 0x30)
            position += 1
            let second = text.byte(at: position)
            if ParagraphBytes.isDigit(second) {
                ordinal = ordinal * 10 + Int(second - 0x30)
                position += 1
            }
        } else if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            var letters: [UInt8] = []
            while letters.count < 5, case let byte = text.byte(at: position), byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                letters.append(byte)
                position += 1
            }
            if letters.count == 1 {
                style = .letter
                ordinal = Int(first - UInt8(ascii: "a")) + 1
                romanOrdinal = romanValue(letters)
            } else {
                guard text.byte(at: position) == UInt8(ascii: ")"), let value = romanValue(letters) else { return nil }
                style = .roman
                ordinal = value
            }
        } else {
            return nil
        }
        switch text.byte(at: position) {
        case UInt8(ascii: ".") where !parenthesised:
            position += 1
            if text.byte(at: position) == UInt8(ascii: ")") { position += 1 }
        case UInt8(ascii: ")"):
            position += 1
        default:
            return nil
        }
        guard text.byte(at: position) == 0x20 else { return nil }
        return ListMarker(style: style, ordinal: ordinal, end: position, romanOrdinal: romanOrdinal)
    }
}

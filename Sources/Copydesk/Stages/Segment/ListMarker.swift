/// A list-item marker opening a sentence: `1.`, `2)`, `3.)`, `b.`, optionally after a bullet
/// (`• 9.`, `⁃10.`). Its period is not a sentence end, and the next marker in sequence starts a
/// new sentence even when the item before it has no final punctuation.
struct ListMarker {
    /// Whether items are numbered or lettered.
    enum Style: Equatable {
        /// `1.`, `2)`.
        case number
        /// `a.`, `b)`.
        case letter
    }

    /// Numbered or lettered.
    let style: Style
    /// Position in the list, 1 for `1.` and for `a.`.
    let ordinal: Int
    /// Byte index just past the marker's punctuation.
    let end: Int

    /// Whether `other` is the item that follows this one.
    func isFollowed(by other: ListMarker) -> Bool {
        other.style == style && other.ordinal == ordinal + 1
    }

    /// Reads a marker starting at `start`; it must be followed by a space.
    static func read(at start: Int, in text: ParagraphBytes) -> ListMarker? {
        var position = start
        let bullet = SentencePunctuation.bulletLength(at: position, in: text)
        if bullet > 0 {
            position += bullet
            while text.byte(at: position) == 0x20 { position += 1 }
        }
        var style = Style.number
        var ordinal = 0
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
            style = .letter
            ordinal = Int(first - UInt8(ascii: "a")) + 1
            position += 1
        } else {
            return nil
        }
        switch text.byte(at: position) {
        case UInt8(ascii: "."):
            position += 1
            if text.byte(at: position) == UInt8(ascii: ")") { position += 1 }
        case UInt8(ascii: ")"):
            position += 1
        default:
            return nil
        }
        guard text.byte(at: position) == 0x20 else { return nil }
        return ListMarker(style: style, ordinal: ordinal, end: position)
    }
}

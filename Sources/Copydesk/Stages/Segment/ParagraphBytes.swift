/// A paragraph's UTF-8 bytes with the character-class questions the segmenter asks. ASCII is
/// answered from the byte itself; only non-ASCII positions decode a scalar.
struct ParagraphBytes {
    /// The paragraph's UTF-8 code units.
    let bytes: UnsafeBufferPointer<UInt8>

    /// Number of bytes.
    var count: Int { bytes.count }

    /// The byte at `index`.
    subscript(index: Int) -> UInt8 { bytes[index] }

    /// The byte at `index`, or 0 past either end.
    func byte(at index: Int) -> UInt8 {
        index >= 0 && index < bytes.count ? bytes[index] : 0
    }

    /// Whether the three bytes at `index` are `b0 b1 b2` (a three-byte UTF-8 sequence).
    func hasSequence(at index: Int, _ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        index + 2 < bytes.count && bytes[index] == b0 && bytes[index + 1] == b1 && bytes[index + 2] == b2
    }

    /// The scalar that starts at byte `index` and its length in bytes.
    func scalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The byte index where the scalar that ends just before `end` starts.
    func scalarStart(before end: Int) -> Int {
        var index = end - 1
        while index > 0 && bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index
    }

    /// Byte length of the whitespace scalar (Unicode `White_Space`) at `index`, or 0.
    func whitespaceLength(at index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return 1 }
        if byte < 0x80 { return 0 }
        let (scalar, length) = scalar(at: index)
        return scalar.properties.isWhitespace ? length : 0
    }

    /// The first index at or after `index` that is not whitespace (or `count`).
    func skippingWhitespace(from index: Int) -> Int {
        var position = index
        while position < bytes.count {
            let length = whitespaceLength(at: position)
            if length == 0 { break }
            position += length
        }
        return position
    }

    /// `end` moved back over trailing whitespace, never before `floor`.
    func trimmingWhitespace(end: Int, floor: Int) -> Int {
        var position = end
        while position > floor {
            let start = scalarStart(before: position)
            if whitespaceLength(at: start) == 0 { break }
            position = start
        }
        return position
    }

    /// Whether the scalar at `index` is a lowercase letter.
    func isLowercase(at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        if byte < 0x80 { return byte >= 0x61 && byte <= 0x7A }
        return scalar(at: index).scalar.properties.isLowercase
    }

    /// Whether the scalar at `index` is an uppercase letter.
    func isUppercase(at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        if byte < 0x80 { return byte >= 0x41 && byte <= 0x5A }
        return scalar(at: index).scalar.properties.isUppercase
    }

    /// Whether `byte` is an ASCII letter.
    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// The bytes in `range` as a buffer (for dictionary look-ups).
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }
}

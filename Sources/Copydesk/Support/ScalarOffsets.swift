/// Conversions between Unicode-scalar offsets (the unit of every `start`/`end` in the output)
/// and positions in a string, done on UTF-8 bytes: a scalar starts at every byte that is not a
/// continuation byte (`10xxxxxx`).
public enum ScalarOffsets {
    /// The number of Unicode scalars in `text`, counted on its UTF-8 bytes.
    @inlinable
    public static func count<S: StringProtocol>(_ text: S) -> Int {
        var count = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The substrings of `text` for scalar-offset `ranges`, which must be sorted by their start
    /// and lie inside the text; found in one pass over the bytes.
    public static func substrings(of text: Substring, ranges: [Range<Int>]) -> [Substring] {
        let utf8 = text.utf8
        var result: [Substring] = []
        result.reserveCapacity(ranges.count)
        var index = utf8.startIndex
        var scalar = 0
        func advance(to target: Int) {
            while scalar < target, index < utf8.endIndex {
                index = utf8.index(after: index)
                while index < utf8.endIndex, utf8[index] & 0xC0 == 0x80 { index = utf8.index(after: index) }
                scalar += 1
            }
        }
        for range in ranges {
            if range.lowerBound < scalar { index = utf8.startIndex; scalar = 0 }
            advance(to: range.lowerBound)
            let start = index
            advance(to: range.upperBound)
            result.append(text[start..<index])
        }
        return result
    }
}

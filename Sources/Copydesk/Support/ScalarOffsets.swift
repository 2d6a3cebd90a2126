/// Conversions between Unicode-scalar offsets (the unit of every `start`/`end` in the output)
/// and positions in a string, done on UTF-8 bytes: a scalar starts at every byte that is not a
/// continuation byte (`10xxxxxx`).
public enum ScalarOffsets {
    /// The number of Unicode scalars in `text`, counted on its UTF-8 bytes: every byte that is
    /// not a continuation byte (`10xxxxxx`) starts a scalar. Contiguous text is counted eight
    /// bytes at a time.
    @inlinable
    public static func count<S: StringProtocol>(_ text: S) -> Int {
        if let counted = text.utf8.withContiguousStorageIfAvailable({ Self.count(bytes: UnsafeRawBufferPointer($0)) }) { return counted }
        var count = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The number of bytes of `bytes` that are not UTF-8 continuation bytes.
    @usableFromInline
    static func count(bytes: UnsafeRawBufferPointer) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        var continuation = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // Bit 7 set and bit 6 clear: a continuation byte.
            continuation += (word & ~(word << 1) & high).nonzeroBitCount
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] & 0xC0 == 0x80 { continuation += 1 }
            offset += 1
        }
        return bytes.count - continuation
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

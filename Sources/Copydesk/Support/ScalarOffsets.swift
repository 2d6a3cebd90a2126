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
        var contiguous = text
        let byteRanges = contiguous.withUTF8 { bytes in
            var cursor = Cursor(bytes: bytes)
            var byteRanges: [Range<Int>] = []
            byteRanges.reserveCapacity(ranges.count)
            for range in ranges {
                if range.lowerBound < cursor.scalar { cursor = Cursor(bytes: bytes) }
                let start = cursor.byteOffset(ofScalar: range.lowerBound)
                byteRanges.append(start..<cursor.byteOffset(ofScalar: range.upperBound))
            }
            return byteRanges
        }
        let utf8 = contiguous.utf8
        return byteRanges.map { range in
            let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            return contiguous[start..<utf8.index(start, offsetBy: range.count)]
        }
    }

    /// A position moving forward through UTF-8 bytes, knowing both its byte and its scalar
    /// offset, so ascending offsets of one kind convert to the other in one pass. A value of its
    /// own, not variables captured by a local function: those would be boxed, and every access
    /// checked for exclusivity at run time.
    struct Cursor {
        /// The bytes moved through.
        let bytes: UnsafeBufferPointer<UInt8>
        /// The byte offset reached.
        private(set) var byte = 0
        /// The scalar offset reached: the scalars that start before `byte`.
        private(set) var scalar = 0

        /// Starts at the first byte of `bytes`.
        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// The scalar offset of byte offset `target`, at or after the cursor.
        mutating func scalarOffset(ofByte target: Int) -> Int {
            while target - byte >= 8 && isASCIIWord(at: byte) {
                byte += 8
                scalar += 8
            }
            while byte < target {
                if bytes[byte] & 0xC0 != 0x80 { scalar += 1 }
                byte += 1
            }
            return scalar
        }

        /// The byte offset where scalar `target` (at or after the cursor) starts; the end of the
        /// bytes when there are fewer scalars.
        mutating func byteOffset(ofScalar target: Int) -> Int {
            // Eight ASCII bytes from a scalar's start are the next eight scalars.
            while target - scalar >= 8 && bytes.count - byte >= 8 && isASCIIWord(at: byte) {
                byte += 8
                scalar += 8
            }
            while scalar < target, byte < bytes.count {
                byte += 1
                while byte < bytes.count, bytes[byte] & 0xC0 == 0x80 { byte += 1 }
                scalar += 1
            }
            return byte
        }

        /// Whether the eight bytes from `offset` are all ASCII.
        private func isASCIIWord(at offset: Int) -> Bool {
            UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        }
    }
}

/// Splits a paragraph of news text into sentences.
///
/// Works on the paragraph's UTF-8 bytes and reports sentences as Unicode-scalar offsets, the
/// offset unit of the article model. Abbreviations and sentence starters come from
/// ``SegmentationRules``; the rules are described in `docs/segment.md`.
public struct SentenceSplitter: Sendable {
    /// The language data.
    let rules: SegmentationRules

    /// Creates a splitter for the given language data.
    public init(rules: SegmentationRules) {
        self.rules = rules
    }

    /// Sentence ranges in one paragraph, as Unicode-scalar offsets relative to the paragraph
    /// start, each trimmed of surrounding whitespace; together they cover every non-space
    /// scalar of the paragraph.
    public func split(_ paragraph: Substring) -> [Range<Int>] {
        let utf8 = paragraph.utf8
        if let ranges = utf8.withContiguousStorageIfAvailable({ scalarRanges(in: $0) }) {
            return ranges
        }
        return Array(utf8).withUnsafeBufferPointer { scalarRanges(in: $0) }
    }

    /// Sentence ranges of `bytes`, converted from byte to scalar offsets in one forward pass.
    private func scalarRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        let text = ParagraphBytes(bytes: bytes)
        let byteRanges = SentenceBoundaryScanner(text: text, rules: rules).sentenceByteRanges()
        var cursor = ScalarOffsets.Cursor(bytes: bytes)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(byteRanges.count)
        for range in byteRanges {
            let start = cursor.scalarOffset(ofByte: range.lowerBound)
            ranges.append(start..<cursor.scalarOffset(ofByte: range.upperBound))
        }
        return ranges
    }
}

extension Article {
    /// The text of each paragraph, cut from ``text`` by its scalar offsets.
    public var paragraphTexts: [String] {
        let length = ScalarOffsets.count(text)
        let ranges = paragraphs.map { paragraph -> Range<Int> in
            let start = min(max(paragraph.start, 0), length)
            return start..<min(max(paragraph.end, start), length)
        }
        return ScalarOffsets.substrings(of: text[...], ranges: ranges).map(String.init)
    }

    /// Whether every paragraph lies inside ``text``, in order and without overlap.
    public var paragraphsAreValid: Bool {
        let length = ScalarOffsets.count(text)
        var position = 0
        for paragraph in paragraphs {
            guard paragraph.start >= position, paragraph.end >= paragraph.start, paragraph.end <= length else { return false }
            position = paragraph.end
        }
        return true
    }

    /// Clears everything located by offsets into ``text``; stages that rewrite the text call it.
    mutating func clearOffsetAnnotations() {
        dateline = nil
        sentences = []
        entities = []
        quotes = []
        amounts = []
        dates = []
    }
}

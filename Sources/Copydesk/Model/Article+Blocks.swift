extension Article {
    /// The text of each paragraph, cut from ``text`` by its scalar offsets.
    public var paragraphTexts: [String] {
        let scalars = Array(text.unicodeScalars)
        return paragraphs.map { paragraph in
            let start = min(max(paragraph.start, 0), scalars.count)
            let end = min(max(paragraph.end, start), scalars.count)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            return String(view)
        }
    }

    /// Whether every paragraph lies inside ``text``, in order and without overlap.
    public var paragraphsAreValid: Bool {
        let length = text.unicodeScalars.count
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

/// One sentence of an article; `text` equals the article text between `start` and `end`.
public struct Sentence: Sendable, Codable, Equatable {
    /// Index into the article's `paragraphs` of the block holding the sentence.
    public var paragraph: Int
    /// Scalar offset in the article's `text` where the sentence starts.
    public var start: Int
    /// Scalar offset just past the sentence.
    public var end: Int
    /// The sentence itself.
    public var text: String

    /// Creates a sentence.
    public init(paragraph: Int, start: Int, end: Int, text: String) {
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.text = text
    }

    /// The record's keys: offsets are `start_offset` and `end_offset`, names no SQL dialect reserves.
    enum CodingKeys: String, CodingKey {
        case paragraph, text
        case start = "start_offset"
        case end = "end_offset"
    }
}

/// One block of an article's body, located by scalar offsets into the article's `text`.
public struct Paragraph: Sendable, Codable, Equatable {
    /// What kind of block this is.
    public enum Kind: String, Sendable, Codable, Equatable, CaseIterable {
        /// Running text.
        case paragraph
        /// A short title line between paragraphs.
        case heading
        /// A dateline standing alone on its line.
        case dateline
        /// An item of a list (`<li>` in a page).
        case listItem = "list_item"
        /// A paragraph of a block quotation (`<blockquote>` in a page).
        case quote
    }

    /// What kind of block this is.
    public var kind: Kind
    /// Scalar offset in `text` where the block starts.
    public var start: Int
    /// Scalar offset in `text` just past the block.
    public var end: Int

    /// Creates a paragraph.
    public init(kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// The record's keys: offsets are `start_offset` and `end_offset`, names no SQL dialect reserves.
    enum CodingKeys: String, CodingKey {
        case kind
        case start = "start_offset"
        case end = "end_offset"
    }
}

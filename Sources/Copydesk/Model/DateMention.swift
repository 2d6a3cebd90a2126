/// A date the text mentions, resolved to ISO form where the text allows.
public struct DateMention: Sendable, Codable, Equatable {
    /// The date as written (`on Thursday`, `Feb. 8`).
    public var text: String
    /// ISO `YYYY-MM-DD`, or `nil` when it cannot be resolved to one day.
    public var value: String?
    /// How the value was found (`absolute`, `relative`, `range`, `unresolved: …`).
    public var resolution: String
    /// Scalar offset in the article's `text` where the mention starts.
    public var start: Int
    /// Scalar offset just past the mention.
    public var end: Int
    /// Index into `sentences` of the sentence holding the mention.
    public var sentence: Int

    /// Creates a date mention.
    public init(text: String, value: String?, resolution: String, start: Int, end: Int, sentence: Int) {
        self.text = text
        self.value = value
        self.resolution = resolution
        self.start = start
        self.end = end
        self.sentence = sentence
    }

    enum CodingKeys: String, CodingKey {
        case text, value, resolution, sentence
        case start = "start_offset"
        case end = "end_offset"
    }

    /// Encodes every field, with `null` for an unresolved value.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(value, forKey: .value)
        try c.encode(resolution, forKey: .resolution)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(sentence, forKey: .sentence)
    }
}

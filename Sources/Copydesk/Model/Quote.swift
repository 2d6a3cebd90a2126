/// A direct quotation and who said it.
public struct Quote: Sendable, Codable, Equatable {
    /// The quoted words, without the quotation marks.
    public var text: String
    /// Who the text says spoke (`Yury Ushakov`, `the statement`), or `nil` when unattributed.
    public var speaker: String?
    /// The speech verb (`said`, `told`, `noted`), when one attributes the quote.
    public var verb: String?
    /// Scalar offset in the article's `text` where the quotation starts (at the opening mark).
    public var start: Int
    /// Scalar offset just past the closing mark.
    public var end: Int
    /// Index into `sentences` of the sentence where the quotation starts.
    public var sentence: Int

    /// Creates a quote.
    public init(text: String, speaker: String?, verb: String?, start: Int, end: Int, sentence: Int) {
        self.text = text
        self.speaker = speaker
        self.verb = verb
        self.start = start
        self.end = end
        self.sentence = sentence
    }

    enum CodingKeys: String, CodingKey {
        case text, speaker, verb, sentence
        case start = "start_offset"
        case end = "end_offset"
    }

    /// Encodes every field, with `null` for an unknown speaker or verb.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(verb, forKey: .verb)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(sentence, forKey: .sentence)
    }
}

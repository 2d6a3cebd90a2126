/// A number the text states: money, a percentage or a quantity with a unit.
public struct Amount: Sendable, Codable, Equatable {
    /// What kind of amount this is.
    public enum Kind: String, Sendable, Codable, Equatable, CaseIterable {
        /// A sum of money (`$227.7 billion`).
        case money
        /// A percentage (`over 90%`).
        case percent
        /// A plain quantity with a unit (`300 km`).
        case quantity
    }

    /// The amount as written.
    public var text: String
    /// What kind of amount this is.
    public var kind: Kind
    /// The value with its scale applied (`$227.7 billion` → 227700000000).
    public var value: Double
    /// ISO 4217 currency code for money (`USD`).
    public var currency: String?
    /// Unit of a quantity (`km`, `tonnes`).
    public var unit: String?
    /// A qualifier in front of the number (`over`, `about`, `nearly`).
    public var qualifier: String?
    /// Scalar offset in the article's `text` where the amount starts.
    public var start: Int
    /// Scalar offset just past the amount.
    public var end: Int
    /// Index into `sentences` of the sentence holding the amount.
    public var sentence: Int

    /// Creates an amount.
    public init(
        text: String, kind: Kind, value: Double, currency: String? = nil, unit: String? = nil,
        qualifier: String? = nil, start: Int, end: Int, sentence: Int
    ) {
        self.text = text
        self.kind = kind
        self.value = value
        self.currency = currency
        self.unit = unit
        self.qualifier = qualifier
        self.start = start
        self.end = end
        self.sentence = sentence
    }

    enum CodingKeys: String, CodingKey {
        case text, kind, value, currency, unit, qualifier, sentence
        case start = "start_offset"
        case end = "end_offset"
    }

    /// Encodes every field, with `null` for absent currency, unit or qualifier.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(kind, forKey: .kind)
        try c.encode(value, forKey: .value)
        try c.encode(currency, forKey: .currency)
        try c.encode(unit, forKey: .unit)
        try c.encode(qualifier, forKey: .qualifier)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(sentence, forKey: .sentence)
    }
}

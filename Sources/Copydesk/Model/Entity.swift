/// A mention of a person, organisation, place or group.
public struct Entity: Sendable, Codable, Equatable {
    /// The kinds of entity Copydesk recognises.
    public enum Kind: String, Sendable, Codable, Equatable, CaseIterable {
        /// A named person.
        case person
        /// A company, institution, agency or body.
        case organization
        /// A country, region, city or other place.
        case location
        /// A nationality, religious or political group (`Chinese`, `Palestinians`).
        case group
    }

    /// The mention as written.
    public var text: String
    /// What the mention names.
    public var type: Kind
    /// The full form the mention links to within the article (`Putin` → `Vladimir Putin`).
    public var canonical: String
    /// Scalar offset in `text` where the mention starts.
    public var start: Int
    /// Scalar offset just past the mention.
    public var end: Int
    /// Index into `sentences` of the sentence holding the mention.
    public var sentence: Int
    /// How many mentions in the article link to the same canonical entity.
    public var mentions: Int

    /// Creates an entity mention.
    public init(text: String, type: Kind, canonical: String, start: Int, end: Int, sentence: Int, mentions: Int = 1) {
        self.text = text
        self.type = type
        self.canonical = canonical
        self.start = start
        self.end = end
        self.sentence = sentence
        self.mentions = mentions
    }

    /// The record's keys: offsets are `start_offset` and `end_offset`, names no SQL dialect reserves.
    enum CodingKeys: String, CodingKey {
        case text, type, canonical, sentence, mentions
        case start = "start_offset"
        case end = "end_offset"
    }
}

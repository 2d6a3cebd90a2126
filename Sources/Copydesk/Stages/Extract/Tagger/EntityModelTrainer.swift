import Foundation

/// Trains the entity tagger's model (`copydesk-train ner`) from segmented articles with gold
/// names, and scores a model on held-out ones.
///
/// Gold names are brought to the conventions Copydesk reports by before training: a person's
/// leading titles are left out of the name (`President` in `President Ulysses Grant`, as in
/// CoNLL-2003), a title alone is no person, and a nationality or group listed in the gazetteer
/// (`Americans`) is a miscellaneous name rather than a person.
public struct EntityModelTrainer {
    /// One gold name: Unicode-scalar offsets into the article text and its type (`PER`, `ORG`,
    /// `LOC` or `MISC`; other types are ignored).
    public struct Name: Sendable, Hashable {
        /// Scalar offset of the first character.
        public let start: Int
        /// Scalar offset just past the last character.
        public let end: Int
        /// The gold type.
        public let type: String

        /// Creates a gold name.
        public init(start: Int, end: Int, type: String) {
            self.start = start
            self.end = end
            self.type = type
        }
    }

    private let gazetteer: Gazetteer
    private let rules: EntityExtractor
    private let features: TaggerFeatures
    private var examples: [PerceptronTraining.Example] = []

    /// Loads the word lists the features use.
    public init() throws {
        gazetteer = try Gazetteer()
        rules = EntityExtractor(gazetteer: gazetteer)
        features = TaggerFeatures(gazetteer: gazetteer)
    }

    /// The number of articles added.
    public var articleCount: Int { examples.count }

    /// Adds a segmented article and its gold names.
    public mutating func add(_ article: Article, names: [Name]) {
        let text = TokenScanner.scan(article.text, paragraphs: article.paragraphs, sentences: article.sentences)
        let (mentions, firstTagged) = rules.extract(from: text, dateline: article.dateline)
        let context = features.context(text, rules: mentions, firstTagged: firstTagged)
        examples.append(.init(context: context, gold: goldTags(text, names)))
    }

    /// Trains for `epochs` passes with article order (and the hidden words) drawn from `seed`
    /// and returns the model file's bytes; `progress` gets each epoch's number and training accuracy on candidate tokens.
    public func train(
        epochs: Int, seed: UInt64, hideWordRate: Double = 0.25, progress: (Int, Double) -> Void = { _, _ in }
    ) -> Data {
        var training = PerceptronTraining(features: features)
        return training.train(examples, epochs: epochs, seed: seed, hideWordRate: hideWordRate, progress: progress)
            .serialized()
    }

    /// The IOB2 tag of every token under `names`, adapted to Copydesk's conventions.
    private func goldTags(_ text: TokenizedText, _ names: [Name]) -> [EntityTag] {
        let t = text.tokens
        var tags = [EntityTag](repeating: .outside, count: t.count)
        var k = 0
        for name in names.sorted(by: { $0.start < $1.start }) {
            guard var type = EntityTag.NameType(label: name.type) else { continue }
            while k < t.count && t[k].start < name.start { k += 1 }
            var first = k
            var end = k
            while end < t.count && t[end].end <= name.end { end += 1 }
            guard end > first else { continue }
            if type == .person {
                while first < end, let title = gazetteer.titles.match(in: text, at: first, limit: end) { first += title.length }
                while first < end && t[first].kind != .word { first += 1 }
                if first == end { continue }
                if let hit = gazetteer.names.match(in: text, at: first, limit: end), hit.length == end - first, hit.value.type == .group {
                    type = .miscellaneous
                }
            }
            for j in first..<end { tags[j] = EntityTag(type: type, inside: j > first) }
        }
        return tags
    }
}

/// The statistical half of entity recognition: an averaged-perceptron sequence tagger
/// (``TaggerWeights``, trained by `copydesk-train ner`) that reads an article's candidate tokens
/// left to right and gives each an IOB2 ``EntityTag`` from ``TaggerFeatures``, which include the
/// rule-based extractor's own mentions. Its names then replace the rules' outside the dateline
/// and headings, keeping the rules' canonical forms and roles where both agree on a span.
struct EntityTagger: Sendable {
    private let features: TaggerFeatures
    private let weights: TaggerWeights
    private let gazetteer: Gazetteer

    /// A tagger over given weights.
    init(gazetteer: Gazetteer, weights: TaggerWeights) {
        self.gazetteer = gazetteer
        self.features = TaggerFeatures(gazetteer: gazetteer)
        self.weights = weights
    }

    /// The tags of every token of a prepared article; tokens that are no candidates stay outside.
    func tags(_ context: TaggerFeatures.Context) -> [EntityTag] {
        let count = context.candidate.count
        var tags = [EntityTag](repeating: .outside, count: count)
        var buffer: [UInt64] = []
        buffer.reserveCapacity(64)
        var scores = [Float](repeating: 0, count: EntityTag.allCases.count)
        for i in 0..<count where context.candidate[i] {
            let previous = i > 0 ? tags[i - 1] : .outside
            features.features(context, at: i, previous: previous, beforePrevious: i > 1 ? tags[i - 2] : .outside, into: &buffer)
            for k in scores.indices { scores[k] = 0 }
            weights.accumulate(buffer, into: &scores)
            tags[i] = Self.best(scores, after: previous)
        }
        return tags
    }

    /// The highest-scoring tag IOB2 allows after `previous` (the first of equal scores).
    static func best(_ scores: [Float], after previous: EntityTag) -> EntityTag {
        var best = EntityTag.outside
        var bestScore = -Float.infinity
        for tag in EntityTag.allCases where tag.canFollow(previous) && scores[tag.rawValue] > bestScore {
            best = tag
            bestScore = scores[tag.rawValue]
        }
        return best
    }

    /// The article's mentions: the tagger's names where it tags, the rules' in the dateline
    /// (tokens before `firstTagged`) and in headings, and the rules' groups (nationalities) that
    /// no tagged name overlaps.
    func mentions(_ text: TokenizedText, rules: [EntityMention], firstTagged: Int) -> [EntityMention] {
        let context = features.context(text, rules: rules, firstTagged: firstTagged)
        let spans = Self.spans(tags(context))
        var covered = [Bool](repeating: false, count: text.tokens.count)
        var result: [EntityMention] = []
        for span in spans where !text.inHeading(span.range.lowerBound) {
            for k in span.range { covered[k] = true }
            guard let kind = span.type.entityKind, let mention = mention(text, span.range, kind, rules: rules) else { continue }
            result.append(mention)
        }
        for rule in rules where rule.first < firstTagged || text.inHeading(rule.first) || rule.type == .group {
            if !(rule.first..<rule.end).contains(where: { covered[$0] }) { result.append(rule) }
        }
        return result.sorted { $0.first < $1.first }
    }

    /// The token ranges and types of the names in `tags` (an inside tag after another type
    /// starts a name).
    static func spans(_ tags: [EntityTag]) -> [(range: Range<Int>, type: EntityTag.NameType)] {
        var spans: [(range: Range<Int>, type: EntityTag.NameType)] = []
        var k = 0
        while k < tags.count {
            guard let type = tags[k].type else { k += 1; continue }
            var end = k + 1
            while end < tags.count && tags[end].isInside && tags[end].type == type { end += 1 }
            spans.append((k..<end, type))
            k = end
        }
        return spans
    }

    /// A tagged name as a mention: leading titles become a person's role, joining tokens at the
    /// edges are dropped, and a span the rules found with the same type keeps their canonical
    /// form. A person that is nothing but a title is no mention.
    private func mention(_ text: TokenizedText, _ range: Range<Int>, _ kind: Entity.Kind, rules: [EntityMention]) -> EntityMention? {
        let t = text.tokens
        var first = range.lowerBound
        var end = range.upperBound
        var role: String?
        if kind == .person {
            while first < end, let title = gazetteer.titles.match(in: text, at: first, limit: end) {
                first += title.length
                while first < end && !(t[first].kind == .word && t[first].isCapitalised) { first += 1 }
            }
            if first > range.lowerBound && first < end { role = text.string(range.lowerBound..<first).lowercased() }
        }
        while first < end && !(t[first].kind == .word && t[first].isCapitalised) { first += 1 }
        while end > first && !(t[end - 1].kind == .word) { end -= 1 }
        guard first < end else { return nil }
        if let rule = rules.first(where: { $0.first == first && $0.end == end && $0.type == kind }) {
            return role == nil || rule.role != nil ? rule : EntityMention(first: first, end: end, type: kind, canonical: rule.canonical, role: role)
        }
        if role == nil, kind == .person, let rule = rules.first(where: { $0.end == end && $0.type == .person && $0.role != nil }) {
            role = rule.role
        }
        var canonical = text.string(first..<end)
        if let hit = gazetteer.names.match(in: text, at: first, limit: end), hit.length == end - first, hit.value.type == kind {
            canonical = hit.value.canonical
        }
        return EntityMention(first: first, end: end, type: kind, canonical: canonical, role: role)
    }
}

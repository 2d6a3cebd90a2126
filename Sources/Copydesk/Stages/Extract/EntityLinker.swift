/// Links the mentions of one article: a short person mention takes the full name it abbreviates
/// (`Putin` → `Vladimir Putin`, `Xi` → `Xi Jinping`), further bare uses of those name words
/// become person mentions, an acronym in brackets after an organisation takes its name, and
/// every mention gets the count of mentions sharing its canonical form.
struct EntityLinker: Sendable {
    /// What the mentions of one entity share: its kind and canonical form.
    private struct MentionedEntity: Hashable {
        let type: Entity.Kind
        let canonical: String
    }

    private let gazetteer: Gazetteer

    /// Creates the linker over loaded word lists.
    init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    /// The linked mentions, in text order.
    func link(_ mentions: [EntityMention], in text: TokenizedText) -> [EntityMention] {
        let t = text.tokens
        var mentions = mentions
        var fullNames = FullNames()
        for m in mentions where m.type == .person && m.end - m.first >= 2 {
            fullNames.add(first: m.first, canonical: m.canonical, words: (m.first..<m.end).filter { t[$0].kind == .word }.map { t[$0].hash })
        }
        for k in mentions.indices where mentions[k].type == .person && mentions[k].end - mentions[k].first == 1 {
            if let name = fullNames.name(for: t[mentions[k].first].hash, at: mentions[k].first) { mentions[k].canonical = name }
        }
        var covered = [Bool](repeating: false, count: t.count)
        for m in mentions { for k in m.first..<m.end { covered[k] = true } }
        for k in t.indices
        where !covered[k] && t[k].kind == .word && t[k].isCapitalised && !text.inHeading(k)
            && !gazetteer.stopwords.contains(t[k]) && !text.isAttached(k)
        {
            if let name = fullNames.name(for: t[k].hash, at: k) {
                mentions.append(EntityMention(first: k, end: k + 1, type: .person, canonical: name))
            }
        }
        mentions.sort { $0.first < $1.first }
        linkAcronyms(&mentions, text)
        return mentions
    }

    /// `Federal Security Service (FSB)`: the acronym, here and elsewhere, takes the full name.
    private func linkAcronyms(_ mentions: inout [EntityMention], _ text: TokenizedText) {
        let t = text.tokens
        var expansions: [String: String] = [:]
        for k in mentions.indices.dropFirst() {
            let previous = mentions[k - 1]
            let m = mentions[k]
            guard previous.type == .organization, m.end - m.first == 1, t[m.first].isAllCaps,
                m.first == previous.end + 1, text.isPunct(previous.end, 0x28)
            else { continue }
            expansions[m.canonical] = previous.canonical
            mentions[k].type = .organization
        }
        for k in mentions.indices where mentions[k].type == .organization {
            if let full = expansions[mentions[k].canonical] { mentions[k].canonical = full }
        }
    }

    /// Converts linked mentions to entities with `mentions` counts per kind and canonical form.
    func entities(_ mentions: [EntityMention], in text: TokenizedText) -> [Entity] {
        var counts: [MentionedEntity: Int] = [:]
        for m in mentions { counts[MentionedEntity(type: m.type, canonical: m.canonical), default: 0] += 1 }
        return mentions.map { m in
            let first = text.tokens[m.first]
            return Entity(
                text: text.string(m.first..<m.end), type: m.type, canonical: m.canonical, start: first.start,
                end: text.tokens[m.end - 1].end, sentence: first.sentence,
                mentions: counts[MentionedEntity(type: m.type, canonical: m.canonical)] ?? 1)
        }
    }
}

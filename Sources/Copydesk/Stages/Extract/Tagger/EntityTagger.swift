/// The statistical half of entity recognition: an averaged-perceptron sequence tagger
/// (``TaggerWeights``, trained by `copydesk-train ner`) that reads an article's candidate tokens
/// left to right and gives each an IOB2 ``EntityTag`` from ``TaggerFeatures``, which include the
/// rule-based extractor's own mentions. Its names then replace the rules' outside the dateline
/// and headings, keeping the rules' canonical forms and roles where both agree on a span.
struct EntityTagger: Sendable {
    private let features: TaggerFeatures
    private let weights: TaggerWeights
    let gazetteer: Gazetteer

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
        var scores = [Float](repeating: 0, count: EntityTag.count)
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
        for rawValue in 0..<EntityTag.count {
            let tag = EntityTag(rawValue: rawValue)!
            if tag.canFollow(previous) && scores[rawValue] > bestScore {
                best = tag
                bestScore = scores[rawValue]
            }
        }
        return best
    }

    /// The article's mentions: the tagger's names where it tags, the rules' in the dateline
    /// (tokens before `firstTagged`) and in headings, and the rules' groups (nationalities) that
    /// no tagged name overlaps.
    func mentions(_ text: TokenizedText, rules: [EntityMention], firstTagged: Int) -> [EntityMention] {
        let context = features.context(text, rules: rules, firstTagged: firstTagged)
        var spans = Self.spans(tags(context)).filter { !text.inHeading($0.range.lowerBound) }
        overrideWithListedOrganizations(&spans, context.listed, text, from: firstTagged)
        keepStrongRuleNames(&spans, rules, text)
        retypeResultsTables(&spans, text)
        extendOverInitials(&spans, text)
        splitAtTitles(&spans, text)
        var covered = [Bool](repeating: false, count: text.tokens.count)
        var result: [EntityMention] = []
        for span in spans {
            for k in span.range { covered[k] = true }
            guard let kind = span.type.entityKind, !isInsideTitle(span.range, text),
                let mention = mention(text, span.range, kind, rules: rules)
            else { continue }
            result.append(mention)
        }
        settleTypes(&result, text)
        for rule in rules where rule.first < firstTagged || text.inHeading(rule.first) || rule.type == .group {
            if !(rule.first..<rule.end).contains(where: { covered[$0] }) { result.append(rule) }
        }
        return result.sorted { $0.first < $1.first }
    }

    /// Makes every organisation the gazetteer lists by name (`Warner Bros`, `Manchester United`)
    /// one organisation, replacing the tagged names it overlaps, unless a longer tagged name
    /// holds it whole (`Time Warner Cable`).
    private func overrideWithListedOrganizations(
        _ spans: inout [(range: Range<Int>, type: EntityTag.NameType)], _ names: [TaggerFeatures.ListedName], _ text: TokenizedText, from start: Int
    ) {
        for name in names where name.type == .organization && name.range.lowerBound >= start && !text.inHeading(name.range.lowerBound) {
            let listed = name.range
            if spans.contains(where: {
                $0.range.count > listed.count && $0.range.lowerBound <= listed.lowerBound && $0.range.upperBound >= listed.upperBound
            }) {
                continue
            }
            spans.removeAll { $0.range.overlaps(listed) }
            spans.append((listed, .organization))
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Keeps the names the rules are surest of where the tagger leaves their words outside any
    /// name or reads a miscellaneous name there: places and organisations the gazetteer lists
    /// (`U.S.`), people a title or role introduces (`Kremlin aide Yury Ushakov`) and personal names
    /// with particles (`Ludwig van Beethoven`), both also over a shorter tagged person, and
    /// people of two words or more where the tagger reads no name at all, or a miscellaneous
    /// name that stands alone at the start of a sentence or after a comma (`Yury Ushakov is …`,
    /// `said its chairman, Pieter Claes.`).
    private func keepStrongRuleNames(_ spans: inout [(range: Range<Int>, type: EntityTag.NameType)], _ rules: [EntityMention], _ text: TokenizedText)
    {
        let t = text.tokens
        for rule in rules where rule.type != .group && !text.inHeading(rule.first) {
            let range = rule.first..<rule.end
            let listed =
                gazetteer.names.match(in: text, at: rule.first, limit: rule.end).map { $0.length == range.count && $0.value.type == rule.type }
                ?? false
            let particles =
                rule.type == .person && range.contains { t[$0].kind == .word && !t[$0].isCapitalised && gazetteer.nameParticles.contains(t[$0]) }
            let standsAlone =
                (t[rule.first].opensSentence || text.isPunct(rule.first - 1, 0x2C))
                && !(rule.end < t.count && t[rule.end].kind == .word && t[rule.end].isCapitalised)
            let unread =
                rule.type == .person && range.count >= 2
                && !spans.contains { $0.range.overlaps(range) && !($0.type == .miscellaneous && standsAlone) }
            guard listed || particles || rule.role != nil || unread else { continue }
            let overlapping = spans.filter { $0.range.overlaps(range) }
            let replaceable = overlapping.allSatisfy {
                $0.type == .miscellaneous
                    || ((particles || rule.role != nil) && $0.type == .person && range.lowerBound <= $0.range.lowerBound
                        && $0.range.upperBound <= range.upperBound)
            }
            guard replaceable, !overlapping.contains(where: { $0.range == range && $0.type == EntityTag.NameType(kind: rule.type) }) else { continue }
            spans.removeAll { $0.range.overlaps(range) }
            spans.append((range, EntityTag.NameType(kind: rule.type)))
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Carries a person that stops at a middle initial on to the surname after it (`George W.`
    /// then `Bush`), taking in a name tagged there on its own.
    private func extendOverInitials(_ spans: inout [(range: Range<Int>, type: EntityTag.NameType)], _ text: TokenizedText) {
        let t = text.tokens
        for k in spans.indices where spans[k].type == .person {
            var end = spans[k].range.upperBound
            if end - 2 > spans[k].range.lowerBound && text.isPunct(end - 1, 0x2E) && text.length(end - 2) == 1 { end -= 1 }
            while end + 1 < t.count, text.length(end - 1) == 1, t[end - 1].isCapitalised, text.isPunct(end, 0x2E), text.isAttached(end),
                t[end + 1].kind == .word, t[end + 1].isCapitalised, t[end + 1].paragraph == t[end].paragraph
            {
                end += 2
            }
            guard end > spans[k].range.upperBound else { continue }
            spans[k].range = spans[k].range.lowerBound..<end
        }
        var kept: [(range: Range<Int>, type: EntityTag.NameType)] = []
        for span in spans {
            if let last = kept.last, last.range.overlaps(span.range) { continue }
            kept.append(span)
        }
        spans = kept
    }

    /// Gives names their types from the words inside them: a name ending in an organisation
    /// word (`ASML Holding NV`) is an organisation unless the gazetteer lists it (`Russian
    /// Federation`), and a name with a title inside runs no
    /// further than the title, the words after it being the person it introduces (`Butte County
    /// District Attorney Mike Ramsey` → the place `Butte County` and the person `Mike Ramsey`,
    /// whose role the title becomes when the mention is made).
    private func splitAtTitles(_ spans: inout [(range: Range<Int>, type: EntityTag.NameType)], _ text: TokenizedText) {
        let t = text.tokens
        var result: [(range: Range<Int>, type: EntityTag.NameType)] = []
        for span in spans {
            var span = span
            if span.range.count >= 2 && span.type != .organization && gazetteer.organizationHeads.contains(t[span.range.upperBound - 1])
                && gazetteer.names.match(in: text, at: span.range.lowerBound, limit: span.range.upperBound)?.length != span.range.count
            {
                span.type = .organization
            }
            guard span.type != .organization, span.range.count >= 3,
                let k = (span.range.lowerBound + 1..<span.range.upperBound - 1).first(where: { k in
                    t[k].isCapitalised
                        && (gazetteer.titles.match(in: text, at: k, limit: span.range.upperBound).map { k + $0.length < span.range.upperBound }
                            ?? false)
                })
            else {
                result.append(span)
                continue
            }
            result.append((span.range.lowerBound..<k, span.type))
            result.append((k..<span.range.upperBound, .person))
        }
        spans = result
    }

    /// Whether a title of two words or more (`Secretary of State`) holds the whole of `range`.
    private func isInsideTitle(_ range: Range<Int>, _ text: TokenizedText) -> Bool {
        let t = text.tokens
        for start in max(0, range.lowerBound - 3)...range.lowerBound where t[start].kind == .word && t[start].isCapitalised {
            if let title = gazetteer.titles.match(in: text, at: start, limit: t.count), title.length >= 2, start + title.length >= range.upperBound {
                return true
            }
        }
        return false
    }

    /// Gives every tagged name the type the article settles for it: a lone word that ends a
    /// person's full name elsewhere (`Galois` after `Évariste Galois`) is that person, a lone
    /// word that starts a listed sports club's name (`Bayern` after `Bayern Munich`) is that
    /// club, and a
    /// name written the same way (ignoring case) several times takes its most frequent type (the first on a tie).
    private func settleTypes(_ mentions: inout [EntityMention], _ text: TokenizedText) {
        let t = text.tokens
        var surnames = HashSet64()
        var clubWords = HashSet64()
        for m in mentions where m.end - m.first >= 2 {
            if m.type == .person { surnames.insert(t[m.end - 1].hash) }
            if m.type == .organization, let club = gazetteer.sportsClubs.match(in: text, at: m.first, limit: m.end), club.length == m.end - m.first {
                clubWords.insert(t[m.first].hash)
            }
        }
        let kinds = Entity.Kind.allCases
        // One slot per distinct written form: its votes per kind (`kinds.count` counts) and the
        // kind it was first seen with.
        var slotOfForm = HashMap64<Int>(capacity: mentions.count)
        var votes: [Int] = []
        var firstSeen: [Entity.Kind] = []
        var slots: [Int] = []
        slots.reserveCapacity(mentions.count)
        for k in mentions.indices {
            if mentions[k].end - mentions[k].first == 1 {
                let word = t[mentions[k].first].hash
                if surnames.contains(word) {
                    mentions[k].type = .person
                } else if clubWords.contains(word) {
                    mentions[k].type = .organization
                }
            }
            let written = (mentions[k].first..<mentions[k].end).reduce(0) { StableHash.combine($0, t[$1].hash) }
            let slot: Int
            if let known = slotOfForm[written] {
                slot = known
            } else {
                slot = firstSeen.count
                slotOfForm[written] = slot
                firstSeen.append(mentions[k].type)
                votes.append(contentsOf: repeatElement(0, count: kinds.count))
            }
            slots.append(slot)
            votes[slot * kinds.count + kinds.firstIndex(of: mentions[k].type)!] += 1
        }
        for k in mentions.indices {
            let counts = votes[(slots[k] * kinds.count)..<((slots[k] + 1) * kinds.count)]
            guard counts.filter({ $0 > 0 }).count > 1 else { continue }
            let top = counts.max()!
            let first = firstSeen[slots[k]]
            let settled =
                counts[counts.startIndex + kinds.firstIndex(of: first)!] == top ? first : kinds[counts.firstIndex(of: top)! - counts.startIndex]
            if mentions[k].type != settled {
                mentions[k].type = settled
                mentions[k].role = nil
            }
        }
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
    /// form. A person that is nothing but a title, and a place or organisation that is a month
    /// or weekday alone (`in December`), are no mentions.
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
        guard first < end, !(kind != .person && end - first == 1 && gazetteer.calendarWords.contains(t[first])) else { return nil }
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

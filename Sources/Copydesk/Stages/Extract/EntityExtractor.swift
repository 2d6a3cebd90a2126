/// Finds people, organisations, places and groups from gazetteers, titles (`President Vladimir
/// Putin`, `Kremlin aide Yury Ushakov`), the dateline and capitalisation patterns. Headings only
/// yield gazetteer places and groups; a sentence's first word needs a cue to start a name.
struct EntityExtractor: Sendable {
    private let gazetteer: Gazetteer
    private let of = TokenScanner.hash("of".utf8)

    /// Creates the extractor over loaded word lists.
    init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    /// Every mention of the text in text order, before linking, and the first token after the
    /// dateline (0 without one).
    func extract(from text: TokenizedText, dateline: Dateline?) -> (mentions: [EntityMention], afterDateline: Int) {
        var found: [EntityMention] = []
        let t = text.tokens
        var i = 0
        if let dateline { i = datelineMentions(text, dateline, into: &found) }
        let afterDateline = i
        while i < t.count {
            guard t[i].kind == .word else { i += 1; continue }
            if text.inHeading(i) {
                if let hit = gazetteer.names.match(in: text, at: i, limit: t.count), hit.value.type != .organization,
                    t[i].isCapitalised, t[i + hit.length - 1].paragraph == t[i].paragraph
                {
                    found.append(EntityMention(first: i, end: i + hit.length, type: hit.value.type, canonical: hit.value.canonical))
                    i += hit.length
                } else {
                    i += 1
                }
                continue
            }
            if !t[i].isCapitalised || startsInsideLowercaseCompound(text, i) { i += 1; continue }
            let end = runEnd(text, from: i)
            let runStart = found.count
            processRun(text, i..<end, into: &found)
            i = end
            if let person = roleAfterRun(text, run: runStartToken(found, runStart, default: i), at: end) {
                found.append(person)
                i = person.end
            }
        }
        return (found, afterDateline)
    }

    /// Place and agency of the dateline (`MOSCOW (Sputnik) - `); returns the first token after it.
    private func datelineMentions(_ text: TokenizedText, _ dateline: Dateline, into found: inout [EntityMention]) -> Int {
        let t = text.tokens
        var k = 0
        while k < t.count && t[k].start < dateline.end {
            guard t[k].start >= dateline.start, t[k].kind == .word else { k += 1; continue }
            var m = k
            while m < t.count && t[m].start < dateline.end && t[m].kind == .word { m += 1 }
            let written = text.string(k..<m)
            if let hit = gazetteer.names.match(in: text, at: k, limit: m), hit.length == m - k {
                found.append(EntityMention(first: k, end: m, type: hit.value.type, canonical: hit.value.canonical))
            } else if written == dateline.agency {
                found.append(EntityMention(first: k, end: m, type: .organization, canonical: written))
            } else if written == dateline.place {
                found.append(EntityMention(first: k, end: m, type: .location, canonical: titleCased(written)))
            }
            k = m
        }
        return k
    }

    /// A capitalised word glued by a hyphen to a lower-case word (`one-China`) is no name.
    private func startsInsideLowercaseCompound(_ text: TokenizedText, _ i: Int) -> Bool {
        i >= 2 && text.isPunct(i - 1, 0x2D) && text.isAttached(i) && text.isAttached(i - 1)
            && text.tokens[i - 2].kind == .word && !text.tokens[i - 2].isCapitalised
    }

    /// The token just past the capitalised run starting at `i`: capitalised words joined by
    /// connectors (`of`), hyphens (`Asia-Pacific`) or a title's dot (`Gen.`).
    private func runEnd(_ text: TokenizedText, from i: Int) -> Int {
        let t = text.tokens
        var j = i + 1
        while j < t.count && t[j].paragraph == t[i].paragraph {
            let tj = t[j]
            if tj.kind == .word && tj.isCapitalised {
                if gazetteer.calendarWords.contains(tj) && !gazetteer.firstNames.contains(t[j - 1]) { break }
                j += 1
                continue
            }
            let nextCapitalised =
                j + 1 < t.count && t[j + 1].kind == .word && t[j + 1].isCapitalised
                && t[j + 1].paragraph == t[i].paragraph
            if tj.kind == .word && gazetteer.connectors.contains(tj) && nextCapitalised { j += 1; continue }
            if text.isPunct(j, 0x2D) && text.isAttached(j) && text.isAttached(j + 1) && nextCapitalised { j += 1; continue }
            if text.isPunct(j, 0x2E) && text.isAttached(j) && nextCapitalised,
                let title = gazetteer.titles.match(in: text, at: j - 1, limit: j + 1), title.length == 2
            {
                j += 1
                continue
            }
            break
        }
        return j
    }

    /// Splits a capitalised run into titles with names, gazetteer hits and pattern names.
    private func processRun(_ text: TokenizedText, _ run: Range<Int>, into found: inout [EntityMention]) {
        let t = text.tokens
        var k = run.lowerBound
        let followedByConnector =
            k + 1 < run.upperBound && gazetteer.connectors.contains(t[k + 1]) && !t[k + 1].isCapitalised
            && !gazetteer.nameParticles.contains(t[k + 1])
        if t[k].opensSentence && !isKnown(text, k, run)
            && (gazetteer.stopwords.contains(t[k]) || run.count == 1 || followedByConnector)
        {
            k += 1
            while k < run.upperBound && (t[k].kind != .word || !t[k].isCapitalised) { k += 1 }
        }
        while k < run.upperBound && gazetteer.stopwords.contains(t[k]) && t[k].isCapitalised && !isKnown(text, k, run) { k += 1 }
        if k < run.upperBound, let org = wholeRunOrganization(text, k..<run.upperBound) {
            found.append(org)
            return
        }
        var roleStart = k
        var pieceStart: Int?
        while k < run.upperBound {
            if pieceStart != nil && !t[k].isCapitalised && gazetteer.nameParticles.contains(t[k]) && k + 1 < run.upperBound && t[k + 1].isCapitalised
            {
                k += 1
                continue
            }
            if t[k].kind != .word || gazetteer.connectors.contains(t[k]) && !t[k].isCapitalised {
                flushPiece(text, &pieceStart, upTo: k, into: &found)
                k += 1
                continue
            }
            if let title = gazetteer.titles.match(in: text, at: k, limit: run.upperBound) {
                flushPiece(text, &pieceStart, upTo: k, into: &found)
                let afterTitle = k + title.length
                if afterTitle < run.upperBound && t[afterTitle].hash == of {
                    k = afterTitle + 1
                    roleStart = k
                    continue
                }
                let nameEnd = personNameEnd(text, from: afterTitle, limit: run.upperBound)
                if nameEnd > afterTitle {
                    found.append(
                        EntityMention(
                            first: afterTitle, end: nameEnd, type: .person, canonical: text.string(afterTitle..<nameEnd),
                            role: text.string(roleStart..<afterTitle).lowercased()))
                    k = nameEnd
                    roleStart = k
                } else {
                    k = afterTitle
                }
                continue
            }
            let firstNameStartsPerson = gazetteer.firstNames.contains(t[k]) && k + 1 < run.upperBound && t[k + 1].kind == .word
            if !firstNameStartsPerson, let hit = gazetteer.names.match(in: text, at: k, limit: run.upperBound) {
                flushPiece(text, &pieceStart, upTo: k, into: &found)
                found.append(EntityMention(first: k, end: k + hit.length, type: hit.value.type, canonical: hit.value.canonical))
                k += hit.length
                continue
            }
            if pieceStart == nil { pieceStart = k }
            k += 1
        }
        flushPiece(text, &pieceStart, upTo: run.upperBound, into: &found)
    }

    /// The whole run as one organisation when it ends with an organisation word (`Investigative
    /// Committee`) or has one before `of` (`Ministry of Defence`), holds no title, and is not a
    /// gazetteer name as a whole.
    private func wholeRunOrganization(_ text: TokenizedText, _ run: Range<Int>) -> EntityMention? {
        let t = text.tokens
        guard run.count >= 2, t[run.upperBound - 1].kind == .word else { return nil }
        if let hit = gazetteer.names.match(in: text, at: run.lowerBound, limit: run.upperBound), hit.length == run.count { return nil }
        var headed = gazetteer.organizationHeads.contains(t[run.upperBound - 1])
        for k in run where t[k].hash == of && k > run.lowerBound && gazetteer.organizationHeads.contains(t[k - 1]) { headed = true }
        guard headed else { return nil }
        for k in run where gazetteer.titles.match(in: text, at: k, limit: run.upperBound) != nil && t[k].isCapitalised { return nil }
        let name = text.string(run)
        return EntityMention(first: run.lowerBound, end: run.upperBound, type: .organization, canonical: name)
    }

    /// Classifies a piece of a run no list recognised: a place head, a place after `in` (never a
    /// month or weekday: `in December`), or a personal name of two or three capitalised words,
    /// name particles between them (`Charles de Gaulle`).
    private func flushPiece(_ text: TokenizedText, _ pieceStart: inout Int?, upTo end: Int, into found: inout [EntityMention]) {
        guard let start = pieceStart else { return }
        pieceStart = nil
        let t = text.tokens
        var last = end
        while last > start && (t[last - 1].kind != .word || !t[last - 1].isCapitalised) { last -= 1 }
        guard last > start else { return }
        let particles = (start..<last).filter { !t[$0].isCapitalised }.count
        let count = last - start - particles
        let written = text.string(start..<last)
        if count >= 2 && gazetteer.locationHeads.contains(t[last - 1]) {
            found.append(EntityMention(first: start, end: last, type: .location, canonical: written))
        } else if count >= 2 && gazetteer.organizationHeads.contains(t[last - 1]) {
            found.append(EntityMention(first: start, end: last, type: .organization, canonical: written))
        } else if count == 1 {
            if start > 0, gazetteer.locationPrepositions.contains(t[start - 1]), !t[start - 1].isCapitalised,
                !t[start].isAllCaps, !t[start].opensSentence, !gazetteer.calendarWords.contains(t[start])
            {
                found.append(EntityMention(first: start, end: last, type: .location, canonical: written))
            }
        } else if count <= 3
            && (start..<last).allSatisfy({
                t[$0].kind == .word && !t[$0].isAllCaps && (t[$0].isCapitalised || gazetteer.nameParticles.contains(t[$0]))
            }),
            gazetteer.titles.match(in: text, at: start, limit: last)?.length != count
        {
            found.append(EntityMention(first: start, end: last, type: .person, canonical: written))
        }
    }

    /// A person introduced by a lower-case role word after a run (`Kremlin aide Yury Ushakov`).
    private func roleAfterRun(_ text: TokenizedText, run: Int, at k: Int) -> EntityMention? {
        let t = text.tokens
        guard k < t.count, t[k].kind == .word, !t[k].isCapitalised,
            let title = gazetteer.titles.match(in: text, at: k, limit: t.count)
        else { return nil }
        let nameStart = k + title.length
        guard nameStart < t.count, t[nameStart].isCapitalised, t[nameStart].paragraph == t[k].paragraph else { return nil }
        let nameEnd = personNameEnd(text, from: nameStart, limit: runEnd(text, from: nameStart))
        guard nameEnd > nameStart else { return nil }
        let roleStart = run < k ? run : k
        return EntityMention(
            first: nameStart, end: nameEnd, type: .person, canonical: text.string(nameStart..<nameEnd),
            role: text.string(roleStart..<nameStart).lowercased())
    }

    /// The first token of the run whose mentions start at `found[runStart...]`.
    private func runStartToken(_ found: [EntityMention], _ runStart: Int, default value: Int) -> Int {
        runStart < found.count ? found[runStart].first : value
    }

    /// The end of a personal name after a title: up to four capitalised words that are not a
    /// gazetteer name, organisation word or further title.
    private func personNameEnd(_ text: TokenizedText, from start: Int, limit: Int) -> Int {
        let t = text.tokens
        var k = start
        while k < limit && k - start < 4 && t[k].kind == .word && t[k].isCapitalised
            && !gazetteer.organizationHeads.contains(t[k]) && !gazetteer.stopwords.contains(t[k])
        {
            if k == start, let hit = gazetteer.names.match(in: text, at: k, limit: limit), hit.value.type != .location || hit.length > 1 {
                return start
            }
            k += 1
        }
        return k
    }

    /// Whether the word at `k` is a list entry (name, title, given name) or heads an organisation.
    private func isKnown(_ text: TokenizedText, _ k: Int, _ run: Range<Int>) -> Bool {
        let t = text.tokens[k]
        return gazetteer.names.match(in: text, at: k, limit: run.upperBound) != nil
            || gazetteer.titles.match(in: text, at: k, limit: run.upperBound) != nil
            || gazetteer.firstNames.contains(t)
    }

    /// `MOSCOW` → `Moscow`.
    private func titleCased(_ s: String) -> String {
        s.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }
}

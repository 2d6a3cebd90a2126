/// Finds direct quotations between straight or curly double quotes, including quotations that
/// run over several paragraphs (a paragraph ends open and the next starts with an opening mark),
/// and attributes each to a speaker through a speech verb after (`"…," Ushakov told reporters`,
/// `"…," said the minister`) or before it (`Ushakov said: "…"`). Scare quotes (three words or
/// fewer, not ending in `,` `.` `!` `?`) are not quotations.
struct QuoteExtractor: Sendable {
    private let verbs: PhraseTable<Bool>
    private let pronouns: WordSet
    private let determiners: WordSet
    private let locationPrepositions: WordSet
    private let titles: PhraseTable<Bool>
    /// The longest speaker phrase looked at, in words.
    private let speakerWords = 6

    /// Loads speech verbs, pronouns, determiners, place prepositions and titles.
    init() throws {
        verbs = PhraseTable(try ExtractData.words("speech-verbs.txt").map { ($0, true) })
        pronouns = WordSet(try ExtractData.words("pronouns.txt"))
        determiners = WordSet(try ExtractData.words("determiners.txt"))
        locationPrepositions = WordSet(try ExtractData.words("location-prepositions.txt"))
        titles = PhraseTable(try ExtractData.words("person-titles.tsv").map { ($0, true) })
    }

    /// Every quotation of the text in order; `mentions` (linked, in text order) resolve speakers.
    func extract(from text: TokenizedText, mentions: [EntityMention]) -> [Quote] {
        var found: [Quote] = []
        let t = text.tokens
        var open: Int?
        var k = 0
        while k < t.count {
            if open != nil, k > 0, t[k].paragraph != t[k - 1].paragraph {
                if let mark = text.quoteMark(k), mark != .curlyClose {
                    k += 1
                    continue
                }
                open = nil
            }
            guard let mark = text.quoteMark(k) else { k += 1; continue }
            switch (mark, open) {
            case (.curlyOpen, nil), (.straight, nil):
                open = k
            case (.curlyClose, let o?), (.straight, let o?):
                if let quote = quotation(text, open: o, close: k, mentions: mentions) { found.append(quote) }
                open = nil
            default:
                break
            }
            k += 1
        }
        return found
    }

    /// The quotation between marks `o` and `c`, or `nil` for a scare quote.
    private func quotation(_ text: TokenizedText, open o: Int, close c: Int, mentions: [EntityMention]) -> Quote? {
        let t = text.tokens
        let words = (o + 1..<c).filter { t[$0].kind != .punct }.count
        guard words > 0 else { return nil }
        let endsClause =
            c - 1 > o
            && (text.isPunct(c - 1, 0x2C) || text.isPunct(c - 1, 0x2E)
                || text.isPunct(c - 1, 0x21) || text.isPunct(c - 1, 0x3F))
        if words <= 3 && !endsClause { return nil }
        let inner = String(decoding: Self.quotedWords(text.bytes[t[o].byteEnd..<t[c].byteStart]), as: UTF8.self)
        let attribution = attributionAfter(text, close: c) ?? attributionBefore(text, open: o)
        let speaker = attribution.flatMap { a in a.speaker.flatMap { resolve(text, $0, before: o, mentions: mentions) } }
        return Quote(text: inner, speaker: speaker, verb: attribution?.verb, start: t[o].start, end: t[c].end, sentence: t[o].sentence)
    }

    /// The bytes between the marks without the punctuation that belongs to the sentence around
    /// the quotation: the comma of `"We are ready," she said` (also a semicolon or colon) and the
    /// spaces around it. A full stop, question or exclamation mark ends the quoted sentence
    /// itself and stays.
    static func quotedWords(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = bytes.endIndex
        while end > bytes.startIndex, [0x20, 0x2C, 0x3B, 0x3A].contains(bytes[end - 1]) { end -= 1 }
        return bytes[bytes.startIndex..<end]
    }

    /// `"…," Ushakov told reporters` / `"…," said the minister` / `"…," according to X`.
    private func attributionAfter(_ text: TokenizedText, close c: Int) -> (speaker: Range<Int>?, verb: String)? {
        let t = text.tokens
        var k = c + 1
        if text.isPunct(k, 0x2C) { k += 1 }
        guard k < t.count, t[k].paragraph == t[c].paragraph else { return nil }
        var v = k
        while v < t.count && v - k <= speakerWords && t[v].paragraph == t[c].paragraph {
            if isAbbreviationDot(text, v) { v += 1; continue }
            guard t[v].kind == .word else { break }
            if let verb = verbs.match(in: text, at: v, limit: t.count) {
                let verbText = text.string(v..<(v + verb.length)).lowercased()
                if v > k { return (k..<v, verbText) }
                let after = v + verb.length
                let speakerEnd = phraseEnd(text, from: after)
                return (speakerEnd > after ? after..<speakerEnd : nil, verbText)
            }
            v += 1
        }
        return nil
    }

    /// `Ushakov said: "…"` / `the ministry told reporters, "…"`.
    private func attributionBefore(_ text: TokenizedText, open o: Int) -> (speaker: Range<Int>?, verb: String)? {
        let t = text.tokens
        guard o >= 2, text.isPunct(o - 1, 0x3A) || text.isPunct(o - 1, 0x2C) else { return nil }
        var v = o - 2
        while v >= 0 && o - 2 - v <= 2 && t[v].kind == .word && t[v].paragraph == t[o].paragraph {
            if let verb = verbs.match(in: text, at: v, limit: o - 1) {
                let verbText = text.string(v..<(v + verb.length)).lowercased()
                var s = v
                while s > 0 && v - s < speakerWords && t[s - 1].kind == .word && t[s - 1].sentence == t[v].sentence { s -= 1 }
                if s == v && text.isPunct(v - 1, 0x2C), let apposition = appositionBefore(text, comma: v - 1) {
                    return (apposition, verbText)
                }
                if let d = (s..<v).last(where: { determiners.contains(t[$0]) }) {
                    s = d
                } else {
                    var c = v
                    while c > s && (t[c - 1].isCapitalised || pronouns.contains(t[c - 1])) { c -= 1 }
                    // A place after `in` belongs to the phrase before it (`officials in Moscow`).
                    if c > s && c < v && t[c].isCapitalised && locationPrepositions.contains(t[c - 1]) { c = s }
                    s = c
                }
                return (s < v ? s..<v : nil, verbText)
            }
            v -= 1
        }
        return nil
    }

    /// The words between the comma before the verb and the comma before them, when they name
    /// someone (`The director, Dr. Anna Berg, said: "…"`).
    private func appositionBefore(_ text: TokenizedText, comma: Int) -> Range<Int>? {
        let t = text.tokens
        var k = comma
        while k > 0 && comma - k < speakerWords + 1 && (t[k - 1].kind == .word || isAbbreviationDot(text, k - 1))
            && t[k - 1].sentence == t[comma].sentence
        {
            k -= 1
        }
        guard k < comma, k > 0, text.isPunct(k - 1, 0x2C), t[k].isCapitalised else { return nil }
        return k..<comma
    }

    /// A dot glued to a word and followed by another word (`Gen. Mark Ellis`).
    private func isAbbreviationDot(_ text: TokenizedText, _ k: Int) -> Bool {
        text.isPunct(k, 0x2E) && text.isAttached(k) && k + 1 < text.tokens.count && text.tokens[k + 1].kind == .word
            && text.tokens[k + 1].isCapitalised && text.tokens[k + 1].paragraph == text.tokens[k].paragraph
    }

    /// The end of a speaker phrase after a verb: words up to punctuation other than a title's
    /// dot (`said Dr. Hans Kluge`), at most ``speakerWords``.
    private func phraseEnd(_ text: TokenizedText, from start: Int) -> Int {
        let t = text.tokens
        var k = start
        while k < t.count && k - start < speakerWords && t[k].paragraph == t[start].paragraph {
            if t[k].kind == .word {
                k += 1
            } else if k > start && isAbbreviationDot(text, k) {
                k += 1
            } else {
                break
            }
        }
        return k
    }

    /// A name of two or more capitalised words ending `phrase` after lower-case role words
    /// (`union spokesman Pieter de Vries` → `Pieter de Vries`); short lower-case particles
    /// between capitalised words (`de`, `van`) belong to the name.
    private func capitalisedTail(_ text: TokenizedText, of phrase: Range<Int>) -> String? {
        let t = text.tokens
        var start = phrase.upperBound
        var capitalised = 0
        while start > phrase.lowerBound {
            let token = t[start - 1]
            guard token.kind == .word else { break }
            if token.isCapitalised {
                capitalised += 1
            } else if !(token.end - token.start <= 3 && start - 1 > phrase.lowerBound && t[start - 2].isCapitalised && capitalised > 0) {
                break
            }
            start -= 1
        }
        guard capitalised >= 2, start > phrase.lowerBound, !t[start - 1].isCapitalised else { return nil }
        return text.string(start..<phrase.upperBound)
    }

    /// The speaker a phrase names: a person in it, the last person for a pronoun, the last
    /// person with that role (`the Kremlin aide`), an organisation or place it names
    /// (`the Kremlin` → `Kremlin`), or else the phrase as written (`the statement`); never a
    /// bare title (`Dr`), which names nobody (`the minister` names someone).
    private func resolve(_ text: TokenizedText, _ phrase: Range<Int>, before o: Int, mentions: [EntityMention]) -> String? {
        let t = text.tokens
        let inside = mentions.filter { $0.first >= phrase.lowerBound && $0.end <= phrase.upperBound }
        if let person = inside.first(where: { $0.type == .person }) { return person.canonical }
        let earlier = mentions.filter { $0.end <= o && $0.type == .person }
        if phrase.count == 1 && pronouns.contains(t[phrase.lowerBound]) {
            return earlier.last?.canonical ?? text.string(phrase)
        }
        let body = determiners.contains(t[phrase.lowerBound]) ? (phrase.lowerBound + 1)..<phrase.upperBound : phrase
        if !body.isEmpty {
            let role = text.string(body).lowercased()
            if let person = earlier.last(where: { $0.role.map { $0 == role || $0.hasSuffix(" " + role) } ?? false }) {
                return person.canonical
            }
            if inside.count == 1, inside[0].first == body.lowerBound, inside[0].end == body.upperBound { return inside[0].canonical }
            if let name = capitalisedTail(text, of: body) { return name }
            if body == phrase, let title = titles.match(in: text, at: body.lowerBound, limit: body.upperBound), title.length == body.count {
                return nil
            }
        }
        return text.string(phrase)
    }
}

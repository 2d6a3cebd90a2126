/// The features the entity tagger scores a token by: the word and its neighbours, word shape,
/// affixes, capitalisation, sentence and heading position, hits in the gazetteers and census
/// name lists, the rule-based extractor's own reading of the token, and the tags already given
/// to the two tokens before it. Every feature is a 64-bit hash of a template number and a value.
///
/// Only *candidate* tokens are tagged: capitalised words, and lower-case connectors and joining
/// punctuation (`of`, `-`, `&`) between capitalised words. Every other token is outside any name.
struct TaggerFeatures: Sendable {
    /// The version of the feature set; a model file records the version it was trained with.
    static let version = 2

    /// What the features of one article are computed from, prepared once per article.
    struct Context {
        /// The article's tokens.
        let text: TokenizedText
        /// Whether each token is tagged at all.
        let candidate: [Bool]
        /// The rule-based extractor's reading of each token (``TaggerFeatures/code(_:inside:)``), 0 outside its mentions.
        let ruleCodes: [UInt8]
        /// The gazetteer phrase each token lies in, coded the same way, 0 outside any.
        let gazetteerCodes: [UInt8]
        /// The gazetteer names found, in text order.
        let listed: [ListedName]
        /// 1 where a city name starts, 2 inside one, 0 elsewhere.
        let cityCodes: [UInt8]
        /// ``Flag`` bits of each candidate token.
        let flags: [UInt32]
        /// The word shape (`Xx`, `X.X.`, `d`) as a hash, of each candidate and its neighbours.
        let shapes: [UInt64]
    }

    /// A phrase of the gazetteer found in the text: its tokens and what it names.
    struct ListedName {
        /// The tokens of the phrase.
        let range: Range<Int>
        /// What the phrase names.
        let type: Entity.Kind
    }

    /// Yes-or-no properties of a candidate token.
    enum Flag: Int, CaseIterable {
        case givenName, censusGivenName, censusSurname, title, afterTitle, organizationHead, locationHead
        case opensSentence, inHeading, allCaps, headlineParagraph, firstInParagraph
        case seenLowercase, seenCapitalisedInside, calendarWord, stopword, hyphenated
    }

    private let gazetteer: Gazetteer
    private static let outOfText = TokenScanner.hash("\u{2}".utf8)
    private static let hiddenWord = TokenScanner.hash("\u{3}".utf8)

    /// Features over the loaded word lists.
    init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    /// The code of a mention type for ``Context/ruleCodes`` and ``Context/gazetteerCodes``.
    static func code(_ kind: Entity.Kind, inside: Bool) -> UInt8 {
        let type: UInt8
        switch kind {
        case .person: type = 0
        case .organization: type = 1
        case .location: type = 2
        case .group: type = 3
        }
        return 1 + 2 * type + (inside ? 1 : 0)
    }

    /// Prepares the features of an article: `rules` are the rule-based extractor's mentions and
    /// tokens before `firstTagged` (the dateline) are left to the rules.
    func context(_ text: TokenizedText, rules: [EntityMention], firstTagged: Int) -> Context {
        let t = text.tokens
        let n = t.count
        var ruleCodes = [UInt8](repeating: 0, count: n)
        for m in rules {
            for k in m.first..<m.end { ruleCodes[k] = Self.code(m.type, inside: k > m.first) }
        }
        var gazetteerCodes = [UInt8](repeating: 0, count: n)
        var listed: [ListedName] = []
        var lowercase = HashSet64(capacity: n)
        var capitalisedInside = HashSet64(capacity: n)
        for token in t where token.kind == .word {
            if !token.isCapitalised { lowercase.insert(token.hash) } else if !token.opensSentence { capitalisedInside.insert(token.hash) }
        }
        var k = 0
        while k < n {
            if t[k].kind == .word && t[k].isCapitalised, let hit = gazetteer.names.match(in: text, at: k, limit: n) {
                for j in k..<(k + hit.length) { gazetteerCodes[j] = Self.code(hit.value.type, inside: j > k) }
                listed.append(ListedName(range: k..<(k + hit.length), type: hit.value.type))
                k += hit.length
                continue
            }
            k += 1
        }
        var cityCodes = [UInt8](repeating: 0, count: n)
        k = 0
        while k < n {
            guard t[k].kind == .word && t[k].isCapitalised, let hit = gazetteer.cities.match(in: text, at: k, limit: n) else { k += 1; continue }
            for j in k..<(k + hit.length) { cityCodes[j] = j == k ? 1 : 2 }
            k += hit.length
        }
        var candidate = [Bool](repeating: false, count: n)
        for i in firstTagged..<max(firstTagged, n) where isCapitalisedWord(t[i]) { candidate[i] = true }
        for i in firstTagged..<max(firstTagged, n) where !candidate[i] && i > 0 && candidate[i - 1] && joinsName(text, i) {
            var j = i + 1
            while j < n && j <= i + 2 && !isCapitalisedWord(t[j]) && joinsName(text, j) { j += 1 }
            if j < n && isCapitalisedWord(t[j]) && t[j].paragraph == t[i].paragraph {
                for m in i..<j { candidate[m] = true }
            }
        }
        var flags = [UInt32](repeating: 0, count: n)
        var shapes = [UInt64](repeating: 0, count: n)
        for i in 0..<n where candidate[i] {
            flags[i] = tokenFlags(text, i, lowercase: lowercase, capitalisedInside: capitalisedInside)
            for j in max(0, i - 1)...min(n - 1, i + 1) where shapes[j] == 0 { shapes[j] = shape(text, j) }
        }
        return Context(
            text: text, candidate: candidate, ruleCodes: ruleCodes, gazetteerCodes: gazetteerCodes, listed: listed, cityCodes: cityCodes,
            flags: flags, shapes: shapes)
    }

    /// The features of candidate token `i`, given the tags of the two tokens before it. Training
    /// hides the word itself now and then (`hidingWord`), so that the model learns to read a name
    /// it has never seen from its shape, context and lists.
    func features(_ c: Context, at i: Int, previous p1: EntityTag, beforePrevious p2: EntityTag, hidingWord: Bool = false, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let t = c.text.tokens
        func word(_ k: Int) -> UInt64 {
            k >= 0 && k < t.count && t[k].paragraph == t[i].paragraph ? t[k].hash : Self.outOfText
        }
        func shape(_ k: Int) -> UInt64 { k >= 0 && k < t.count && t[k].paragraph == t[i].paragraph ? c.shapes[k] : Self.outOfText }
        func code(_ codes: [UInt8], _ k: Int) -> UInt64 { k >= 0 && k < t.count ? UInt64(codes[k]) : 99 }
        func add(_ template: UInt64, _ value: UInt64) { out.append(Self.mix(template, value)) }
        func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { Self.mix(a, b) }
        let w = hidingWord ? Self.hiddenWord : word(i)
        let previous = UInt64(p1.rawValue)
        let rule = code(c.ruleCodes, i)
        let place = code(c.gazetteerCodes, i)
        add(0, 0)
        add(1, w)
        add(2, word(i - 1))
        add(3, word(i + 1))
        add(4, word(i - 2))
        add(5, word(i + 2))
        add(6, shape(i))
        add(7, shape(i - 1))
        add(8, shape(i + 1))
        addAffixes(c.text, i, template: 9, into: &out)
        add(14, previous)
        add(15, previous &* 16 &+ UInt64(p2.rawValue))
        add(16, pair(previous, w))
        add(17, pair(previous, shape(i)))
        add(18, rule)
        add(19, pair(rule, shape(i)))
        add(20, code(c.ruleCodes, i - 1))
        add(21, code(c.ruleCodes, i + 1))
        add(22, pair(rule, previous))
        add(23, place)
        add(24, code(c.gazetteerCodes, i - 1))
        add(25, code(c.gazetteerCodes, i + 1))
        add(26, pair(place, rule))
        add(27, pair(word(i - 1), w))
        add(28, pair(w, word(i + 1)))
        add(29, pair(UInt64(c.flags[i] >> UInt32(Flag.opensSentence.rawValue) & 1), w))
        add(30, UInt64(min(c.text.length(i), 10)))
        add(31, code(c.cityCodes, i))
        add(32, pair(code(c.cityCodes, i), place))
        add(33, pair(code(c.cityCodes, i - 1), code(c.cityCodes, i + 1)))
        var remaining = c.flags[i]
        while remaining != 0 {
            add(40 + UInt64(remaining.trailingZeroBitCount), previous)
            remaining &= remaining - 1
        }
    }

    /// Adds prefix and suffix features of token `i` (lower-cased bytes) as templates
    /// `template`…`template + 4`.
    private func addAffixes(_ text: TokenizedText, _ i: Int, template: UInt64, into out: inout [UInt64]) {
        let token = text.tokens[i]
        let length = token.byteEnd - token.byteStart
        func affix(_ offset: UInt64, _ start: Int, _ count: Int) {
            guard length > count else { return }
            var h = TokenScanner.hashSeed
            for k in start..<(start + count) { h = (h ^ UInt64(TokenScanner.lower(text.bytes[k]))) &* TokenScanner.hashPrime }
            out.append(Self.mix(template + offset, h))
        }
        affix(0, token.byteStart, 2)
        affix(1, token.byteStart, 3)
        affix(2, token.byteEnd - 2, 2)
        affix(3, token.byteEnd - 3, 3)
        affix(4, token.byteEnd - 4, 4)
    }

    private func isCapitalisedWord(_ token: Token) -> Bool { token.kind == .word && token.isCapitalised }

    /// A lower-case connector (`of`, `van`) or joining punctuation (`-`, `&`, a title's `.`).
    private func joinsName(_ text: TokenizedText, _ i: Int) -> Bool {
        let token = text.tokens[i]
        if token.kind == .word { return !token.isCapitalised && gazetteer.connectors.contains(token) }
        return text.isPunct(i, 0x26) || (text.isPunct(i, 0x2D) && text.isAttached(i) && text.isAttached(i + 1))
            || (text.isPunct(i, 0x2E) && text.isAttached(i) && text.length(i - 1) <= 3)
    }

    private func tokenFlags(_ text: TokenizedText, _ i: Int, lowercase: HashSet64, capitalisedInside: HashSet64) -> UInt32 {
        let t = text.tokens
        let token = t[i]
        var bits: UInt32 = 0
        func set(_ flag: Flag, _ value: Bool) { if value { bits |= 1 << UInt32(flag.rawValue) } }
        set(.givenName, gazetteer.firstNames.contains(token))
        set(.censusGivenName, gazetteer.censusGivenNames.contains(token))
        set(.censusSurname, gazetteer.censusSurnames.contains(token))
        set(.title, gazetteer.titles.match(in: text, at: i, limit: t.count) != nil)
        set(.afterTitle, i > 0 && gazetteer.titles.match(in: text, at: i - 1, limit: i) != nil)
        set(.organizationHead, gazetteer.organizationHeads.contains(token))
        set(.locationHead, gazetteer.locationHeads.contains(token))
        set(.opensSentence, token.opensSentence)
        set(.inHeading, text.inHeading(i))
        set(.allCaps, token.isAllCaps)
        set(.headlineParagraph, isAllCapsParagraph(text, i))
        set(.firstInParagraph, i == 0 || t[i - 1].paragraph != token.paragraph)
        set(.seenLowercase, lowercase.contains(token.hash))
        set(.seenCapitalisedInside, capitalisedInside.contains(token.hash))
        set(.calendarWord, gazetteer.calendarWords.contains(token))
        set(.stopword, gazetteer.stopwords.contains(token))
        set(.hyphenated, text.isPunct(i + 1, 0x2D) && text.isAttached(i + 1) || text.isPunct(i - 1, 0x2D) && text.isAttached(i))
        return bits
    }

    /// Whether the words of the paragraph around token `i` are in capitals (a wire headline),
    /// judged on up to eight words either side.
    private func isAllCapsParagraph(_ text: TokenizedText, _ i: Int) -> Bool {
        let t = text.tokens
        var words = 0
        var k = max(0, i - 8)
        while k < min(t.count, i + 9) {
            if t[k].paragraph == t[i].paragraph && t[k].kind == .word {
                if !t[k].isAllCaps { return false }
                words += 1
            }
            k += 1
        }
        return words >= 2
    }

    /// The short shape of token `i`: upper-case letters `X`, lower-case `x`, digits `d`, other
    /// bytes as they are, runs of one class written once.
    private func shape(_ text: TokenizedText, _ i: Int) -> UInt64 {
        let token = text.tokens[i]
        return text.bytes.withUnsafeBufferPointer { bytes in
            var h = TokenScanner.hashSeed
            var last: UInt8 = 0
            var k = token.byteStart
            while k < token.byteEnd {
                let b = bytes[k]
                let symbol: UInt8
                if b >= 0x41 && b <= 0x5A {
                    symbol = 0x58
                } else if b >= 0x61 && b <= 0x7A {
                    symbol = 0x78
                } else if b >= 0x30 && b <= 0x39 {
                    symbol = 0x64
                } else if b >= 0x80 {
                    symbol = TokenScanner.isUpperStart(bytes, k) ? 0x58 : 0x78
                    k += TokenScanner.scalarWidth(b)
                    if symbol != last { h = (h ^ UInt64(symbol)) &* TokenScanner.hashPrime }
                    last = symbol
                    continue
                } else {
                    symbol = b
                }
                if symbol != last { h = (h ^ UInt64(symbol)) &* TokenScanner.hashPrime }
                last = symbol
                k += 1
            }
            return h
        }
    }

    /// The hash of a template number and a value.
    static func mix(_ template: UInt64, _ value: UInt64) -> UInt64 { StableHash.combine(template, value) }
}

/// A table of phrases (token sequences such as `United States` or `Asia-Pacific`) found in text by
/// hashing the lower-cased tokens that follow a position, trying the longest phrase first.
///
/// Each phrase keeps the letter case it was written with: a capitalised word in the phrase
/// needs a capitalised word in the text and an all-capitals word (`US`) needs all capitals, so
/// `US` never matches the pronoun `us`. Text in all capitals (`MOSCOW`) matches any phrase.
struct PhraseTable<Value: Sendable>: Sendable {
    /// How a token of a phrase constrains the case of the text token it matches.
    private enum CaseRule: Sendable { case any, capitalised, allCaps }

    /// One word of a phrase: its lower-cased bytes in ``wordBytes`` and its case rule.
    private struct Word: Sendable {
        let bytes: Range<Int>
        let rule: CaseRule
    }

    /// One phrase: its words in ``words`` and the next phrase with the same key (-1: none).
    private struct Entry: Sendable {
        let words: Range<Int>
        var next: Int
    }

    /// The lower-cased bytes of every phrase's words, one after another.
    private var wordBytes: [UInt8] = []
    private var words: [Word] = []
    private var entries: [Entry] = []
    private var values: [Value] = []
    /// The first phrase of each key (the hash of its token hashes); the others follow `next`.
    private var index = HashMap64<Int>()
    private var firstTokens = HashSet64()
    /// The keys of every phrase's first tokens, of every length up to the whole phrase: a
    /// match stops reading tokens at the first sequence no phrase starts with (or once no
    /// phrase of its first token is longer).
    private var prefixes = HashSet64()
    /// For each first token, the lengths of the phrases it starts: bit `n - 1` for `n` tokens
    /// (all bits from 64 tokens on), so that a match looks up only the lengths that exist.
    private var lengthsByFirstToken = HashMap64<UInt64>()
    /// The number of tokens of the longest phrase.
    private(set) var maxLength = 0

    /// Builds the table; when two entries share a phrase the first one wins.
    init(_ pairs: [(phrase: String, value: Value)]) {
        var lastOfKey = HashMap64<Int>()
        for (phrase, value) in pairs {
            let scanned = TokenScanner.scan(phrase)
            guard !scanned.tokens.isEmpty else { continue }
            let lowered = scanned.tokens.map { t in scanned.bytes[t.byteStart..<t.byteEnd].map(TokenScanner.lower) }
            let key = Self.key(scanned.tokens.map(\.hash))
            var candidate = index[key]
            var duplicate = false
            while let c = candidate, !duplicate {
                duplicate = entries[c].words.map { Array(wordBytes[words[$0].bytes]) } == lowered
                candidate = entries[c].next >= 0 ? entries[c].next : nil
            }
            if duplicate { continue }
            let firstWord = words.count
            for (t, bytes) in zip(scanned.tokens, lowered) {
                let rule: CaseRule
                if t.kind != .word {
                    rule = .any
                } else if t.isAllCaps && t.byteEnd - t.byteStart >= 2 {
                    rule = .allCaps
                } else {
                    rule = t.isCapitalised ? .capitalised : .any
                }
                words.append(Word(bytes: wordBytes.count..<(wordBytes.count + bytes.count), rule: rule))
                wordBytes += bytes
            }
            if let last = lastOfKey[key] { entries[last].next = entries.count } else { index[key] = entries.count }
            lastOfKey[key] = entries.count
            entries.append(Entry(words: firstWord..<words.count, next: -1))
            values.append(value)
            firstTokens.insert(scanned.tokens[0].hash)
            var prefix = TokenScanner.hashSeed
            for t in scanned.tokens {
                prefix = (prefix ^ t.hash) &* TokenScanner.hashPrime
                prefixes.insert(prefix)
            }
            let lengthBit: UInt64 = lowered.count <= 64 ? 1 << UInt64(lowered.count - 1) : ~0
            lengthsByFirstToken[scanned.tokens[0].hash] = (lengthsByFirstToken[scanned.tokens[0].hash] ?? 0) | lengthBit
            maxLength = max(maxLength, lowered.count)
        }
    }

    /// The longest phrase starting at token `start` and ending before token `limit`, within
    /// one paragraph. With `ignoringCase` the case rules are not applied.
    @inline(__always) func match(in text: TokenizedText, at start: Int, limit: Int, ignoringCase: Bool = false) -> (length: Int, value: Value)? {
        guard start < limit, firstTokens.contains(text.tokens[start].hash) else { return nil }
        return longestMatch(in: text, at: start, limit: limit, ignoringCase: ignoringCase)
    }

    /// ``match(in:at:limit:ignoringCase:)`` once a phrase is known to start with token `start`.
    private func longestMatch(in text: TokenizedText, at start: Int, limit: Int, ignoringCase: Bool) -> (length: Int, value: Value)? {
        let tokens = text.tokens
        let end = min(limit, start + maxLength)
        let lengths = lengthsByFirstToken[tokens[start].hash] ?? 0
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, end - start)) { keys in
            var count = 0
            var h = TokenScanner.hashSeed
            for k in start..<end {
                if count > 0 && count < 64 && lengths >> UInt64(count) == 0 { break }
                if tokens[k].paragraph != tokens[start].paragraph { break }
                h = (h ^ tokens[k].hash) &* TokenScanner.hashPrime
                if count > 0 && !prefixes.contains(h) { break }
                keys[count] = h
                count += 1
            }
            var length = count
            while length > 0 {
                guard length > 64 || lengths & (1 << UInt64(length - 1)) != 0 else {
                    length -= 1
                    continue
                }
                var candidate = index[keys[length - 1]] ?? -1
                while candidate >= 0 {
                    if matches(entries[candidate].words, text, start, ignoringCase) { return (length, values[candidate]) }
                    candidate = entries[candidate].next
                }
                length -= 1
            }
            return nil
        }
    }

    /// The value of a phrase written exactly as `phrase` (case rules applied), if any.
    func value(of phrase: String) -> Value? {
        let scanned = TokenScanner.scan(phrase)
        guard let hit = match(in: scanned, at: 0, limit: scanned.tokens.count), hit.length == scanned.tokens.count else { return nil }
        return hit.value
    }

    /// Whether the phrase of `phraseWords` is written at token `start`: the same bytes ignoring
    /// case and, unless `ignoringCase` or the text's words there are all in capitals, the case
    /// rule of every word.
    private func matches(_ phraseWords: Range<Int>, _ text: TokenizedText, _ start: Int, _ ignoringCase: Bool) -> Bool {
        let tokens = text.tokens
        let bytes = text.bytes
        var checkCase = !ignoringCase
        var caseChecked = false
        for (k, w) in phraseWords.enumerated() {
            let t = tokens[start + k]
            let word = words[w]
            guard t.byteEnd - t.byteStart == word.bytes.count else { return false }
            var b = t.byteStart
            for p in word.bytes {
                if TokenScanner.lower(bytes[b]) != wordBytes[p] { return false }
                b += 1
            }
            guard checkCase, word.rule != .any else { continue }
            if !caseChecked {
                caseChecked = true
                checkCase = !(start..<(start + phraseWords.count)).allSatisfy { tokens[$0].kind != .word || tokens[$0].isAllCaps }
                if !checkCase { continue }
            }
            switch word.rule {
            case .any: continue
            case .capitalised: if !t.isCapitalised { return false }
            case .allCaps: if !t.isAllCaps { return false }
            }
        }
        return true
    }

    private static func key(_ hashes: [UInt64]) -> UInt64 {
        var h = TokenScanner.hashSeed
        for x in hashes { h = (h ^ x) &* TokenScanner.hashPrime }
        return h
    }
}

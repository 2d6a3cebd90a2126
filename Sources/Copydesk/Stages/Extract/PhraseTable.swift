/// A table of phrases (token sequences such as `United States` or `Asia-Pacific`) found in text by
/// hashing the lower-cased tokens that follow a position, trying the longest phrase first.
///
/// Each phrase keeps the letter case it was written with: a capitalised word in the phrase
/// needs a capitalised word in the text and an all-capitals word (`US`) needs all capitals, so
/// `US` never matches the pronoun `us`. Text in all capitals (`MOSCOW`) matches any phrase.
struct PhraseTable<Value: Sendable>: Sendable {
    /// How a token of a phrase constrains the case of the text token it matches.
    private enum CaseRule: Sendable { case any, capitalised, allCaps }

    /// One phrase with its value.
    private struct Entry: Sendable {
        let words: [[UInt8]]
        let rules: [CaseRule]
        let value: Value
    }

    private var entries: [Entry] = []
    private var index = HashMap64<[Int]>()
    private var firstTokens = HashSet64()
    /// The number of tokens of the longest phrase.
    private(set) var maxLength = 0

    /// Builds the table; when two entries share a phrase the first one wins.
    init(_ pairs: [(phrase: String, value: Value)]) {
        for (phrase, value) in pairs {
            let scanned = TokenScanner.scan(phrase)
            guard !scanned.tokens.isEmpty else { continue }
            let words = scanned.tokens.map { t in scanned.bytes[t.byteStart..<t.byteEnd].map(TokenScanner.lower) }
            let rules: [CaseRule] = scanned.tokens.map { t in
                guard t.kind == .word else { return .any }
                if t.isAllCaps && t.byteEnd - t.byteStart >= 2 { return .allCaps }
                return t.isCapitalised ? .capitalised : .any
            }
            let key = Self.key(scanned.tokens.map(\.hash))
            if let existing = index[key], existing.contains(where: { entries[$0].words == words }) { continue }
            index[key] = (index[key] ?? []) + [entries.count]
            entries.append(Entry(words: words, rules: rules, value: value))
            firstTokens.insert(scanned.tokens[0].hash)
            maxLength = max(maxLength, words.count)
        }
    }

    /// Whether any phrase starts with a token hashing to `hash`: a cheap test before ``match``.
    func mayStart(with hash: UInt64) -> Bool { firstTokens.contains(hash) }

    /// The longest phrase starting at token `start` and ending before token `limit`, within
    /// one paragraph. With `ignoringCase` the case rules are not applied.
    func match(in text: TokenizedText, at start: Int, limit: Int, ignoringCase: Bool = false) -> (length: Int, value: Value)? {
        let tokens = text.tokens
        guard start < limit, firstTokens.contains(tokens[start].hash) else { return nil }
        let end = min(limit, start + maxLength)
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, end - start)) { keys in
            var count = 0
            var h = TokenScanner.hashSeed
            for k in start..<end {
                if tokens[k].paragraph != tokens[start].paragraph { break }
                h = (h ^ tokens[k].hash) &* TokenScanner.hashPrime
                keys[count] = h
                count += 1
            }
            var length = count
            while length > 0 {
                if let candidates = index[keys[length - 1]] {
                    for c in candidates where matches(entries[c], text, start, ignoringCase) {
                        return (length, entries[c].value)
                    }
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

    private func matches(_ entry: Entry, _ text: TokenizedText, _ start: Int, _ ignoringCase: Bool) -> Bool {
        let allCapsText = (0..<entry.words.count).allSatisfy { k in
            let t = text.tokens[start + k]
            return t.kind != .word || t.isAllCaps
        }
        for (k, word) in entry.words.enumerated() {
            let t = text.tokens[start + k]
            guard t.byteEnd - t.byteStart == word.count else { return false }
            var b = t.byteStart
            for w in word {
                if TokenScanner.lower(text.bytes[b]) != w { return false }
                b += 1
            }
            if ignoringCase || allCapsText { continue }
            switch entry.rules[k] {
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

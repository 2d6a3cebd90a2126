/// Finds money (`$227.7 billion`, `€3m`, `1.2 trillion yuan`), percentages (`over 90%`,
/// `3.5 per cent`) and quantities with a unit (`300 km`, `5,000 tonnes`).
struct AmountExtractor: Sendable {
    /// A scale word and whether it only counts after a currency (`m` is metres otherwise).
    private struct Scale: Sendable {
        let multiplier: Double
        let needsCurrency: Bool
    }

    private let prefixCurrencies: PhraseTable<String>
    private let suffixCurrencies: PhraseTable<String>
    private let currencyCodes: HashSet64
    private let scales: [UInt64: Scale]
    private let units: PhraseTable<String>
    private let qualifiers: PhraseTable<String>
    private let percentWords: PhraseTable<Bool>

    /// Loads currencies, scales, units, qualifiers and percent words.
    init() throws {
        let currencyRows = try ExtractData.rows("currencies.tsv").filter { $0.count >= 3 }
        prefixCurrencies = PhraseTable(currencyRows.filter { $0[2] != "suffix" }.map { ($0[0], $0[1]) })
        suffixCurrencies = PhraseTable(currencyRows.filter { $0[2] != "prefix" }.map { ($0[0], $0[1]) })
        currencyCodes = HashSet64(try ExtractData.words("currency-codes-generated.txt").map { TokenScanner.hash($0.utf8) })
        var scales: [UInt64: Scale] = [:]
        for row in try ExtractData.rows("scales.tsv") where row.count >= 3 {
            scales[TokenScanner.hash(row[0].utf8)] = Scale(multiplier: Double(row[1]) ?? 1, needsCurrency: row[2] == "yes")
        }
        self.scales = scales
        units = PhraseTable(try ExtractData.rows("units.tsv").filter { $0.count >= 2 }.map { ($0[0], $0[1]) })
        qualifiers = PhraseTable(try ExtractData.words("qualifiers.txt").map { ($0, $0) })
        percentWords = PhraseTable(try ExtractData.words("percent-words.txt").map { ($0, true) })
    }

    /// Every amount of the text, in text order.
    func extract(from text: TokenizedText) -> [Amount] {
        var found: [Amount] = []
        let t = text.tokens
        var i = 0
        var consumedUpTo = 0
        while i < t.count {
            guard t[i].kind == .number, let number = text.number(i) else { i += 1; continue }
            var first = i
            var currency: String?
            if let prefix = prefixCurrency(text, before: i, notBefore: consumedUpTo) {
                first = prefix.start
                currency = prefix.code
            }
            var sign = 1.0
            if first > consumedUpTo, isMinus(text, first - 1), text.isAttached(first), first - 1 == 0 || t[first - 1].spaceBefore {
                first -= 1
                sign = -1
            }
            var last = i
            var multiplier = 1.0
            if i + 1 < t.count, t[i + 1].kind == .word, t[i + 1].paragraph == t[i].paragraph,
                let scale = scales[t[i + 1].hash], !scale.needsCurrency || (currency != nil || suffixCurrencyFollows(text, i + 2))
            {
                multiplier = scale.multiplier
                last = i + 1
            }
            var kind = Amount.Kind.money
            var unit: String?
            if currency == nil, let suffix = suffixCurrency(text, at: last + 1) {
                currency = suffix.code
                last = suffix.end - 1
            }
            if currency == nil {
                if let percent = percentWords.match(in: text, at: last + 1, limit: t.count, ignoringCase: true) {
                    kind = .percent
                    last += percent.length
                } else if let quantity = units.match(in: text, at: last + 1, limit: t.count) {
                    kind = .quantity
                    unit = quantity.value
                    last += quantity.length
                } else {
                    i += 1
                    continue
                }
            }
            var qualifierText: String?
            if let q = qualifier(text, before: first, notBefore: consumedUpTo) {
                qualifierText = q.text
                first = q.start
            }
            found.append(
                Amount(
                    text: text.string(first..<(last + 1)), kind: kind, value: sign * number * multiplier,
                    currency: currency, unit: unit, qualifier: qualifierText, start: t[first].start,
                    end: t[last].end, sentence: t[first].sentence))
            consumedUpTo = last + 1
            i = last + 1
        }
        return found
    }

    /// A currency symbol, prefix or ISO code ending right before the number at `i`.
    private func prefixCurrency(_ text: TokenizedText, before i: Int, notBefore floor: Int) -> (start: Int, code: String)? {
        let t = text.tokens
        for s in max(floor, i - 3)..<i where t[s].paragraph == t[i].paragraph {
            if let hit = prefixCurrencies.match(in: text, at: s, limit: i), hit.length == i - s,
                text.isAttached(i) || t[i - 1].kind == .word
            {
                return (s, hit.value)
            }
        }
        if i - 1 >= floor, isCurrencyCode(text, i - 1), t[i - 1].paragraph == t[i].paragraph {
            return (i - 1, text.string(i - 1))
        }
        return nil
    }

    /// A currency word or ISO code at token `k`: its code and the token just past it.
    private func suffixCurrency(_ text: TokenizedText, at k: Int) -> (code: String, end: Int)? {
        guard k < text.tokens.count, text.tokens[k].paragraph == text.tokens[k - 1].paragraph else { return nil }
        if let hit = suffixCurrencies.match(in: text, at: k, limit: text.tokens.count) { return (hit.value, k + hit.length) }
        if isCurrencyCode(text, k) { return (text.string(k), k + 1) }
        return nil
    }

    private func suffixCurrencyFollows(_ text: TokenizedText, _ k: Int) -> Bool { suffixCurrency(text, at: k) != nil }

    /// Whether token `k` is a three-letter ISO 4217 code written in capitals (`USD`).
    private func isCurrencyCode(_ text: TokenizedText, _ k: Int) -> Bool {
        text.tokens[k].kind == .word && text.tokens[k].isAllCaps && text.length(k) == 3 && currencyCodes.contains(text.tokens[k].hash)
    }

    /// A qualifier (`over`, `more than`) ending right before token `first`.
    private func qualifier(_ text: TokenizedText, before first: Int, notBefore floor: Int) -> (start: Int, text: String)? {
        let t = text.tokens
        for s in max(floor, first - 3)..<first where t[s].paragraph == t[first].paragraph {
            if let hit = qualifiers.match(in: text, at: s, limit: first, ignoringCase: true), hit.length == first - s {
                return (s, hit.value)
            }
        }
        return nil
    }

    /// `-` or `−` (U+2212).
    private func isMinus(_ text: TokenizedText, _ k: Int) -> Bool {
        if text.isPunct(k, 0x2D) { return true }
        let tk = text.tokens[k]
        return tk.kind == .punct && tk.byteEnd - tk.byteStart == 3 && text.bytes[tk.byteStart] == 0xE2
            && text.bytes[tk.byteStart + 1] == 0x88 && text.bytes[tk.byteStart + 2] == 0x92
    }
}

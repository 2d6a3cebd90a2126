/// Finds dates in text and resolves them against the article date: absolute dates
/// (`2024-02-08`, `February 8, 2024`, `8 Feb 2024`, `Feb. 8`), weekdays (`on Thursday`),
/// relative words (`yesterday`, `last week`) and months (`in May`).
struct DateExtractor: Sendable {
    /// How a relative phrase moves from the article date.
    private enum Offset: Sendable {
        case days(Int)
        case range
    }

    private let months: HashMap64<Int>
    private let weekdays: HashMap64<Int>
    private let relative: PhraseTable<Offset>
    private let monthCues: WordSet
    private let on = TokenScanner.hash("on".utf8)
    private let last = TokenScanner.hash("last".utf8)
    private let next = TokenScanner.hash("next".utf8)
    private let of = TokenScanner.hash("of".utf8)
    private let ordinalSuffixes = WordSet(["st", "nd", "rd", "th"])

    /// Loads month and weekday names, relative phrases and month cues.
    init() throws {
        var months = HashMap64<Int>()
        for row in try ExtractData.rows("months.tsv") where row.count >= 2 {
            if let number = Int(row[1]) { months[TokenScanner.hash(row[0].utf8)] = number }
        }
        var weekdays = HashMap64<Int>()
        for row in try ExtractData.rows("weekdays.tsv") where row.count >= 2 {
            if let number = Int(row[1]) { weekdays[TokenScanner.hash(row[0].utf8)] = number }
        }
        self.months = months
        self.weekdays = weekdays
        relative = PhraseTable(
            try ExtractData.rows("relative-dates.tsv").compactMap { row in
                guard row.count >= 2 else { return nil }
                return (row[0], row[1] == "range" ? Offset.range : Offset.days(Int(row[1]) ?? 0))
            })
        monthCues = WordSet(try ExtractData.words("month-cues.txt"))
    }

    /// The first date written in full (with its year) in the article's first paragraph: the
    /// publication line of Wikinews-style articles (`Friday, January 4, 2019`).
    func publicationDate(in text: TokenizedText) -> CivilDate? {
        let firstParagraph = text.tokens.prefix { $0.paragraph == 0 }.count
        var i = 0
        while i < firstParagraph {
            if mayStartDate(text.tokens[i]), let hit = absolute(text, at: i, limit: firstParagraph), let date = hit.date, date.year > 0 {
                return date
            }
            i += 1
        }
        return nil
    }

    /// Every date mention of the text, in text order.
    func extract(from text: TokenizedText, articleDate: CivilDate?) -> [DateMention] {
        var found: [DateMention] = []
        let tokens = text.tokens
        let n = tokens.count
        var i = 0
        while i < n {
            if mayStartDate(tokens[i]), let hit = absolute(text, at: i, limit: n) {
                found.append(mention(text, i..<hit.end, value: resolve(hit.date, hit.yearWritten, articleDate)))
                i = hit.end
                continue
            }
            if tokens[i].isCapitalised, let hit = weekday(text, at: i, articleDate: articleDate) {
                found.append(mention(text, hit.start..<hit.end, value: hit.value))
                i = hit.end
                continue
            }
            if let hit = relative.match(in: text, at: i, limit: n, ignoringCase: true) {
                let length = hit.length
                let value: (String?, String)
                switch hit.value {
                case .range: value = (nil, "unresolved: range")
                case .days(let d): value = articleDate.map { ($0.adding(days: d).iso, "relative") } ?? (nil, "unresolved: no article date")
                }
                found.append(mention(text, i..<(i + length), value: value))
                i += length
                continue
            }
            i += 1
        }
        return found
    }

    /// Whether an absolute date can start at `token`: every one starts with a number or a
    /// capitalised month or weekday, so other tokens need no lookups.
    @inline(__always) private func mayStartDate(_ token: Token) -> Bool { token.kind == .number || token.isCapitalised }

    /// An absolute date at token `i`: the end token, the date (year 0 when the text gives no
    /// year, `nil` for a month without a day) and whether the year was written.
    private func absolute(_ text: TokenizedText, at i: Int, limit: Int) -> (end: Int, date: CivilDate?, yearWritten: Bool)? {
        let t = text.tokens
        if let iso = isoDate(text, at: i, limit: limit) { return iso }
        var start = i
        if weekdays[t[i].hash] != nil && t[i].isCapitalised {
            var k = i + 1
            if text.isPunct(k, 0x2C) { k += 1 }
            guard k < limit, months[t[k].hash] != nil || t[k].kind == .number else { return nil }
            start = k
        }
        if let month = monthAt(text, start), t[start].isCapitalised {
            var k = start + 1
            if text.isPunct(k, 0x2E) && text.isAttached(k) { k += 1 }
            if k < limit, let day = dayNumber(text, k) {
                k += 1
                if k < limit && text.isAttached(k) && ordinalSuffixes.contains(t[k]) { k += 1 }
                var c = k
                if text.isPunct(c, 0x2C) { c += 1 }
                if c < limit, let year = yearNumber(text, c) {
                    return CivilDate(year: year, month: month, day: day).map { (c + 1, $0, true) }
                }
                return CivilDate(year: 2000, month: month, day: day).map { _ in (k, CivilDate(year: 0, month: month, day: day), false) }
            }
            if k < limit, yearNumber(text, k) != nil { return (k + 1, nil, true) }
            if start == i && i > 0 && monthCues.contains(t[i - 1]) && t[i - 1].paragraph == t[i].paragraph {
                return (i + 1, nil, false)
            }
            return nil
        }
        if start < limit, let day = dayNumber(text, start) {
            var k = start + 1
            if k < limit && text.isAttached(k) && ordinalSuffixes.contains(t[k]) { k += 1 }
            if k < limit && t[k].hash == of { k += 1 }
            guard k < limit, let month = monthAt(text, k), t[k].isCapitalised else { return nil }
            k += 1
            if text.isPunct(k, 0x2E) && text.isAttached(k) { k += 1 }
            if k < limit, let year = yearNumber(text, k) {
                return CivilDate(year: year, month: month, day: day).map { (k + 1, $0, true) }
            }
            return CivilDate(year: 2000, month: month, day: day).map { _ in (k, CivilDate(year: 0, month: month, day: day), false) }
        }
        return nil
    }

    /// `2024-02-08` written without spaces.
    private func isoDate(_ text: TokenizedText, at i: Int, limit: Int) -> (end: Int, date: CivilDate?, yearWritten: Bool)? {
        guard i + 4 < limit, text.tokens[i].kind == .number, text.length(i) == 4,
            text.isPunct(i + 1, 0x2D), text.isAttached(i + 1), text.isAttached(i + 2), text.isPunct(i + 3, 0x2D),
            text.isAttached(i + 3), text.isAttached(i + 4), text.length(i + 2) <= 2, text.length(i + 4) <= 2,
            let y = text.number(i), let m = text.number(i + 2), let d = text.number(i + 4),
            let date = CivilDate(year: Int(y), month: Int(m), day: Int(d))
        else { return nil }
        return (i + 5, date, true)
    }

    /// A weekday at token `i` with its leading `on`/`last`/`next`: start and end tokens and value.
    private func weekday(_ text: TokenizedText, at i: Int, articleDate: CivilDate?) -> (start: Int, end: Int, value: (String?, String))? {
        let t = text.tokens
        guard t[i].isCapitalised, let weekday = weekdays[t[i].hash], t[i].kind == .word, text.length(i) > 3 else { return nil }
        var start = i
        var direction = 0
        if i > 0 && t[i - 1].paragraph == t[i].paragraph {
            if t[i - 1].hash == on { start = i - 1 }
            if t[i - 1].hash == last { start = i - 1; direction = -1 }
            if t[i - 1].hash == next { start = i - 1; direction = 1 }
        }
        guard let articleDate else { return (start, i + 1, (nil, "unresolved: no article date")) }
        var delta = (weekday - articleDate.weekday + 7) % 7
        switch direction {
        case -1: delta = delta == 0 ? -7 : delta - 7
        case 1: delta = delta == 0 ? 7 : delta
        default: delta = delta == 0 ? 0 : delta - 7
        }
        return (start, i + 1, (articleDate.adding(days: delta).iso, "relative"))
    }

    private func monthAt(_ text: TokenizedText, _ i: Int) -> Int? {
        text.tokens[i].kind == .word ? months[text.tokens[i].hash] : nil
    }

    private func dayNumber(_ text: TokenizedText, _ i: Int) -> Int? {
        guard text.tokens[i].kind == .number, text.length(i) <= 2, let v = text.number(i), v >= 1, v <= 31 else { return nil }
        return Int(v)
    }

    private func yearNumber(_ text: TokenizedText, _ i: Int) -> Int? {
        guard text.tokens[i].kind == .number, text.length(i) == 4, let v = text.number(i), v >= 1000, v <= 2999 else { return nil }
        if i + 1 < text.tokens.count && text.isAttached(i + 1) && text.tokens[i + 1].kind != .punct { return nil }
        return Int(v)
    }

    /// The ISO value and resolution of an absolute match; a date without a year takes the year
    /// that puts it nearest the article date.
    private func resolve(_ date: CivilDate?, _ yearWritten: Bool, _ articleDate: CivilDate?) -> (String?, String) {
        guard let date else { return (nil, "unresolved: month") }
        if yearWritten && date.year > 0 { return (date.iso, "absolute") }
        guard let articleDate else { return (nil, "unresolved: no year") }
        let candidates = [articleDate.year - 1, articleDate.year, articleDate.year + 1].compactMap {
            CivilDate(year: $0, month: date.month, day: date.day)
        }
        guard
            let best = candidates.min(by: {
                abs($0.daysSinceEpoch - articleDate.daysSinceEpoch) < abs($1.daysSinceEpoch - articleDate.daysSinceEpoch)
            })
        else { return (nil, "unresolved: no year") }
        return (best.iso, "relative")
    }

    private func mention(_ text: TokenizedText, _ range: Range<Int>, value: (String?, String)) -> DateMention {
        let first = text.tokens[range.lowerBound]
        return DateMention(
            text: text.string(range), value: value.0, resolution: value.1,
            start: first.start, end: text.tokens[range.upperBound - 1].end, sentence: first.sentence)
    }
}

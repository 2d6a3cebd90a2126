/// Recognises the dateline that opens a wire story: `MOSCOW (Sputnik) - `,
/// `WASHINGTON, March 3 (Reuters) — `, `KYIV, Ukraine (AP) — `, `LONDON — `, `Tokyo (Kyodo) - `.
///
/// The shape is: a place in capitals (or in title case when a listed agency follows), an
/// optional `, Region` that belongs to the place, optional `, Month Day[, Year]` that does not,
/// an optional `(Agency)`, then a dash separator (`-`, `--`, `–`, `—`) and the story, which must
/// not continue in lowercase. A weekday date line such as `Friday, January 4, 2019` has no
/// place, so it is not a dateline.
struct DatelineParser: Sendable {
    /// Agencies accepted after a title-case place.
    let agencies: Set<String>

    /// Scalars of the paragraph looked at; a dateline is never longer.
    private static let longestDateline = 160
    /// Most words in a place name or region.
    private static let mostPlaceWords = 4
    /// Longest agency name in scalars.
    private static let longestAgency = 40

    /// Creates a parser using the agency list of `rules`.
    init(rules: SegmentationRules) {
        self.agencies = rules.agencies
    }

    /// The dateline opening `paragraph`, if any: place, agency and the scalar length of the
    /// prefix including the separator and following spaces.
    func parse(_ paragraph: Substring) -> (place: String, agency: String?, length: Int)? {
        let scalars = Array(paragraph.unicodeScalars.prefix(Self.longestDateline))
        let wholeParagraph = scalars.count < Self.longestDateline || paragraph.unicodeScalars.count == scalars.count
        guard let first = word(at: 0, in: scalars) else { return nil }
        let capitalsPlace = isAllCapitals(scalars[first]) && letterCount(scalars[first]) >= 2
        guard capitalsPlace || isCapitalised(scalars[first]) else { return nil }
        let placeEnd = wordsEnd(from: first, in: scalars) { capitalsPlace ? isAllCapitals($0) : isCapitalised($0) }
        var place = String(String.UnicodeScalarView(scalars[0..<placeEnd]))
        var position = placeEnd
        var sawDate = false
        while let group = commaGroup(at: position, in: scalars) {
            if group.isDate {
                sawDate = true
            } else {
                guard !sawDate else { return nil }
                place += ", " + String(String.UnicodeScalarView(scalars[group.words]))
            }
            position = group.words.upperBound
        }
        var agency: String?
        if let parenthesis = agencyName(at: position, in: scalars) {
            agency = parenthesis.name
            position = parenthesis.end
        }
        if !capitalsPlace {
            guard let agency, agencies.contains(agency) else { return nil }
        }
        guard let length = separatorEnd(at: position, in: scalars, paragraphEnds: wholeParagraph) else { return nil }
        return (place, agency, length)
    }

    /// A `, words` group after the place: its words and whether it is a date (holds a number).
    private func commaGroup(at start: Int, in scalars: [Unicode.Scalar]) -> (words: Range<Int>, isDate: Bool)? {
        guard start + 2 < scalars.count, scalars[start] == ",", scalars[start + 1] == " " else { return nil }
        let wordStart = start + 2
        let isNumber: (ArraySlice<Unicode.Scalar>) -> Bool = { $0.allSatisfy { $0.properties.numericType != nil } }
        guard let first = word(at: wordStart, in: scalars) ?? number(at: wordStart, in: scalars),
            isCapitalised(scalars[first]) || isNumber(scalars[first])
        else { return nil }
        var end = first.upperBound
        var isDate = isNumber(scalars[first])
        var words = 1
        while words < Self.mostPlaceWords, end + 1 < scalars.count, scalars[end] == " " {
            if let next = number(at: end + 1, in: scalars) {
                isDate = true
                end = next.upperBound
            } else if let next = word(at: end + 1, in: scalars), isCapitalised(scalars[next]) {
                end = next.upperBound
            } else {
                break
            }
            words += 1
        }
        return (wordStart..<end, isDate)
    }

    /// A parenthesised agency name after an optional space: `(Reuters)`.
    private func agencyName(at start: Int, in scalars: [Unicode.Scalar]) -> (name: String, end: Int)? {
        var position = start
        if position < scalars.count, scalars[position] == " " { position += 1 }
        guard position < scalars.count, scalars[position] == "(" else { return nil }
        let nameStart = position + 1
        guard let close = scalars[nameStart...].prefix(Self.longestAgency + 1).firstIndex(of: ")"),
            close > nameStart
        else { return nil }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<close]))
        guard isCapitalised(scalars[nameStart..<close]) || agencies.contains(name) else { return nil }
        return (name, close + 1)
    }

    /// The end of a dash separator (`-`, `--`, `–`, `—`) and the spaces after it, when the story
    /// text follows and does not continue in lowercase; the separator may end the paragraph (a
    /// dateline standing on its own line) only when `paragraphEnds`.
    private func separatorEnd(at start: Int, in scalars: [Unicode.Scalar], paragraphEnds: Bool) -> Int? {
        var position = start
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
        let spacedBefore = position > start
        guard position < scalars.count else { return nil }
        let dash = scalars[position]
        if dash == "-" {
            position += 1
            if position < scalars.count, scalars[position] == "-" { position += 1 }
        } else if dash == "\u{2013}" || dash == "\u{2014}" {
            position += 1
        } else {
            return nil
        }
        let dashEnd = position
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
        if position == scalars.count { return paragraphEnds && (spacedBefore || dash != "-") ? position : nil }
        if dash == "-" && (!spacedBefore || position == dashEnd) { return nil }
        guard position < scalars.count, !scalars[position].properties.isLowercase else { return nil }
        return position
    }

    /// End of the words that follow the word `first`, each after one space and accepted by
    /// `accepts`, up to `mostPlaceWords` in all.
    private func wordsEnd(
        from first: Range<Int>, in scalars: [Unicode.Scalar], accepts: (ArraySlice<Unicode.Scalar>) -> Bool
    ) -> Int {
        var end = first.upperBound
        var count = 1
        while count < Self.mostPlaceWords, end + 1 < scalars.count, scalars[end] == " ",
            let next = word(at: end + 1, in: scalars), accepts(scalars[next])
        {
            end = next.upperBound
            count += 1
        }
        return end
    }

    /// A word at `start`: a letter, then letters and inner `.`, `-`, `'`, `’`.
    private func word(at start: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        guard start < scalars.count, scalars[start].properties.isAlphabetic else { return nil }
        var end = start + 1
        while end < scalars.count {
            let scalar = scalars[end]
            if scalar.properties.isAlphabetic || scalar == "." || scalar == "-" || scalar == "'" || scalar == "\u{2019}" {
                end += 1
            } else {
                break
            }
        }
        return start..<end
    }

    /// A run of digits at `start`.
    private func number(at start: Int, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        var end = start
        while end < scalars.count, scalars[end].properties.numericType != nil { end += 1 }
        return end > start ? start..<end : nil
    }

    /// Whether every letter of `word` is uppercase.
    private func isAllCapitals(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        word.allSatisfy { !$0.properties.isAlphabetic || $0.properties.isUppercase }
    }

    /// Whether `word` starts with an uppercase letter.
    private func isCapitalised(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        word.first?.properties.isUppercase == true
    }

    /// Number of letters in `word`.
    private func letterCount(_ word: ArraySlice<Unicode.Scalar>) -> Int {
        word.reduce(0) { $0 + ($1.properties.isAlphabetic ? 1 : 0) }
    }
}

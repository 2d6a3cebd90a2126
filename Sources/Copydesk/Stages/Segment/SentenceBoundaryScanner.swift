/// Finds the sentences of one paragraph as byte ranges of its UTF-8 text.
///
/// One forward pass over the bytes: only `.`, `?`, `!`, `…`, quotes, brackets, line breaks and
/// (inside a list) spaces are looked at; every other byte is skipped by the ASCII fast path. At each
/// terminal run the scanner decides from the surrounding punctuation, the word before (is it an
/// abbreviation?) and the word after (lowercase, digit, sentence starter?) whether a sentence
/// ends there. The rules are described in `docs/segment.md`.
struct SentenceBoundaryScanner {
    /// The paragraph being split.
    let text: ParagraphBytes
    /// The language data.
    let rules: SegmentationRules

    /// Longest word, in bytes, that is looked up as an abbreviation or sentence starter.
    private static let longestWord = 24
    /// How far ahead, in bytes, a bracket's closer is looked for; a parenthesis closed within
    /// this span is an aside that no sentence boundary splits.
    private static let bracketReach = 250
    /// Most words a line may hold to be a list item or label that a line break ends even before a
    /// lowercase line (`features` / `contact manager`).
    private static let itemLineWords = 3
    /// Most words before a clock time for the time to open its sentence (`At 5 a.m. Mr. Smith`).
    private static let timeOpenerWords = 2
    /// How far ahead, in bytes, a quotation's closing quote is looked for; a quotation closed
    /// within this span is one that no sentence boundary splits.
    private static let quotationReach = 1200
    /// Most digits of a footnote number glued to a sentence's period (`consultation.11 12`).
    private static let footnoteDigits = 3

    /// What the scan carries from one byte to the next.
    private struct State {
        /// Byte where the current sentence starts.
        var sentenceStart = 0
        /// Whether a double quotation is open at the current position.
        var quoteOpen = false
        /// Byte index of the closing bracket of the innermost known aside, or -1.
        var asideCloser = -1
        /// Byte index of the closing quote of the outermost open quotation, or -1.
        var quotationCloser = -1
        /// Where the latest fruitless look-ahead for a double or a single quotation's closer
        /// stopped: no closer of that kind stands between the opener and there, so the next
        /// look-ahead resumes there and the scan stays linear.
        var doubleSearchedTo = 0
        var singleSearchedTo = 0
        /// The list marker that opened the latest list item, if any.
        var listMarker: ListMarker?
        /// Whether the current sentence opened with a list marker.
        var sentenceIsListItem = false
        /// Byte where the current line starts.
        var lineStart = 0
        /// Byte length of the paragraph's longest line, once a line break has been seen.
        var longestLine: Int?
        /// Byte index just past the latest terminal run and its closers.
        var lastTerminalEnd = -1
    }

    /// A sentence end: where the sentence stops and where the next one starts.
    private struct Boundary {
        /// Byte index just past the sentence's last mark.
        let end: Int
        /// Byte index of the next sentence's first byte.
        let next: Int
    }

    /// The sentences as byte ranges, trimmed of whitespace, in order.
    func sentenceByteRanges() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var state = State()
        state.sentenceStart = text.skippingWhitespace(from: 0)
        var index = openSentence(&state)
        let count = text.count
        while index < count {
            var boundary: Boundary?
            switch text[index] {
            case UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"):
                (boundary, index) = terminalBoundary(at: index, state: &state)
            case 0xE2:
                if text.hasSequence(at: index, 0xE2, 0x80, 0xA6) {
                    (boundary, index) = terminalBoundary(at: index, state: &state)
                } else {
                    if text.hasSequence(at: index, 0xE2, 0x80, 0x9C) {
                        markQuotation(openedAt: index, length: 3, double: true, state: &state)
                        state.quoteOpen = true
                    } else if text.hasSequence(at: index, 0xE2, 0x80, 0x9D) {
                        boundary = brokenOffQuotationBoundary(closerAt: index, length: 3, state: state)
                        state.quoteOpen = false
                    } else if text.hasSequence(at: index, 0xE2, 0x80, 0x98) {
                        markQuotation(openedAt: index, length: 3, double: false, state: &state)
                    }
                    index += 1
                }
            case UInt8(ascii: "\""):
                if index > 0 && text[index - 1] > 0x20 {
                    boundary = brokenOffQuotationBoundary(closerAt: index, length: 1, state: state)
                }
                markQuotation(openedAt: index, length: 1, double: true, state: &state)
                state.quoteOpen.toggle()
                index += 1
            case UInt8(ascii: "'"), UInt8(ascii: "`"):
                markQuotation(openedAt: index, length: 1, double: false, state: &state)
                index += 1
            case 0xEF, 0xE3:
                if SentencePunctuation.fullWidthTerminalLength(at: index, in: text) > 0 {
                    (boundary, index) = fullWidthBoundary(at: index, state: &state)
                } else {
                    index += 1
                }
            case UInt8(ascii: "("):
                markAside(openedAt: index, opener: UInt8(ascii: "("), closer: UInt8(ascii: ")"), state: &state)
                index += 1
            case UInt8(ascii: "["):
                markAside(openedAt: index, opener: UInt8(ascii: "["), closer: UInt8(ascii: "]"), state: &state)
                index += 1
            case 0x20 where state.listMarker != nil:
                boundary = listItemBoundary(atSpace: index, state: state)
                index += 1
            case 0x0D where text.byte(at: index + 1) == 0x0A:
                index += 1
            case 0x0A, 0x0D:
                boundary = lineBreakBoundary(at: index, state: &state)
                index += 1
            default:
                index += 1
            }
            if let boundary {
                ranges.append(state.sentenceStart..<boundary.end)
                state.sentenceStart = boundary.next
                index = max(openSentence(&state), index)
            }
        }
        let end = text.trimmingWhitespace(end: count, floor: state.sentenceStart)
        if end > state.sentenceStart { ranges.append(state.sentenceStart..<end) }
        return ranges
    }

    /// Starts the sentence at `state.sentenceStart`: steps over a list marker opening it.
    /// Returns where scanning resumes.
    private func openSentence(_ state: inout State) -> Int {
        guard let marker = ListMarker.read(at: state.sentenceStart, in: text) else {
            state.sentenceIsListItem = false
            return state.sentenceStart
        }
        state.listMarker = marker
        state.sentenceIsListItem = true
        return marker.end
    }

    /// Records the aside opened at `index` when its closer follows within reach.
    private func markAside(openedAt index: Int, opener: UInt8, closer: UInt8, state: inout State) {
        var depth = 0
        var position = index
        let limit = min(text.count, index + Self.bracketReach)
        while position < limit {
            let byte = text[position]
            if byte == opener {
                depth += 1
            } else if byte == closer {
                depth -= 1
                if depth == 0 {
                    state.asideCloser = max(state.asideCloser, position)
                    return
                }
            }
            position += 1
        }
    }

    /// Records the quotation opened by the quote at `index` (`length` bytes) when its closing
    /// quote follows within reach (and inside the aside the quote stands in, if any): no terminal
    /// mark inside it ends a sentence (`'Well!' she said, 'how odd! How very odd!'`), as in
    /// fiction and in quoted speech. A quote opens at the paragraph start or after a space, an
    /// opening quote or bracket or a dash. A double quote (`"`, `“`) opens before a non-space and
    /// closes at the next `”` or `"`; when that `"` follows a space, the quotes are unbalanced and no
    /// quotation is marked. A single quote (`'`, `‘`, or a
    /// backquote) opens before a letter, digit or `_` and closes at the next `'` or `’` that follows
    /// a non-space and is not followed by a letter or digit (an apostrophe such as `they'll`
    /// neither opens nor closes). A quotation whose closer follows a comma is an attributed quote
    /// (`"Prices rose. Wages fell," she said.`, the news style) and is not marked: its sentences
    /// end as anywhere else.
    private func markQuotation(openedAt index: Int, length: Int, double: Bool, state: inout State) {
        guard index >= state.quotationCloser else { return }
        let after = text.byte(at: index + length)
        if double {
            guard after > 0x20 else { return }
        } else {
            guard ParagraphBytes.isASCIILetter(after) || ParagraphBytes.isDigit(after) || after == UInt8(ascii: "_") else { return }
        }
        if index > 0 {
            let before = text.byte(at: index - 1)
            let opens =
                before < 0x80
                ? before <= 0x20 || before == UInt8(ascii: "-") || SentencePunctuation.openerLength(at: index - 1, in: text) > 0
                : text.whitespaceLength(at: text.scalarStart(before: index)) > 0
                    || SentencePunctuation.dashLength(at: text.scalarStart(before: index), in: text) > 0
                    || SentencePunctuation.openerLength(at: text.scalarStart(before: index), in: text) > 0
            guard opens else { return }
        }
        let limit = min(text.count, index + Self.quotationReach, state.asideCloser > index ? state.asideCloser : Int.max)
        var position = max(index + length, double ? state.doubleSearchedTo : state.singleSearchedTo)
        defer {
            if double {
                state.doubleSearchedTo = max(state.doubleSearchedTo, position)
            } else {
                state.singleSearchedTo = max(state.singleSearchedTo, position)
            }
        }
        while position < limit {
            let byte = text[position]
            if double {
                if byte == UInt8(ascii: "\"") || text.hasSequence(at: position, 0xE2, 0x80, 0x9D) {
                    // A straight quote after a space opens rather than closes: the quotes are
                    // unbalanced or spaced (`"City of Festivals "as`), and no quotation is marked.
                    if byte == UInt8(ascii: "\"") && text[position - 1] <= 0x20 { return }
                    if text[position - 1] != UInt8(ascii: ",") { state.quotationCloser = position }
                    return
                }
            } else if byte == UInt8(ascii: "'") || text.hasSequence(at: position, 0xE2, 0x80, 0x99) {
                let next = text.byte(at: position + (byte == UInt8(ascii: "'") ? 1 : 3))
                if text.byte(at: position - 1) > 0x20 && !ParagraphBytes.isASCIILetter(next) && !ParagraphBytes.isDigit(next) {
                    if text[position - 1] != UInt8(ascii: ",") { state.quotationCloser = position }
                    return
                }
            }
            position += 1
        }
    }

    /// A boundary after the quotation closed at `index` (`length` bytes) when it breaks off with
    /// a dash and a capitalised word follows (`we're doing our best, to--" At this moment`).
    private func brokenOffQuotationBoundary(closerAt index: Int, length: Int, state: State) -> Boundary? {
        let dashEnds =
            text.byte(at: index - 1) == UInt8(ascii: "-") && text.byte(at: index - 2) == UInt8(ascii: "-")
            || (index >= 3 && (text.hasSequence(at: index - 3, 0xE2, 0x80, 0x94) || text.hasSequence(at: index - 3, 0xE2, 0x80, 0x93)))
        guard dashEnds, index + length > state.quotationCloser else { return nil }
        let end = index + length
        let next = text.skippingWhitespace(from: end)
        guard next > end, next < text.count, text.isUppercase(at: SentencePunctuation.skippingOpeners(from: next, in: text)) else { return nil }
        return Boundary(end: end, next: next)
    }

    /// Decides whether the full-width terminal mark at `index` (`．`, `。`, `！`, `？`) ends the
    /// sentence: always, unless an aside or quotation is open or nothing follows. Returns the
    /// boundary, if any, and where scanning resumes.
    private func fullWidthBoundary(at index: Int, state: inout State) -> (Boundary?, Int) {
        var runEnd = index
        while case let length = SentencePunctuation.fullWidthTerminalLength(at: runEnd, in: text), length > 0 {
            runEnd += length
        }
        let markEnd = SentencePunctuation.closers(from: runEnd, in: text).end
        state.lastTerminalEnd = markEnd
        if state.asideCloser >= markEnd || state.quotationCloser >= markEnd { return (nil, markEnd) }
        let nextStart = text.skippingWhitespace(from: markEnd)
        if nextStart >= text.count { return (nil, markEnd) }
        return (Boundary(end: markEnd, next: nextStart), nextStart)
    }

    /// A boundary before the next list marker in sequence, when one follows the space at `index`.
    private func listItemBoundary(atSpace index: Int, state: State) -> Boundary? {
        guard let current = state.listMarker,
            let marker = ListMarker.read(at: index + 1, in: text), current.isFollowed(by: marker)
        else { return nil }
        let end = text.trimmingWhitespace(end: index, floor: state.sentenceStart)
        guard end > state.sentenceStart else { return nil }
        return Boundary(end: end, next: index + 1)
    }

    /// A boundary at the line break at `index` inside the paragraph, where the line before ends
    /// with no terminal mark. A line break ends the sentence before a list item or bullet, after
    /// a list item, and at a blank line; before a lowercase word only after a short item line
    /// (`features` / `contact manager`) not ending in a space (a trailing space marks a soft,
    /// flowed break); before any other word only after a line clearly shorter than the
    /// paragraph's longest, as headings and labels are and wrapped lines of running text are
    /// not.
    private func lineBreakBoundary(at index: Int, state: inout State) -> Boundary? {
        let lineStart = state.lineStart
        state.lineStart = index + 1
        let end = text.trimmingWhitespace(end: index, floor: state.sentenceStart)
        guard end > state.sentenceStart, end != state.lastTerminalEnd else { return nil }
        let next = text.skippingWhitespace(from: index + 1)
        guard next < text.count else { return nil }
        let boundary = Boundary(end: end, next: next)
        if state.sentenceIsListItem || ListMarker.read(at: next, in: text) != nil
            || SentencePunctuation.bulletLength(at: next, in: text) > 0
        {
            return boundary
        }
        var position = index + 1
        while position < next {
            if text[position] == 0x0A || text[position] == 0x0D { return boundary }
            position += 1
        }
        let lineContentStart = min(text.skippingWhitespace(from: lineStart), end)
        if text.isLowercase(at: SentencePunctuation.skippingOpeners(from: next, in: text)) {
            guard end == index else { return nil }
            var words = 1
            for position in lineContentStart..<end where text[position] == 0x20 {
                words += 1
                if words > Self.itemLineWords { return nil }
            }
            return boundary
        }
        let longest = state.longestLine ?? longestLineLength()
        state.longestLine = longest
        return (end - lineContentStart) * 10 < longest * 7 ? boundary : nil
    }

    /// Byte length of the paragraph's longest line.
    private func longestLineLength() -> Int {
        var longest = 0
        var start = 0
        for position in 0...text.count where position == text.count || text[position] == 0x0A || text[position] == 0x0D {
            longest = max(longest, position - start)
            start = position + 1
        }
        return longest
    }

    /// Decides whether the terminal run at `index` ends the sentence. Returns the boundary, if
    /// any, and where scanning resumes (at or after the next sentence's start).
    private func terminalBoundary(at index: Int, state: inout State) -> (Boundary?, Int) {
        let run = SentencePunctuation.terminalRun(at: index, in: text)
        let closers = SentencePunctuation.closers(from: run.end, in: text)
        let quoteWasOpen = state.quoteOpen
        if closers.closesQuote { state.quoteOpen = false }
        let markEnd = closers.end
        state.lastTerminalEnd = markEnd
        if state.asideCloser >= markEnd || state.quotationCloser >= markEnd { return (nil, markEnd) }
        let nextStart = text.skippingWhitespace(from: markEnd)
        if nextStart >= text.count { return (nil, markEnd) }
        let glued = nextStart == markEnd
        if state.quotationCloser >= run.end && !remarkStandsAlone(at: nextStart) { return (nil, markEnd) }
        if glued && run.kind == .period, let footnoteEnd = footnoteEnd(afterPeriodAt: index, sentenceStart: state.sentenceStart) {
            let next = text.skippingWhitespace(from: footnoteEnd)
            state.lastTerminalEnd = footnoteEnd
            return (Boundary(end: footnoteEnd, next: next), next)
        }
        let word = SentencePunctuation.skippingOpeners(from: nextStart, in: text)
        if text.isLowercase(at: word) && ListMarker.read(at: nextStart, in: text) == nil { return (nil, markEnd) }
        if continuesAfterDash(from: nextStart) || isCitation(at: nextStart) { return (nil, markEnd) }
        if run.end - index >= 4 && text.byte(at: run.end - 1) == UInt8(ascii: "."), let pageEnd = pageNumberEnd(from: markEnd) {
            let next = text.skippingWhitespace(from: pageEnd)
            state.lastTerminalEnd = pageEnd
            return next < text.count ? (Boundary(end: pageEnd, next: next), next) : (nil, pageEnd)
        }
        let hasClosers = markEnd > run.end
        let ends: Bool
        switch run.kind {
        case .strong:
            ends = !glued || startsUnspacedSentence(at: nextStart, after: index, sentenceStart: state.sentenceStart)
        case .periodEllipsis:
            // `compounds. . . . The`: the period glued to the word ends the sentence and the
            // spaced ellipsis opens the next one; `period . . . . Next` and `that.... She` end
            // after the whole run.
            if markEnd == run.end && text.byte(at: index + 1) == 0x20 && text.byte(at: index - 1) > 0x20 {
                return (Boundary(end: index + 1, next: index + 2), markEnd)
            }
            ends = true
        case .ellipsis:
            ends = closers.closesQuote || (!quoteWasOpen && isSentenceStarter(at: word))
        case .period:
            if glued {
                ends =
                    startsUnspacedSentence(at: nextStart, after: index, sentenceStart: state.sentenceStart)
                    && abbreviationKind(endingAt: index, sentenceStart: state.sentenceStart) == nil
            } else {
                ends = hasClosers || periodEndsSentence(at: index, nextWord: word, sentenceStart: state.sentenceStart)
            }
        }
        return ends ? (Boundary(end: markEnd, next: nextStart), nextStart) : (nil, markEnd)
    }

    /// Whether the period at `index`, followed by whitespace and the word at `nextWord`, ends
    /// the sentence that started at `sentenceStart`, judged by the word before it.
    private func periodEndsSentence(at index: Int, nextWord: Int, sentenceStart: Int) -> Bool {
        switch abbreviationKind(endingAt: index, sentenceStart: sentenceStart) {
        case nil:
            return true
        case .ambiguous where isLabel(endingAt: index, sentenceStart: sentenceStart):
            return false
        case .title:
            return false
        case .number:
            return !ParagraphBytes.isDigit(text.byte(at: nextWord))
        case .time:
            guard text.isUppercase(at: nextWord) else { return false }
            if isSentenceStarter(at: nextWord) { return true }
            return !timeOpensSentence(endingAt: index, sentenceStart: sentenceStart) && !continuesTime(at: nextWord)
        case .ambiguous where isPronounI(at: nextWord):
            // `in the U.S.A. I went`: the pronoun after a capitalised abbreviation opens a
            // sentence; an initial (`J. I. Smith`) has its own period.
            return text.isUppercase(at: wordStart(endingAt: index, floor: sentenceStart)) && index - sentenceStart > 2
        case .ambiguous:
            let nextIsInitial = text.isUppercase(at: nextWord) && text.byte(at: nextWord + 1) == UInt8(ascii: ".")
            return !nextIsInitial && isSentenceStarter(at: nextWord)
        }
    }

    /// End of the page number after the leader dots of a table-of-contents line (`About
    /// Me.......5`, `Chapter 2 .... 16-17`): digits, optionally a dash and more digits, after at
    /// most a few spaces from `index` and before a line break or the paragraph end. The line is
    /// one sentence, page number included.
    private func pageNumberEnd(from index: Int) -> Int? {
        var position = index
        while text.byte(at: position) == 0x20 && position - index < 4 { position += 1 }
        let start = position
        while ParagraphBytes.isDigit(text.byte(at: position)) || (position > start && text.byte(at: position) == UInt8(ascii: "-")) {
            position += 1
        }
        guard position > start, ParagraphBytes.isDigit(text.byte(at: position - 1)) else { return nil }
        let end = position
        while text.byte(at: position) == 0x20 || text.byte(at: position) == 0x09 { position += 1 }
        guard position >= text.count || text[position] == 0x0A || text[position] == 0x0D else { return nil }
        return end
    }

    /// Whether the word at `index` is the pronoun `I` (followed by a space or an apostrophe:
    /// `I went`, `I'm`).
    private func isPronounI(at index: Int) -> Bool {
        let after = text.byte(at: index + 1)
        return text.byte(at: index) == UInt8(ascii: "I") && (after == 0x20 || after == UInt8(ascii: "'"))
    }

    /// Whether the period at `index` follows a single capital letter that is all the sentence
    /// holds so far: a label such as the `Q.` and `A.` of an interview, which opens the sentence
    /// rather than ending one.
    private func isLabel(endingAt index: Int, sentenceStart: Int) -> Bool {
        index == sentenceStart + 1 && text.isUppercase(at: sentenceStart)
    }

    /// Whether the parenthesis at `index`, after a quotation that ended with a terminal mark,
    /// is a remark standing between two quotations (`"..., I think!" (Dinah was the cat.) "I
    /// hope ..."`) and so a sentence of its own. Any other parenthesis right after such a
    /// quotation belongs to the quotation's sentence (`'..., how brave!' (Which was true.)`).
    /// Returns true when no parenthesis is at `index`.
    private func remarkStandsAlone(at index: Int) -> Bool {
        guard text.byte(at: index) == UInt8(ascii: "(") else { return true }
        let limit = min(text.count, index + Self.bracketReach)
        var position = index + 1
        while position < limit && text[position] != UInt8(ascii: ")") { position += 1 }
        guard position < limit else { return true }
        let next = text.skippingWhitespace(from: position + 1)
        return next < text.count && (text[next] == UInt8(ascii: "\"") || text.hasSequence(at: next, 0xE2, 0x80, 0x9C))
    }

    /// End of the footnote numbers glued to the period at `index` when a capitalised sentence
    /// follows them (`consultation.11 12 Take`, `(type 2).10 This`): the period follows a
    /// lowercase letter or a closing parenthesis and no abbreviation, and each number has at
    /// most `footnoteDigits` digits.
    private func footnoteEnd(afterPeriodAt index: Int, sentenceStart: Int) -> Int? {
        let previous = text.byte(at: index - 1)
        guard (previous >= UInt8(ascii: "a") && previous <= UInt8(ascii: "z")) || previous == UInt8(ascii: ")"),
            ParagraphBytes.isDigit(text.byte(at: index + 1))
        else { return nil }
        var position = index + 1
        var end = index + 1
        while true {
            var digits = 0
            while ParagraphBytes.isDigit(text.byte(at: position)) {
                digits += 1
                position += 1
            }
            guard digits > 0, digits <= Self.footnoteDigits, text.byte(at: position) == 0x20 else { return nil }
            end = position
            position += 1
            if !ParagraphBytes.isDigit(text.byte(at: position)) { break }
        }
        guard text.isUppercase(at: position) && text.isLowercase(at: position + 1) else { return nil }
        if previous != UInt8(ascii: ")") && abbreviationKind(endingAt: index, sentenceStart: sentenceStart) != nil { return nil }
        return end
    }

    /// Whether the clock time whose abbreviation ends at `index` opens its sentence: at most
    /// `timeOpenerWords` words stand before the abbreviation (`At 5 a.m.`, `By 10:30 p.m.`).
    private func timeOpensSentence(endingAt index: Int, sentenceStart: Int) -> Bool {
        let start = wordStart(endingAt: index, floor: sentenceStart)
        var words = 0
        var inWord = false
        for position in sentenceStart..<start {
            let isSpace = text[position] <= 0x20
            if !isSpace && !inWord { words += 1 }
            inWord = !isSpace
        }
        return words <= Self.timeOpenerWords
    }

    /// Whether the capitalised word at `index` goes on with the sentence after a clock time: a
    /// day, month or time zone from the language data (`Tuesday`, `Eastern`) or a word in
    /// capitals (`EDT`, `GMT`).
    private func continuesTime(at index: Int) -> Bool {
        var end = index
        var allCapitals = true
        while end < text.count && ParagraphBytes.isASCIILetter(text[end]) && end - index <= Self.longestWord {
            if text[end] > UInt8(ascii: "Z") { allCapitals = false }
            end += 1
        }
        guard end > index, end - index <= Self.longestWord else { return false }
        if allCapitals && end - index >= 2 { return true }
        return rules.followsTime(text.slice(index..<end))
    }

    /// Whether a dash and a lowercase word follow at `index`: the sentence goes on after an
    /// interjection (`and -- voila! -- you have`).
    private func continuesAfterDash(from index: Int) -> Bool {
        let dash = SentencePunctuation.dashLength(at: index, in: text)
        guard dash > 0 else { return false }
        return text.isLowercase(at: text.skippingWhitespace(from: index + dash))
    }

    /// Whether a parenthesis at `index` closes within reach directly before a terminal mark:
    /// a citation that belongs to the sentence before it (`[...]" (Smith 55).`).
    private func isCitation(at index: Int) -> Bool {
        guard text.byte(at: index) == UInt8(ascii: "(") else { return false }
        let limit = min(text.count, index + Self.bracketReach)
        var position = index + 1
        while position < limit {
            switch text[position] {
            case UInt8(ascii: "("), UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"):
                return false
            case UInt8(ascii: ")"):
                let after = text.byte(at: position + 1)
                return after == UInt8(ascii: ".") || after == UInt8(ascii: "?") || after == UInt8(ascii: "!")
            default:
                position += 1
            }
        }
        return false
    }

    /// The abbreviation kind of the word ending at the period at `index` (the word begins no
    /// earlier than `sentenceStart`): a listed abbreviation, a single capital initial, or a
    /// letter-period sequence such as `N.Y`.
    private func abbreviationKind(endingAt index: Int, sentenceStart: Int) -> SegmentationRules.AbbreviationKind? {
        let start = wordStart(endingAt: index, floor: sentenceStart)
        let length = index - start
        guard length > 0, length <= Self.longestWord else { return nil }
        // A capital letter is an initial even where its lowercase form is listed (P. vs p.).
        if length == 1 && text[start] >= UInt8(ascii: "A") && text[start] <= UInt8(ascii: "Z") { return .ambiguous }
        if let kind = rules.abbreviationKind(text.slice(start..<index)) { return kind }
        return isLetterPeriodSequence(start..<index) ? .ambiguous : nil
    }

    /// Whether `range` reads letter, period, letter ... (`N.Y`, `D.C`).
    private func isLetterPeriodSequence(_ range: Range<Int>) -> Bool {
        guard range.count % 2 == 1 else { return false }
        for position in range {
            let byte = text[position]
            let isLetterSlot = (position - range.lowerBound) % 2 == 0
            if isLetterSlot ? !ParagraphBytes.isASCIILetter(byte) : byte != UInt8(ascii: ".") { return false }
        }
        return true
    }

    /// Start of the word that ends at `end`: back to whitespace, an opening quote or bracket,
    /// a hyphen, a slash or `floor`, at most `longestWord + 1` bytes.
    private func wordStart(endingAt end: Int, floor: Int) -> Int {
        var start = end
        while start > floor && end - start <= Self.longestWord {
            let byte = text[start - 1]
            if byte < 0x80 {
                if byte <= 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") { break }
                if SentencePunctuation.openerLength(at: start - 1, in: text) > 0 { break }
                start -= 1
            } else {
                let scalarStart = text.scalarStart(before: start)
                if text.whitespaceLength(at: scalarStart) > 0
                    || SentencePunctuation.openerLength(at: scalarStart, in: text) > 0
                {
                    break
                }
                start = scalarStart
            }
        }
        return start
    }

    /// Whether the word at `index` is a sentence starter from the language data.
    private func isSentenceStarter(at index: Int) -> Bool {
        var end = index
        while end < text.count && ParagraphBytes.isASCIILetter(text[end]) && end - index <= Self.longestWord {
            end += 1
        }
        guard end > index, end - index <= Self.longestWord else { return false }
        if end < text.count && text[end] >= 0x80 && text.scalar(at: end).scalar.properties.isAlphabetic {
            return false
        }
        return rules.isSentenceStarter(text.slice(index..<end))
    }

    /// Whether a sentence starts right at `index` with no space after the terminal mark at
    /// `mark` (`said.The`, `read."It`): the mark follows a lowercase letter or digit, the next
    /// word is capitalised, and neither side is part of an address (`@`, `/`, inner periods).
    private func startsUnspacedSentence(at index: Int, after mark: Int, sentenceStart: Int) -> Bool {
        let previous = text.byte(at: mark - 1)
        guard (previous >= UInt8(ascii: "a") && previous <= UInt8(ascii: "z")) || ParagraphBytes.isDigit(previous)
        else { return false }
        let word = index + SentencePunctuation.openerLength(at: index, in: text)
        let capitalised =
            word > index
            ? text.isUppercase(at: word)
            : text.isUppercase(at: word) && text.isLowercase(at: word + 1)
        guard capitalised else { return false }
        return !looksLikeAddress(from: wordStart(endingAt: mark, floor: sentenceStart), to: mark)
            && !looksLikeAddress(from: index, to: min(text.count, index + Self.longestWord * 4))
    }

    /// Whether the text in `start..<limit`, up to the first whitespace, holds `@`, `/` or a
    /// period followed by a letter, as e-mail addresses, URLs and file names do.
    private func looksLikeAddress(from start: Int, to limit: Int) -> Bool {
        var position = start
        while position < limit {
            let byte = text[position]
            if byte <= 0x20 { return false }
            if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/") { return true }
            if byte == UInt8(ascii: ".") && ParagraphBytes.isASCIILetter(text.byte(at: position + 1)) { return true }
            position += 1
        }
        return false
    }
}

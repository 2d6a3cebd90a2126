/// One token of an article's text: a word, a number or a single punctuation scalar, located
/// both in UTF-8 bytes and in Unicode scalars.
struct Token: Sendable {
    /// What a token is made of.
    enum Kind: UInt8, Sendable {
        /// Letters, possibly with digits, inner apostrophes or abbreviation dots (`U.S.`).
        case word
        /// Digits, possibly with inner `,` or `.` separators (`5,000`, `227.7`).
        case number
        /// One punctuation or symbol scalar (`,`, `"`, `$`, `€`).
        case punct
    }

    /// What the token is made of.
    var kind: Kind
    /// UTF-8 offset of the first byte.
    var byteStart: Int
    /// UTF-8 offset just past the last byte.
    var byteEnd: Int
    /// Unicode-scalar offset of the token in the article text.
    var start: Int
    /// Unicode-scalar offset just past the token.
    var end: Int
    /// FNV-1a hash of the token's bytes with ASCII letters lower-cased.
    var hash: UInt64
    /// The first letter is upper case.
    var isCapitalised: Bool
    /// Every ASCII letter is upper case and there is at least one.
    var isAllCaps: Bool
    /// White space (or the start of the text) comes right before the token.
    var spaceBefore: Bool
    /// Index of the paragraph holding the token (0 when the article has none).
    var paragraph: Int
    /// Index of the sentence holding the token (0 when the article has none).
    var sentence: Int
    /// The token is the first word or number of its sentence or of a quotation opening one.
    var opensSentence: Bool
}

/// An article's text split into tokens, with the bytes kept for slicing and comparison.
struct TokenizedText: Sendable {
    /// The UTF-8 bytes of the text.
    let bytes: [UInt8]
    /// The tokens in text order.
    let tokens: [Token]
    /// For each paragraph, whether it is a heading.
    let headingParagraphs: [Bool]

    /// The text of tokens `range` (from the first token's start to the last token's end).
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[tokens[range.lowerBound].byteStart..<tokens[range.upperBound - 1].byteEnd], as: UTF8.self)
    }

    /// The text of one token.
    func string(_ index: Int) -> String { string(index..<(index + 1)) }

    /// Whether token `index` lies in a heading paragraph.
    func inHeading(_ index: Int) -> Bool {
        let p = tokens[index].paragraph
        return p < headingParagraphs.count && headingParagraphs[p]
    }

    /// Whether token `index` is the single punctuation byte `byte`.
    func isPunct(_ index: Int, _ byte: UInt8) -> Bool {
        index >= 0 && index < tokens.count && tokens[index].kind == .punct
            && tokens[index].byteEnd - tokens[index].byteStart == 1 && bytes[tokens[index].byteStart] == byte
    }

    /// The value of a number token (`5,000` → 5000, `227.7` → 227.7); `nil` for other tokens.
    func number(_ index: Int) -> Double? {
        let t = tokens[index]
        guard t.kind == .number else { return nil }
        var whole = 0.0
        var fraction = 0.0
        var scale = 1.0
        var inFraction = false
        for k in t.byteStart..<t.byteEnd {
            let b = bytes[k]
            if b == 0x2E { inFraction = true; continue }
            if b == 0x2C { continue }
            let digit = Double(b &- 0x30)
            if inFraction { scale /= 10; fraction += digit * scale } else { whole = whole * 10 + digit }
        }
        return whole + fraction
    }

    /// The number of bytes of token `index`.
    func length(_ index: Int) -> Int { tokens[index].byteEnd - tokens[index].byteStart }

    /// Whether token `index` follows token `index - 1` with no space between them.
    func isAttached(_ index: Int) -> Bool { index > 0 && index < tokens.count && !tokens[index].spaceBefore }

    /// Whether token `index` is an opening or closing double quotation mark (straight or curly).
    func quoteMark(_ index: Int) -> QuoteMark? {
        let t = tokens[index]
        guard t.kind == .punct else { return nil }
        let length = t.byteEnd - t.byteStart
        if length == 1 && bytes[t.byteStart] == 0x22 { return .straight }
        if length == 3 && bytes[t.byteStart] == 0xE2 && bytes[t.byteStart + 1] == 0x80 {
            if bytes[t.byteStart + 2] == 0x9C { return .curlyOpen }
            if bytes[t.byteStart + 2] == 0x9D { return .curlyClose }
        }
        return nil
    }
}

/// The double quotation marks quotations are delimited by.
enum QuoteMark: Sendable {
    /// `"`, opening or closing depending on position.
    case straight
    /// `“`.
    case curlyOpen
    /// `”`.
    case curlyClose
}

/// Splits text into ``Token``s in one pass over its UTF-8 bytes.
enum TokenScanner {
    /// FNV-1a offset basis.
    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a prime.
    static let hashPrime: UInt64 = 0x100_0000_01b3

    /// The lower-cased FNV-1a hash of `word`, equal to ``Token/hash`` of a token with that text.
    static func hash<S: Sequence>(_ word: S) -> UInt64 where S.Element == UInt8 {
        var h = hashSeed
        for b in word { h = (h ^ UInt64(lower(b))) &* hashPrime }
        return h
    }

    /// Tokenizes an article's text; paragraphs and sentences give each token its indices.
    static func scan(_ text: String, paragraphs: [Paragraph] = [], sentences: [Sentence] = []) -> TokenizedText {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4)
        bytes.withUnsafeBufferPointer { bytes in
            scanTokens(bytes, into: &tokens)
            tokens.withUnsafeMutableBufferPointer { tokens in
                assignStructure(tokens, bytes: bytes, paragraphs: paragraphs, sentences: sentences)
            }
        }
        return TokenizedText(bytes: bytes, tokens: tokens, headingParagraphs: paragraphs.map { $0.kind == .heading })
    }

    /// Appends the tokens of `bytes` to `tokens`, without paragraph and sentence indices.
    private static func scanTokens(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        let n = bytes.count
        var i = 0
        var scalar = 0
        var spaceBefore = true
        while i < n {
            let b = bytes[i]
            let width = scalarWidth(b)
            if isSpace(bytes, i) {
                i += width
                scalar += 1
                spaceBefore = true
                continue
            }
            let startByte = i
            let startScalar = scalar
            var kind = Token.Kind.punct
            var hashing = TokenHashing()
            if isDigit(b) {
                kind = .number
                i += 1
                while i < n {
                    if isDigit(bytes[i]) { i += 1; continue }
                    if (bytes[i] == 0x2C || bytes[i] == 0x2E) && i + 1 < n && isDigit(bytes[i + 1]) { i += 2; continue }
                    break
                }
                scalar += i - startByte
                hashing.add(bytes, startByte..<i)
            } else if isLetter(bytes, i) {
                kind = .word
                (i, scalar) = scanWord(bytes, from: i, scalar: scalar, hashing: &hashing)
            } else {
                i += width
                scalar += 1
                hashing.add(bytes, startByte..<i)
            }
            i = min(i, n)
            tokens.append(
                Token(
                    kind: kind, byteStart: startByte, byteEnd: i, start: startScalar, end: scalar,
                    hash: hashing.hash, isCapitalised: kind == .word && isUpperStart(bytes, startByte),
                    isAllCaps: hashing.hasUpper && !hashing.hasLower,
                    spaceBefore: spaceBefore, paragraph: 0, sentence: 0, opensSentence: false))
            spaceBefore = false
        }
    }

    /// The hash of a token's bytes and whether it has upper- and lower-case ASCII letters,
    /// taken byte by byte as the token is scanned.
    private struct TokenHashing {
        /// FNV-1a of the bytes so far, ASCII letters lower-cased.
        var hash = hashSeed
        /// An ASCII capital was seen.
        var hasUpper = false
        /// An ASCII small letter was seen.
        var hasLower = false

        /// Takes in the next byte.
        @inline(__always) mutating func add(_ c: UInt8) {
            hash = (hash ^ UInt64(lower(c))) &* hashPrime
            if c >= 0x41 && c <= 0x5A { hasUpper = true } else if c >= 0x61 && c <= 0x7A { hasLower = true }
        }

        /// Takes in the bytes `range` of `bytes` that exist.
        @inline(__always) mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            for k in range.lowerBound..<min(range.upperBound, bytes.count) { add(bytes[k]) }
        }
    }

    /// Scans a word from `start`: letters and digits, inner apostrophes (not a possessive `'s`)
    /// and the dots of single-letter abbreviations (`U.S.`, `D.C.`), hashing its bytes on the way.
    private static func scanWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, scalar: Int, hashing: inout TokenHashing) -> (Int, Int) {
        let n = bytes.count
        var i = start
        var scalar = scalar
        var segmentLength = 0
        var dotted = false
        while i < n {
            let b = bytes[i]
            if b < 0x80 ? ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || isDigit(b) : isLetter(bytes, i) {
                let w = scalarWidth(b)
                if w == 1 { hashing.add(b) } else { hashing.add(bytes, i..<(i + w)) }
                i += w
                scalar += 1
                segmentLength += 1
                continue
            }
            let apostrophe = b == 0x27 ? 1 : (isRightSingleQuote(bytes, i) ? 3 : 0)
            if apostrophe > 0 && i + apostrophe < n && isLetter(bytes, i + apostrophe) {
                let after = i + apostrophe
                let possessive =
                    (bytes[after] == 0x73 || bytes[after] == 0x53)
                    && (after + 1 >= n || !isLetter(bytes, after + 1))
                if possessive { break }
                hashing.add(bytes, i..<after)
                i += apostrophe
                scalar += 1
                segmentLength = 0
                continue
            }
            if b == 0x2E && segmentLength == 1 {
                if i + 2 < n && isUpperASCII(bytes[i + 1]) && bytes[i + 2] == 0x2E {
                    hashing.add(b)
                    i += 1; scalar += 1; segmentLength = 0; dotted = true
                    continue
                }
                if dotted {
                    hashing.add(b)
                    i += 1; scalar += 1
                }
            }
            break
        }
        return (i, scalar)
    }

    /// Sets paragraph and sentence indices and the sentence-opening flag of every token.
    private static func assignStructure(
        _ tokens: UnsafeMutableBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>, paragraphs: [Paragraph], sentences: [Sentence]
    ) {
        var p = 0
        var s = 0
        var lastSentence = -1
        var lastParagraph = -1
        var previousEndsSentence = true
        for k in tokens.indices {
            let start = tokens[k].start
            while p + 1 < paragraphs.count && paragraphs[p + 1].start <= start { p += 1 }
            while s + 1 < sentences.count && sentences[s + 1].start <= start { s += 1 }
            tokens[k].paragraph = p
            tokens[k].sentence = s
            guard tokens[k].kind != .punct else {
                let b = bytes[tokens[k].byteStart]
                if sentences.isEmpty && (b == 0x2E || b == 0x21 || b == 0x3F) { previousEndsSentence = true }
                continue
            }
            let newSentence = sentences.isEmpty ? (previousEndsSentence || p != lastParagraph) : s != lastSentence
            let afterOpeningQuote =
                k > 0 && tokens[k - 1].kind == .punct && !tokens[k].spaceBefore
                && tokens[k - 1].spaceBefore && isQuoteByte(bytes, tokens[k - 1].byteStart)
            tokens[k].opensSentence = newSentence || afterOpeningQuote || p != lastParagraph
            lastSentence = s
            lastParagraph = p
            previousEndsSentence = false
        }
    }

    private static func isQuoteByte(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        bytes[i] == 0x22 || (bytes[i] == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x9C)
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isUpperASCII(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }

    /// Number of bytes of the UTF-8 sequence a lead byte starts.
    @inline(__always) static func scalarWidth(_ b: UInt8) -> Int {
        b < 0x80 ? 1 : (b < 0xE0 ? 2 : (b < 0xF0 ? 3 : 4))
    }

    /// ASCII white space, no-break space (U+00A0), the U+2000–U+200B spaces, U+202F and U+3000.
    @inline(__always) static func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }
        let n = bytes.count
        if b == 0xC2 { return i + 1 < n && bytes[i + 1] == 0xA0 }
        if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 { return bytes[i + 2] <= 0x8B || bytes[i + 2] == 0xAF }
        if b == 0xE3 && i + 2 < n { return bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 }
        return false
    }

    /// ASCII letters and non-ASCII scalars outside the Latin-1 symbols (U+0080–U+00BF, ×, ÷)
    /// and the U+2000–U+2BFF punctuation and symbol blocks.
    @inline(__always) static func isLetter(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        if b == 0xC2 { return false }
        if b == 0xC3 { return i + 1 < bytes.count && bytes[i + 1] != 0x97 && bytes[i + 1] != 0xB7 }
        if b == 0xE2 { return false }
        if b == 0xE3 { return !(i + 1 < bytes.count && bytes[i + 1] == 0x80) }
        if b == 0xEF { return !(i + 1 < bytes.count && (bytes[i + 1] == 0xBC || bytes[i + 1] == 0xBD || bytes[i + 1] == 0xBB)) }
        return b >= 0xC3
    }

    /// Whether the letter at `i` is upper case (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic).
    static func isUpperStart(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return isUpperASCII(b) }
        guard i + 1 < bytes.count else { return false }
        let c = bytes[i + 1]
        switch b {
        case 0xC3: return c >= 0x80 && c <= 0x9E && c != 0x97
        case 0xC4, 0xC5: return c & 1 == 0
        case 0xCE: return c >= 0x91 && c <= 0xA9
        case 0xD0: return c >= 0x80 && c <= 0xAF
        default: return false
        }
    }

    @inline(__always) private static func isRightSingleQuote(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        bytes[i] == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99
    }
}

/// Splits text into word tokens and turns runs of `size` consecutive words into 64-bit shingle
/// hashes, working on UTF-8 bytes.
///
/// Tokens: maximal runs of ASCII letters and digits and of non-ASCII letters. ASCII letters are
/// lowercased; Latin-1 accented letters are folded to ASCII (`é` → `e`, `ß` → `ss`); other
/// non-ASCII bytes are kept as they are (the text is expected to be NFC). An apostrophe between
/// two letters is dropped (`State's` → `states`). ASCII punctuation, Latin-1 symbols (`«`, NBSP,
/// `×`) and the General Punctuation block (curly quotes, dashes, `…`, Unicode spaces) separate
/// tokens.
///
/// Hashes: a token hashes to FNV-1a 64 of its folded bytes; a shingle hashes to
/// ``StableHash/combine(_:_:)`` folded over its token hashes from seed `size`. A text with fewer
/// than `size` words gives one shingle of all its words; an empty text gives none.
public struct Shingler: Sendable {
    /// Number of consecutive words in a shingle.
    public let size: Int

    /// Creates a shingler of `size`-word shingles (at least 1).
    public init(size: Int = 3) {
        self.size = max(1, size)
    }

    /// Hashes of the word tokens of `text`, in order.
    public func tokenHashes(of text: String) -> [UInt64] {
        var text = text
        return text.withUTF8 { Self.tokenHashes(bytes: $0) }
    }

    /// Sorted, unique shingle hashes of `text`.
    public func shingles(of text: String) -> [UInt64] {
        shingles(ofTokens: tokenHashes(of: text))
    }

    /// Sorted, unique shingle hashes of a token hash sequence.
    public func shingles(ofTokens tokens: [UInt64]) -> [UInt64] {
        var result = shingleHashes(ofTokens: tokens)
        result.sort()
        return Self.removingAdjacentDuplicates(result)
    }

    /// The shingle hash of every window of a token hash sequence, in text order, repeats
    /// included: what a MinHash signature needs, which neither order nor repeats change.
    public func shingleHashes(ofTokens tokens: [UInt64]) -> [UInt64] {
        guard !tokens.isEmpty else { return [] }
        let width = min(size, tokens.count)
        var result: [UInt64] = []
        result.reserveCapacity(tokens.count - width + 1)
        tokens.withUnsafeBufferPointer { buffer in
            for start in 0...(buffer.count - width) {
                var hash = UInt64(width)
                for offset in 0..<width {
                    hash = StableHash.combine(hash, buffer[start + offset])
                }
                result.append(hash)
            }
        }
        return result
    }

    /// A sorted array with its repeated values removed.
    private static func removingAdjacentDuplicates(_ sorted: [UInt64]) -> [UInt64] {
        var values = sorted
        guard values.count > 1 else { return values }
        var write = 1
        for read in 1..<values.count where values[read] != values[write - 1] {
            values[write] = values[read]
            write += 1
        }
        values.removeLast(values.count - write)
        return values
    }

    /// Token hashes of UTF-8 bytes.
    private static func tokenHashes(bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var tokens = TokenHashes(capacity: bytes.count / 5)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                    tokens.add(byte)
                } else if byte >= 0x41 && byte <= 0x5A {
                    tokens.add(byte | 0x20)
                } else if byte == 0x27 && tokens.inToken && index + 1 < count && isWordStart(bytes[index + 1]) {
                    // Apostrophe inside a word: dropped, the word goes on.
                } else {
                    tokens.close()
                }
                index += 1
                continue
            }
            if byte == 0xC3 && index + 1 < count {
                let fold = LatinFold.table[Int(bytes[index + 1] & 0x3F)]
                if fold.isEmpty { tokens.close() } else { for scalar in fold { tokens.add(scalar) } }
                index += 2
            } else if byte == 0xC2 {
                tokens.close()
                index += 2
            } else if byte == 0xE2 && index + 2 < count && bytes[index + 1] <= 0x81 {
                let isRightQuote = bytes[index + 1] == 0x80 && bytes[index + 2] == 0x99
                if !(isRightQuote && tokens.inToken && index + 3 < count && isWordStart(bytes[index + 3])) { tokens.close() }
                index += 3
            } else {
                tokens.add(byte)
                index += 1
            }
        }
        tokens.close()
        return tokens.hashes
    }

    /// The token hashes made so far and the FNV-1a hash of the token being read. A value of its
    /// own, not variables captured by local functions: captured variables are boxed, and every
    /// access to a box is checked for exclusivity at run time.
    private struct TokenHashes {
        var hashes: [UInt64] = []
        var hash = StableHash.fnvOffsetBasis
        var inToken = false

        init(capacity: Int) { hashes.reserveCapacity(capacity) }

        /// Adds a folded byte to the token being read.
        @inline(__always) mutating func add(_ byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* StableHash.fnvPrime
            inToken = true
        }

        /// Ends the token being read, if any.
        @inline(__always) mutating func close() {
            if inToken { hashes.append(hash) }
            hash = StableHash.fnvOffsetBasis
            inToken = false
        }
    }

    /// True for a byte that can start a word.
    private static func isWordStart(_ byte: UInt8) -> Bool {
        byte >= 0x61 && byte <= 0x7A || byte >= 0x41 && byte <= 0x5A || byte >= 0x30 && byte <= 0x39 || byte >= 0xC3
    }
}

/// ASCII folds of the Latin-1 letters U+00C0–U+00FF, indexed by the low six bits of their second
/// UTF-8 byte; an empty fold (`×`, `÷`) separates words.
private enum LatinFold {
    static let table: [[UInt8]] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    ].map { Array($0.utf8) }
}

/// How much of an expected article body an extracted one holds, counted in word 4-grams, as
/// article-extraction benchmarks score bodies (ScrapingHub's article-extraction-benchmark,
/// whose rules trafilatura's published comparisons also use).
///
/// The rules, each as that benchmark's `evaluate.py` has it:
/// - Words are the runs of `\w` in Python's Unicode sense: scalars of a letter category (`L*`),
///   scalars with a numeric value (digits, `²`, `½`, Roman numerals…) and `_`. Combining marks
///   are not word scalars, so a decomposed `e` + U+0301 ends a word. Case is kept: `The` and
///   `the` are different words.
/// - A text's shingles are the multiset of its runs of `n` consecutive words (`n` = 4). A text
///   of 1 to `n − 1` words has one shingle, all its words (which can only match a text of
///   exactly those words); a text with no word has none.
/// - The overlap is the size of the multiset intersection: a shingle found 3 times in the
///   extraction and twice in the expected text counts 2.
/// - Precision is overlap ÷ extracted shingles and is undefined for an extraction with none;
///   recall is overlap ÷ expected shingles and is undefined when the expected text has none.
///   ``Mean`` leaves a page out of the mean it is undefined for: an empty extraction costs
///   recall (0 for that page), not precision.
public struct WordNGramOverlap: Sendable, Equatable {
    /// Words a shingle holds in article-extraction benchmarks.
    public static let standardLength = 4

    /// Shingles of the extracted text.
    public var extracted: Int
    /// Shingles of the expected text.
    public var expected: Int
    /// Shingles the two have in common (multiset intersection).
    public var overlap: Int

    /// Creates an overlap from its counts.
    public init(extracted: Int, expected: Int, overlap: Int) {
        self.extracted = extracted
        self.expected = expected
        self.overlap = overlap
    }

    /// Scores `extracted` against `expected` with shingles of `length` words.
    public init(extracted: String, expected: String, length: Int = standardLength) {
        let extractedShingles = Self.shingles(Self.words(extracted), length: length)
        let expectedShingles = Self.shingles(Self.words(expected), length: length)
        var overlap = 0
        for (shingle, count) in extractedShingles {
            overlap += min(count, expectedShingles[shingle, default: 0])
        }
        self.init(
            extracted: extractedShingles.values.reduce(0, +), expected: expectedShingles.values.reduce(0, +), overlap: overlap)
    }

    /// Overlap ÷ extracted shingles; nil when the extraction has none.
    public var precision: Double? { extracted > 0 ? Double(overlap) / Double(extracted) : nil }

    /// Overlap ÷ expected shingles; nil when the expected text has none.
    public var recall: Double? { expected > 0 ? Double(overlap) / Double(expected) : nil }

    /// The words of `text`: maximal runs of word scalars (see the type's rules), case kept.
    public static func words(_ text: String) -> [Substring] {
        var words: [Substring] = []
        var start: String.Index?
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index != scalars.endIndex {
            if isWordScalar(scalars[index]) {
                if start == nil { start = index }
            } else if let wordStart = start {
                words.append(Substring(scalars[wordStart..<index]))
                start = nil
            }
            scalars.formIndex(after: &index)
        }
        if let wordStart = start { words.append(Substring(scalars[wordStart..<index])) }
        return words
    }

    /// Whether `scalar` belongs to a word, as Python's Unicode `\w` decides: a letter, a scalar
    /// with a numeric value, or the underscore.
    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value) || value == 0x5F
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return scalar.properties.numericType != nil
        }
    }

    /// The multiset of shingles of `words`: each run of `length` consecutive words (joined by a
    /// space, which no word holds) with its count; all the words as one shingle when there are
    /// fewer than `length`, none when there is none.
    public static func shingles(_ words: [Substring], length: Int) -> [String: Int] {
        precondition(length > 0, "a shingle holds at least one word")
        var counts: [String: Int] = [:]
        guard !words.isEmpty else { return counts }
        for start in 0...max(0, words.count - length) {
            counts[words[start..<min(words.count, start + length)].joined(separator: " "), default: 0] += 1
        }
        return counts
    }
}

extension WordNGramOverlap {
    /// Precision and recall averaged over pages, every page weighing the same, and the F1 of the
    /// two means.
    public struct Mean: Sendable, Equatable {
        /// Pages scored.
        public var pages: Int
        /// Pages with a defined precision (an extraction with at least one shingle).
        public var precisionPages: Int
        /// Pages with a defined recall (an expected text with at least one shingle).
        public var recallPages: Int
        /// Mean precision over the `precisionPages`; 0 when there is none.
        public var precision: Double
        /// Mean recall over the `recallPages`; 0 when there is none.
        public var recall: Double

        /// Averages the pages' precision and recall, each over the pages it is defined for.
        public init(_ overlaps: [WordNGramOverlap]) {
            let precisions = overlaps.compactMap(\.precision)
            let recalls = overlaps.compactMap(\.recall)
            pages = overlaps.count
            precisionPages = precisions.count
            recallPages = recalls.count
            precision = precisions.isEmpty ? 0 : precisions.reduce(0, +) / Double(precisions.count)
            recall = recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count)
        }

        /// 2PR ÷ (P + R) of the mean precision and recall; 0 when both are 0.
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    }
}

import BenchSupport
import Testing

@Suite("word 4-gram overlap score")
struct WordNGramOverlapTests {
    @Test func wordsAreRunsOfUnicodeWordScalarsWithCaseKept() {
        let words = WordNGramOverlap.words("The cat's 2014_report: café, NAÏVE — 東京 ٣½ x²!")
        #expect(words == ["The", "cat", "s", "2014_report", "café", "NAÏVE", "東京", "٣½", "x²"])
        #expect(WordNGramOverlap.words("  — … ,. ").isEmpty)
        #expect(WordNGramOverlap.words("").isEmpty)
    }

    @Test func aCombiningMarkEndsAWordAsPythonsBackslashWDoes() {
        #expect(WordNGramOverlap.words("cafe\u{301}s") == ["cafe", "s"])
        #expect(WordNGramOverlap.words("caf\u{E9}s") == ["caf\u{E9}s"])
    }

    @Test func shinglesAreAMultisetOfFourWordRuns() {
        let shingles = WordNGramOverlap.shingles(WordNGramOverlap.words("a b c d a b c d"), length: 4)
        #expect(shingles == ["a b c d": 2, "b c d a": 1, "c d a b": 1, "d a b c": 1])
    }

    @Test func aTextShorterThanAShingleIsOneShingleOfAllItsWords() {
        #expect(WordNGramOverlap.shingles(["a", "b", "c"], length: 4) == ["a b c": 1])
        #expect(WordNGramOverlap.shingles(["a", "b", "c", "d"], length: 4) == ["a b c d": 1])
        #expect(WordNGramOverlap.shingles([], length: 4).isEmpty)
    }

    @Test func identicalTextsScoreOne() {
        let overlap = WordNGramOverlap(extracted: "One two three four five.", expected: "One two, three four five")
        #expect(overlap == WordNGramOverlap(extracted: 2, expected: 2, overlap: 2))
        #expect(overlap.precision == 1)
        #expect(overlap.recall == 1)
    }

    @Test func oneSharedShingleOfTwo() {
        // a b c d | b c d e  against  a b c d | b c d x
        let overlap = WordNGramOverlap(extracted: "a b c d e", expected: "a b c d x")
        #expect(overlap == WordNGramOverlap(extracted: 2, expected: 2, overlap: 1))
        #expect(overlap.precision == 0.5)
        #expect(overlap.recall == 0.5)
    }

    @Test func repeatedShinglesCountAsOftenAsBothTextsHaveThem() {
        // 5 extracted shingles with "a b c d" twice; the expected text has it once.
        let overlap = WordNGramOverlap(extracted: "a b c d a b c d", expected: "a b c d")
        #expect(overlap == WordNGramOverlap(extracted: 5, expected: 1, overlap: 1))
        #expect(overlap.precision == 0.2)
        #expect(overlap.recall == 1)
    }

    @Test func caseMatters() {
        let overlap = WordNGramOverlap(extracted: "The cat sat down", expected: "the cat sat down")
        #expect(overlap.overlap == 0)
        #expect(overlap.precision == 0)
    }

    @Test func shortTextsMatchOnlyTheSameWords() {
        #expect(WordNGramOverlap(extracted: "Hello world", expected: "hello? Hello, world!").overlap == 0)
        #expect(WordNGramOverlap(extracted: "Hello, world.", expected: "Hello world") == .init(extracted: 1, expected: 1, overlap: 1))
        #expect(WordNGramOverlap(extracted: "a b c d", expected: "a b c").overlap == 0)
    }

    @Test func emptyTextsLeaveTheirSideUndefined() {
        let nothingExtracted = WordNGramOverlap(extracted: " — ", expected: "a b c d")
        #expect(nothingExtracted.precision == nil)
        #expect(nothingExtracted.recall == 0)
        let nothingExpected = WordNGramOverlap(extracted: "a b c d", expected: "")
        #expect(nothingExpected.precision == 0)
        #expect(nothingExpected.recall == nil)
        let neither = WordNGramOverlap(extracted: "", expected: "")
        #expect(neither.precision == nil)
        #expect(neither.recall == nil)
    }

    @Test func meanWeighsEveryPageTheSameAndSkipsUndefinedSides() {
        let mean = WordNGramOverlap.Mean([
            WordNGramOverlap(extracted: 2, expected: 2, overlap: 1),  // P 1/2, R 1/2
            WordNGramOverlap(extracted: 0, expected: 30, overlap: 0),  // P undefined, R 0
            WordNGramOverlap(extracted: 500, expected: 100, overlap: 100),  // P 1/5, R 1
        ])
        #expect(mean.pages == 3)
        #expect(mean.precisionPages == 2)
        #expect(mean.recallPages == 3)
        #expect(abs(mean.precision - 0.35) < 1e-12)
        #expect(abs(mean.recall - 0.5) < 1e-12)
        #expect(abs(mean.f1 - 0.7 / 1.7) < 1e-12)  // 2 · 0.35 · 0.5 / 0.85
    }

    @Test func meanOfNothingIsZero() {
        let mean = WordNGramOverlap.Mean([WordNGramOverlap(extracted: 0, expected: 10, overlap: 0)])
        #expect(mean.precisionPages == 0)
        #expect(mean.precision == 0)
        #expect(mean.recall == 0)
        #expect(mean.f1 == 0)
        #expect(WordNGramOverlap.Mean([]).f1 == 0)
    }
}

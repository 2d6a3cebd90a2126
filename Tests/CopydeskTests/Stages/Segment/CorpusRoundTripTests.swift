import Foundation
import Testing

@testable import Copydesk

/// Every paragraph of the 295 real wikinews articles: the sentence ranges are in bounds,
/// increasing, non-overlapping, trimmed, and together cover every non-whitespace scalar.
@Suite(.needsSharedData) struct CorpusRoundTripTests {
    /// The corpus paragraphs: each article's text split on newlines, blank lines skipped.
    static func paragraphs() throws -> [String] {
        let url = SegmentTestSupport.sharedFile("corpus/wikinews.jsonl")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        var paragraphs: [String] = []
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let text = object?["text"] as? String ?? ""
            paragraphs += text.split(whereSeparator: \.isNewline).map(String.init)
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        return paragraphs
    }

    @Test func everyParagraphIsCoveredExactly() throws {
        let rules = try SegmentTestSupport.englishRules()
        let splitter = SentenceSplitter(rules: rules)
        let paragraphs = try Self.paragraphs()
        #expect(paragraphs.count > 3_000)
        var sentenceCount = 0
        var failures: [String] = []
        for paragraph in paragraphs {
            let scalars = Array(paragraph.unicodeScalars)
            let ranges = splitter.split(paragraph[...])
            sentenceCount += ranges.count
            var covered = [Bool](repeating: false, count: scalars.count)
            var previousEnd = 0
            var valid = true
            for range in ranges {
                guard range.lowerBound >= previousEnd, range.upperBound <= scalars.count, !range.isEmpty,
                    !scalars[range.lowerBound].properties.isWhitespace,
                    !scalars[range.upperBound - 1].properties.isWhitespace
                else { valid = false; break }
                for offset in range { covered[offset] = true }
                previousEnd = range.upperBound
            }
            let uncovered = scalars.indices.contains { !covered[$0] && !scalars[$0].properties.isWhitespace }
            if !valid || uncovered { failures.append(paragraph) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(sentenceCount > paragraphs.count)
    }
}

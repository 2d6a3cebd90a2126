import Foundation
import Testing

@testable import Copydesk

/// The splitter on the development sets of `../shared/nlp-dev` (read there, never copied):
/// floors under the exact-match rates `copydesk-bench` reports, so a change that loses many
/// cases is noticed. Skipped, with the reason, where the shared folder is absent.
@Suite(.needsNLPDevSet) struct SentenceQualityDataTests {
    static let directory = TestPaths.nlpDev

    /// The share of cases in `file` (text under `text`, gold under `sentences`) segmented exactly.
    private func exactShare(_ file: String) throws -> Double {
        let rules = try SegmentTestSupport.englishRules()
        let splitter = SentenceSplitter(rules: rules)
        var right = 0
        var total = 0
        for line in try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let text = try #require(object["text"] as? String)
            let expected = try #require(object["sentences"] as? [String])
            var got: [String] = []
            for paragraph in text.components(separatedBy: "\n\n") {
                got += ScalarOffsets.substrings(of: paragraph[...], ranges: splitter.split(paragraph[...])).map(String.init)
            }
            let collapse = { (sentence: String) in sentence.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            total += 1
            if got.map(collapse).filter({ !$0.isEmpty }) == expected.map(collapse).filter({ !$0.isEmpty }) { right += 1 }
        }
        return Double(right) / Double(max(total, 1))
    }

    @Test func gumParagraphs() throws {
        #expect(try exactShare("sentences_dev.jsonl") >= 0.925)
    }

    @Test func pragmaticCases() throws {
        #expect(try exactShare("sentences_pragmatic_extra.jsonl") >= 0.86)
    }
}

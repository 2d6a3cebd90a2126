import Foundation
import Testing

@testable import Copydesk

/// Hand-written boundary cases (`Fixtures/segment/boundary-cases.jsonl`): each paragraph and
/// the sentences a careful reader gives it.
@Suite struct SentenceSplitterTests {
    let rules: SegmentationRules

    init() throws {
        rules = try SegmentTestSupport.englishRules()
    }

    private func check(_ paragraph: String, _ expected: [String]) {
        #expect(SegmentTestSupport.sentences(of: paragraph, rules: rules) == expected)
    }

    /// One hand-written case of `Fixtures/segment/boundary-cases.jsonl`.
    struct BoundaryCase: Decodable, Sendable, CustomTestStringConvertible {
        let category: String
        let paragraph: String
        let sentences: [String]
        var testDescription: String { "\(category): \(paragraph.prefix(50))" }
    }

    /// The boundary cases, shared with the segmentation benchmark (`copydesk-bench segment`).
    static func cases() throws -> [BoundaryCase] {
        let text = try String(contentsOfFile: TestPaths.fixture("segment/boundary-cases.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(BoundaryCase.self, from: Data($0.utf8)) }
    }

    @Test func everyCategoryHasCases() throws {
        let cases = try Self.cases()
        #expect(
            Set(cases.map(\.category)) == [
                "Abbreviations", "Initials", "Decimals and amounts", "Times", "Ellipses", "Quotations",
                "Parentheses", "Lists", "Addresses", "Endings and spacing",
            ])
        #expect(cases.count >= 80)
    }

    @Test(arguments: try cases())
    func boundaries(_ boundaryCase: BoundaryCase) {
        check(boundaryCase.paragraph, boundaryCase.sentences)
    }

    @Test("Blank paragraphs have no sentences", arguments: ["", "   ", "\u{00A0}\t"])
    func blank(paragraph: String) {
        #expect(SentenceSplitter(rules: rules).split(paragraph[...]).isEmpty)
    }

    @Test func offsetsCountUnicodeScalars() {
        let paragraph = "Café owners met. “Prices rose,” one said."
        let ranges = SentenceSplitter(rules: rules).split(paragraph[...])
        #expect(ranges == [0..<16, 17..<41])
    }

    @Test func offsetsAreRelativeToTheSubstring() {
        let text = "Heading\nFirst one. Second one."
        let paragraph = text[text.index(text.startIndex, offsetBy: 8)...]
        #expect(SentenceSplitter(rules: rules).split(paragraph) == [0..<10, 11..<22])
    }
}

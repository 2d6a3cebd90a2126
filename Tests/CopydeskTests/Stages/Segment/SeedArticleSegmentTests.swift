import Foundation
import Testing

@testable import Copydesk

/// The real seed article's body paragraphs (lines 4 on, blank lines skipped), each split into
/// the sentences a careful reader gives. Expected sentences are written as their opening and
/// closing words so the article itself is not copied here.
///
/// Rule for quotations: a quote's internal sentences are separate sentences, and an
/// attribution after the closing quote (`," Ushakov told reporters.`) belongs to the quote's
/// last sentence. An ellipsis inside a continuing quotation is an omission, not a boundary.
@Suite(.needsSharedData) struct SeedArticleSegmentTests {
    /// Opening and closing words of one expected sentence.
    struct Expected: Sendable, CustomStringConvertible {
        let opening: String
        let closing: String
        var description: String { "\(opening) … \(closing)" }
    }

    static let expectedByParagraph: [(Int, [Expected])] = [
        (0, [Expected(opening: "MOSCOW (Sputnik) - Russian President", closing: "Yury Ushakov said on Thursday.")]),
        (1, [Expected(opening: "Yury Ushakov, an advisor", closing: "during their in-depth phone call.")]),
        (2, [Expected(opening: "\"Russian President Vladimir Putin had", closing: "Xi Jinping,\" the Kremlin aid said.")]),
        (3, [Expected(opening: "The presidents summed up", closing: "the statement read.")]),
        (4, [Expected(opening: "\"It was once again stated", closing: "stabilizing factor in global affairs.")]),
        (5, [Expected(opening: "Russia, China Renounce", closing: "Other State's Affairs")]),
        (
            6,
            [
                Expected(opening: "\"[The sides] expressed mutual rejection", closing: "internal affairs of other states."),
                Expected(opening: "Our countries also do not accept", closing: "pressure from the United States."),
                Expected(opening: "And most importantly, the leaders", closing: "Russia and China,\" Ushakov told reporters."),
            ]
        ),
        (7, [Expected(opening: "Developments in", closing: "Region")]),
        (8, [Expected(opening: "When discussing the developments", closing: "the one-China principle.")]),
        (9, [Expected(opening: "\"There was a substantive exchange", closing: "touched upon,\" the statement said.")]),
        (10, [Expected(opening: "In addition, the Chinese leader", closing: "Russian presidency in BRICS.")]),
        (12, [Expected(opening: "Russian President Vladimir Putin and", closing: "Yury Ushakov added.")]),
        (13, [Expected(opening: "\"During the conversation, much attention", closing: "sanctions,\" Ushakov noted.")]),
        (15, [Expected(opening: "Ushakov confirmed that Putin and Xi", closing: "made in rubles and yuan.")]),
        (
            16,
            [
                Expected(opening: "\"Financial cooperation was", closing: "touched upon."),
                Expected(opening: "Already over 90% of settlements", closing: "in rubles and yuan."),
                Expected(opening: "For further development,", closing: "reliable payments,\" Ushakov emphasized."),
            ]
        ),
        (18, [Expected(opening: "The trade between the two countries", closing: "the Kremlin aide shared.")]),
        (19, [Expected(opening: "\"It was noted with satisfaction", closing: "$227.7 billion,\" the statement said.")]),
    ]

    static func bodyParagraphs() throws -> [String] {
        let url = SegmentTestSupport.sharedFile("seed/000_62d86fb87979553c.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3)
            .map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    @Test func bodyHasTwentyParagraphs() throws {
        #expect(try Self.bodyParagraphs().count == 20)
    }

    @Test(arguments: expectedByParagraph)
    func paragraphSentences(index: Int, expected: [Expected]) throws {
        let paragraphs = try Self.bodyParagraphs()
        let sentences = SegmentTestSupport.sentences(of: paragraphs[index], rules: try SegmentTestSupport.englishRules())
        #expect(sentences.count == expected.count)
        for (sentence, want) in zip(sentences, expected) {
            #expect(sentence.hasPrefix(want.opening), "\(sentence)")
            #expect(sentence.hasSuffix(want.closing), "\(sentence)")
        }
    }
}

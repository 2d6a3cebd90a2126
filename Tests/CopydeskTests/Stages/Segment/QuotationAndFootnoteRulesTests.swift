import Foundation
import Testing

@testable import Copydesk

/// One test per boundary rule added for the pragmatic_segmenter cases: quotations kept whole,
/// quotations broken off with a dash, remarks in parentheses after a quotation, full-width
/// terminal marks, footnote numbers glued to a period, the pronoun `I` and counts after an
/// abbreviation, and `Q.` / `A.` labels.
@Suite struct QuotationAndFootnoteRulesTests {
    let rules: SegmentationRules

    init() throws {
        rules = try SegmentTestSupport.englishRules()
    }

    private func sentences(_ paragraph: String) -> [String] {
        SegmentTestSupport.sentences(of: paragraph, rules: rules)
    }

    @Test func noSentenceEndsInsideADoubleQuotation() {
        #expect(
            sentences("The mayor said: \"The bridge is shut. Use the ferry.\" Traffic slowed.") == [
                "The mayor said: \"The bridge is shut. Use the ferry.\"", "Traffic slowed.",
            ])
        #expect(
            sentences("She wrote: “We tried. We failed. We will try again.” The letter was read aloud.") == [
                "She wrote: “We tried. We failed. We will try again.”", "The letter was read aloud.",
            ])
        #expect(sentences("\"Stop! Stop!\" he shouted.") == ["\"Stop! Stop!\" he shouted."])
    }

    @Test func anAttributedQuotationEndingInACommaIsSplitAtItsSentences() {
        #expect(
            sentences("\"The bridge is shut. Use the ferry,\" the mayor said.") == [
                "\"The bridge is shut.", "Use the ferry,\" the mayor said.",
            ])
        #expect(sentences("'We won. We earned it,' she said.") == ["'We won.", "We earned it,' she said."])
    }

    @Test func noSentenceEndsInsideASingleQuotation() {
        #expect(
            sentences("'Oh dear!' said Tom, 'the train is late! We shall miss it!' He sat down.") == [
                "'Oh dear!' said Tom, 'the train is late! We shall miss it!'", "He sat down.",
            ])
        #expect(
            sentences("He recalls the motto: `Work hard! Rest well!' It hung in the hall.") == [
                "He recalls the motto: `Work hard! Rest well!'", "It hung in the hall.",
            ])
        #expect(
            sentences("The note said ‘back soon. Wait here’ (in pencil). Nobody waited.") == [
                "The note said ‘back soon. Wait here’ (in pencil).", "Nobody waited.",
            ])
    }

    @Test func apostrophesAndUnbalancedQuotesMarkNoQuotation() {
        #expect(sentences("They'll come 'round. It's late. We're tired.") == ["They'll come 'round.", "It's late.", "We're tired."])
        #expect(
            sentences("The town is called the \"Garden City \"by locals. It has many parks. See the \"Rose Walk\".") == [
                "The town is called the \"Garden City \"by locals.", "It has many parks.", "See the \"Rose Walk\".",
            ])
        #expect(
            sentences("The comet (also known as \"Blue 3) was seen in May. Later it was \"lost\" again.") == [
                "The comet (also known as \"Blue 3) was seen in May.", "Later it was \"lost\" again.",
            ])
    }

    @Test func aQuotationBrokenOffWithADashEndsBeforeACapitalisedWord() {
        #expect(
            sentences("\"We were about to--\" Then the lights went out.") == ["\"We were about to--\"", "Then the lights went out."])
        #expect(sentences("\"If only we—” She stopped.") == ["\"If only we—”", "She stopped."])
        #expect(sentences("\"We were about to--\" he began.") == ["\"We were about to--\" he began."])
    }

    @Test func aRemarkInParenthesesAfterAQuotationStaysWithItUnlessAnotherQuotationFollows() {
        #expect(
            sentences("'What a day! What a night!' (She was tired.)") == ["'What a day! What a night!' (She was tired.)"])
        #expect(
            sentences("\"I will be late!\" (Max was never on time.) \"Keep my seat. Thank you!\"") == [
                "\"I will be late!\"", "(Max was never on time.)", "\"Keep my seat. Thank you!\"",
            ])
    }

    @Test func fullWidthTerminalMarksEndSentences() {
        #expect(sentences("The test passed．Then it failed．") == ["The test passed．", "Then it failed．"])
        #expect(sentences("Is it ready？Yes！") == ["Is it ready？", "Yes！"])
    }

    @Test func footnoteNumbersGluedToAPeriodEndTheSentence() {
        #expect(
            sentences("Costs rose in every region.4 5 Wages did not.") == ["Costs rose in every region.4 5", "Wages did not."])
        #expect(sentences("The survey ran for a year (2019).7 Results follow.") == ["The survey ran for a year (2019).7", "Results follow."])
        #expect(sentences("Version 2.1 Ships today.") == ["Version 2.1 Ships today."])
        #expect(sentences("See fig.3 Details are below.") == ["See fig.3 Details are below."])
        #expect(sentences("The file is report.2024 Final.") == ["The file is report.2024 Final."])
    }

    @Test func thePronounIAndCountsOpenASentenceAfterAnAbbreviation() {
        #expect(sentences("We flew to the U.K. I slept on the plane.") == ["We flew to the U.K.", "I slept on the plane."])
        #expect(sentences("The book is by J. I. Marsh.") == ["The book is by J. I. Marsh."])
        #expect(sentences("He moved to the U.S. Thousands followed him.") == ["He moved to the U.S.", "Thousands followed him."])
        #expect(sentences("We just ... I don't know.") == ["We just ... I don't know."])
    }

    @Test func aSingleCapitalLabelOpensTheSentence() {
        #expect(
            sentences("Q. Where were you? A. At home with Mary B. Jones.") == [
                "Q. Where were you?", "A. At home with Mary B. Jones.",
            ])
    }
}

@Suite struct TableOfContentsRuleTests {
    @Test func aPageNumberAfterLeaderDotsEndsTheLinesSentence() throws {
        let rules = try SegmentTestSupport.englishRules()
        let sentences = SegmentTestSupport.sentences(
            of: "Early Years..........3\nWhy Now?........ 12\nIndex ...... 40-41", rules: rules)
        #expect(sentences == ["Early Years..........3", "Why Now?........ 12", "Index ...... 40-41"])
    }
}

import Foundation
import Testing

@testable import Copydesk

/// One test per boundary rule for news copy: clock times, e-mail addresses, ellipses at
/// the end of quotations, bracketed omissions, four-dot ellipses, line breaks inside a
/// paragraph, reference marks, list markers and dashes after interjections.
@Suite struct SentenceBoundaryRulesTests {
    let rules: SegmentationRules

    init() throws {
        rules = try SegmentTestSupport.englishRules()
    }

    private func sentences(_ paragraph: String) -> [String] {
        SegmentTestSupport.sentences(of: paragraph, rules: rules)
    }

    @Test func aTimeEndsTheSentenceBeforeACapitalisedWord() {
        #expect(sentences("The polls closed at 8 p.m. Officials began counting.") == ["The polls closed at 8 p.m.", "Officials began counting."])
        #expect(
            sentences("Trading resumed at 9 A.M. Ms. Lee declined to comment.") == ["Trading resumed at 9 A.M.", "Ms. Lee declined to comment."])
        #expect(sentences("The ferry left at 6 a.m. It was full.") == ["The ferry left at 6 a.m.", "It was full."])
    }

    @Test func aTimeThatOpensTheSentenceOrIsFollowedByADayOrZoneDoesNotEndIt() {
        #expect(sentences("At 7 a.m. Dr. Patel opened the clinic.") == ["At 7 a.m. Dr. Patel opened the clinic."])
        #expect(sentences("The rally starts at 11 a.m. Saturday near the park.") == ["The rally starts at 11 a.m. Saturday near the park."])
        #expect(sentences("The result came at 10 p.m. EST on Friday.") == ["The result came at 10 p.m. EST on Friday."])
        #expect(sentences("He filed at 4 p.m. and left.") == ["He filed at 4 p.m. and left."])
    }

    @Test func anEmailAddressWithDotsEndsASentenceOnlyAtItsFinalPeriod() {
        #expect(
            sentences("Send tips to news.desk@example.org. Editors read them daily.") == [
                "Send tips to news.desk@example.org.", "Editors read them daily.",
            ])
        #expect(sentences("Write to Anna.Berg@Example.com for details.") == ["Write to Anna.Berg@Example.com for details."])
    }

    @Test func anEllipsisEndingAQuotationStaysWithIt() {
        #expect(
            sentences("The mayor said the plan would \"cost less and deliver more. . . .\" Critics disagreed.") == [
                "The mayor said the plan would \"cost less and deliver more. . . .\"", "Critics disagreed.",
            ])
        #expect(sentences("She wrote that “the river will rise again. . . .”") == ["She wrote that “the river will rise again. . . .”"])
    }

    @Test func aBracketedOmissionAndACitationAfterTheQuoteStayInTheSentence() {
        #expect(sentences("\"Voters [...] wanted change [...]\" (Jones 12).") == ["\"Voters [...] wanted change [...]\" (Jones 12)."])
        #expect(sentences("\"We waited [...] for hours.\" Then the bus came.") == ["\"We waited [...] for hours.\"", "Then the bus came."])
    }

    @Test func fourDotEllipses() {
        // A period glued to the word, then a spaced ellipsis: the ellipsis opens the next sentence.
        #expect(
            sentences("The plan was shelved. . . . Nobody objected. . . .") == ["The plan was shelved.", ". . . Nobody objected. . . ."])
        // Four dots glued, or a spaced run after a space, end the sentence after the whole run.
        #expect(sentences("He never called back.... The line went dead.") == ["He never called back....", "The line went dead."])
        #expect(sentences("The note ends here . . . . Another one begins.") == ["The note ends here . . . .", "Another one begins."])
    }

    @Test func aLineBrokenInTheMiddleOfASentenceDoesNotEndIt() {
        #expect(sentences("The council voted to\nraise the fee on Monday.") == ["The council voted to\nraise the fee on Monday."])
        #expect(sentences("It rained all \nnight in the valley.") == ["It rained all \nnight in the valley."])
        #expect(
            sentences("The committee that met in\nBrussels agreed on the text.") == ["The committee that met in\nBrussels agreed on the text."])
    }

    @Test func headingAndItemLinesEndAtTheLineBreak() {
        #expect(sentences("schedule\nticket prices\nparking") == ["schedule", "ticket prices", "parking"])
        #expect(sentences("Opening hours\nThe museum opens at nine every day.") == ["Opening hours", "The museum opens at nine every day."])
        #expect(sentences("a. Bring water\nCheck the forecast first.") == ["a. Bring water", "Check the forecast first."])
        #expect(sentences("Pack light\n• a raincoat\n• boots") == ["Pack light", "• a raincoat", "• boots"])
        #expect(sentences("Old text\r\nNew text follows here.") == ["Old text", "New text follows here."])
    }

    @Test func referenceMarksBelongToTheSentenceTheyFollow() {
        #expect(sentences("The bridge opened in 1932. [4] It was widened later.") == ["The bridge opened in 1932. [4]", "It was widened later."])
        #expect(sentences("The dam failed.[2][3] Crews arrived.") == ["The dam failed.[2][3]", "Crews arrived."])
        #expect(sentences("It closed in 1990. [7]") == ["It closed in 1990. [7]"])
        #expect(sentences("Trials ran for years. [1 – 3] Results varied.") == ["Trials ran for years. [1 – 3]", "Results varied."])
    }

    @Test func parenthesisedAndRomanListMarkersStartSentences() {
        #expect(sentences("(a) Check the map. (b) Pack food.") == ["(a) Check the map.", "(b) Pack food."])
        #expect(sentences("i) Call home. ii) Lock up. iii) Leave.") == ["i) Call home.", "ii) Lock up.", "iii) Leave."])
        #expect(sentences("(i) Call home\n(ii) Lock up") == ["(i) Call home", "(ii) Lock up"])
        #expect(sentences("He said it. vi. is not a marker.") == ["He said it. vi. is not a marker."])
    }

    @Test func aDashAfterAnInterjectionContinuesTheSentence() {
        #expect(sentences("He tried and -- surprise! -- it worked.") == ["He tried and -- surprise! -- it worked."])
        #expect(sentences("Was it fair? — nobody asked.") == ["Was it fair? — nobody asked."])
    }

    @Test func rupeesStandBeforeAnAmount() {
        #expect(sentences("The fare is Rs. 250 per seat.") == ["The fare is Rs. 250 per seat."])
    }
}

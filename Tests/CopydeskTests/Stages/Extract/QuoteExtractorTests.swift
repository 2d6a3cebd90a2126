import Testing

@testable import Copydesk

/// Quotations and their speakers in hand-written paragraphs.
struct QuoteExtractorTests {
    /// A paragraph and the last quotation expected in it (`nil` quote: none at all).
    struct Case: Sendable, CustomStringConvertible {
        let paragraph: String
        let quote: String?
        var speaker: String? = nil
        var verb: String? = nil
        var description: String { paragraph }
    }

    static let cases: [Case] = [
        Case(
            paragraph: "\"We will not back down,\" said union spokesman Pieter de Vries.",
            quote: "We will not back down", speaker: "Pieter de Vries", verb: "said"),
        Case(
            paragraph: "\"Margins will recover,\" Chief Executive Lena Holm told analysts.",
            quote: "Margins will recover", speaker: "Lena Holm", verb: "told"),
        Case(
            paragraph: "Kremlin aide Yury Ushakov spoke after the call. \"The talks were useful and frank,\" Ushakov told reporters.",
            quote: "The talks were useful and frank", speaker: "Yury Ushakov", verb: "told"),
        Case(
            paragraph: "Kremlin aide Yury Ushakov briefed the press. \"Trade keeps growing this year,\" the Kremlin aide said.",
            quote: "Trade keeps growing this year", speaker: "Yury Ushakov", verb: "said"),
        Case(
            paragraph: "\"Trade keeps growing this year,\" the Kremlin aide said.",
            quote: "Trade keeps growing this year", speaker: "the Kremlin aide", verb: "said"),
        Case(
            paragraph: "Finance Minister Anna Berg met the unions. \"We will not raise taxes,\" she said.",
            quote: "We will not raise taxes", speaker: "Anna Berg", verb: "said"),
        Case(
            paragraph: "Coach Peter Lind praised the team. \"They played with real heart,\" he added.",
            quote: "They played with real heart", speaker: "Peter Lind", verb: "added"),
        Case(
            paragraph: "\"The sides agreed to continue the dialogue,\" the statement read.",
            quote: "The sides agreed to continue the dialogue", speaker: "the statement", verb: "read"),
        Case(
            paragraph: "\"Relations are at an unprecedented high level,\" the Kremlin said.",
            quote: "Relations are at an unprecedented high level", speaker: "Kremlin", verb: "said"),
        Case(
            paragraph: "President Vladimir Putin met the governors. \"Much work remains to be done,\" Putin noted.",
            quote: "Much work remains to be done", speaker: "Vladimir Putin", verb: "noted"),
        Case(
            paragraph: "Yury Ushakov met the envoys. \"Payments must be reliable,\" Ushakov emphasized.",
            quote: "Payments must be reliable", speaker: "Yury Ushakov", verb: "emphasized"),
        Case(
            paragraph: "\"The reactor is safe and under control,\" said the ministry spokesperson.",
            quote: "The reactor is safe and under control", speaker: "the ministry spokesperson", verb: "said"),
        Case(
            paragraph: "Senator Maria Lopez spoke at the hearing. \"This bill protects workers,\" said Lopez.",
            quote: "This bill protects workers", speaker: "Maria Lopez", verb: "said"),
        Case(
            paragraph: "Yury Ushakov said: \"The leaders discussed energy projects in detail.\"",
            quote: "The leaders discussed energy projects in detail.", speaker: "Yury Ushakov", verb: "said"),
        Case(
            paragraph: "The ministry told reporters: \"No decision has been taken on the pipeline.\"",
            quote: "No decision has been taken on the pipeline.", speaker: "The ministry", verb: "told"),
        Case(
            paragraph: "\"The bridge will reopen next month,\" according to the city council.",
            quote: "The bridge will reopen next month", speaker: "the city council", verb: "according to"),
        Case(
            paragraph: "“We expect the vote to pass easily,” the spokeswoman confirmed.",
            quote: "We expect the vote to pass easily", speaker: "the spokeswoman", verb: "confirmed"),
        Case(
            paragraph: "“The ceasefire is holding. Both sides have pulled back,” Gen. Mark Ellis told the BBC.",
            quote: "The ceasefire is holding. Both sides have pulled back", speaker: "Mark Ellis", verb: "told"),
        Case(
            paragraph: "\"It is a difficult moment for the country. We must stay united.\"",
            quote: "It is a difficult moment for the country. We must stay united.", speaker: nil, verb: nil),
        Case(paragraph: "\"No,\" she said.", quote: "No", speaker: "she", verb: "said"),
        Case(
            paragraph: "President Xi Jinping spoke first. \"Cooperation benefits both nations,\" Xi stressed.",
            quote: "Cooperation benefits both nations", speaker: "Xi Jinping", verb: "stressed"),
        Case(
            paragraph: "\"Prices will fall in spring,\" the central bank governor explained.",
            quote: "Prices will fall in spring", speaker: "the central bank governor", verb: "explained"),
        Case(
            paragraph: "\"The door remains open,\" wrote Prime Minister Olaf Berg on social media.",
            quote: "The door remains open", speaker: "Olaf Berg", verb: "wrote"),
        Case(
            paragraph: "\"Who will pay for this?\" asked one resident.",
            quote: "Who will pay for this?", speaker: "one resident", verb: "asked"),
        Case(
            paragraph: "Chinese President Xi Jinping welcomed the guests. \"Our friendship is strong,\" the Chinese President said.",
            quote: "Our friendship is strong", speaker: "Xi Jinping", verb: "said"),
        Case(paragraph: "Putin confirmed his position and support for the \"one-China\" principle.", quote: nil),
        Case(paragraph: "The so-called \"peace plan\" was rejected by both sides.", quote: nil),
        Case(paragraph: "Officials called the shooting \"unintentional\" and blamed \"human error\" for it.", quote: nil),
        Case(paragraph: "The police declared a \"terrorist-related\" incident on Sunday.", quote: nil),
        Case(paragraph: "The novel \"War and Peace\" was adapted again.", quote: nil),
        Case(paragraph: "A sign reading \"closed for repairs\" hung on the door.", quote: nil),
        Case(paragraph: "No quotation appears in this sentence at all.", quote: nil),
        // A place is never the speaker of a quote by someone in that place.
        Case(
            paragraph: "Officials in Moscow said: \"We will respond in kind.\"", quote: "We will respond in kind.", speaker: "Officials in Moscow",
            verb: "said"),
        Case(
            paragraph: "A spokesman in Moscow said: \"The talks have failed.\"", quote: "The talks have failed.", speaker: "A spokesman in Moscow",
            verb: "said"),
        // A title's dot does not end the speaker: the person after it speaks, not `Dr`.
        Case(
            paragraph: "\"The virus is spreading fast,\" said Dr. Hans Kluge, the regional director.", quote: "The virus is spreading fast",
            speaker: "Hans Kluge", verb: "said"),
        Case(
            paragraph: "The director, Dr. Anna Berg, said: \"The trial is over.\"", quote: "The trial is over.", speaker: "Anna Berg", verb: "said"),
        Case(paragraph: "\"We are ready for the vote,\" Dr said.", quote: "We are ready for the vote", speaker: nil, verb: "said"),
    ]

    @Test(arguments: cases)
    func findsTheQuote(_ c: Case) throws {
        let a = try ExtractTestSupport.annotated(c.paragraph)
        guard let text = c.quote else {
            #expect(a.quotes.isEmpty, "unexpected \(a.quotes.map(\.text))")
            return
        }
        let q = a.quotes.last
        #expect(q?.text == text)
        #expect(q?.speaker == c.speaker)
        #expect(q?.verb == c.verb)
        if let q {
            #expect(ExtractTestSupport.isEnclosedText(of: q, in: a.text))
            #expect(a.sentences[q.sentence].start <= q.start)
        }
    }

    @Test func quoteRunsOverParagraphsWhenTheNextOpensWithAMark() throws {
        var a = try ExtractTestSupport.article(
            [
                ("\"The first part of the statement covers trade.", false),
                ("\"The second part covers energy,\" the minister said.", false),
            ], date: "2024-02-08")
        try ExtractTestSupport.extractor().annotate(&a)
        #expect(a.quotes.count == 1)
        #expect(a.quotes.first?.start == 0)
        #expect(a.quotes.first?.text == "The first part of the statement covers trade.\n\n\"The second part covers energy")
        #expect(a.quotes.first?.speaker == "the minister")
    }

    @Test func unclosedQuoteAtParagraphEndIsDropped() throws {
        var a = try ExtractTestSupport.article(
            [
                ("\"The first part never closes.", false),
                ("The next paragraph is narration.", false),
            ], date: "2024-02-08")
        try ExtractTestSupport.extractor().annotate(&a)
        #expect(a.quotes.isEmpty)
    }
}

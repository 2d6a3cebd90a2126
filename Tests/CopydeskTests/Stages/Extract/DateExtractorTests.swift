import Testing

@testable import Copydesk

/// Date mentions in sentences of an article dated Thursday 2024-02-08.
struct DateExtractorTests {
    /// A sentence and the single date mention expected in it (`nil` text: no mention).
    struct Case: Sendable, CustomStringConvertible {
        let sentence: String
        let text: String?
        let value: String?
        let resolution: String
        var description: String { sentence }
    }

    static let cases: [Case] = [
        Case(sentence: "The summit opened on 2024-02-08 in Beijing.", text: "2024-02-08", value: "2024-02-08", resolution: "absolute"),
        Case(
            sentence: "The deal was signed on February 8, 2024, officials said.", text: "February 8, 2024", value: "2024-02-08",
            resolution: "absolute"),
        Case(sentence: "Talks resumed on 8 Feb 2024 after a pause.", text: "8 Feb 2024", value: "2024-02-08", resolution: "absolute"),
        Case(sentence: "The ministry published the figures on Feb. 8 without comment.", text: "Feb. 8", value: "2024-02-08", resolution: "relative"),
        Case(sentence: "Voting will take place on March 3 across the country.", text: "March 3", value: "2024-03-03", resolution: "relative"),
        Case(sentence: "The storm hit the coast on December 28, causing floods.", text: "December 28", value: "2023-12-28", resolution: "relative"),
        Case(
            sentence: "Friday, January 4, 2019 was a cold day in the Urals.", text: "Friday, January 4, 2019", value: "2019-01-04",
            resolution: "absolute"),
        Case(
            sentence: "The agreement dates from 12 March 1999 and remains in force.", text: "12 March 1999", value: "1999-03-12",
            resolution: "absolute"),
        Case(sentence: "The law took effect on the 1st of March 2020.", text: "1st of March 2020", value: "2020-03-01", resolution: "absolute"),
        Case(
            sentence: "Kremlin aide Yury Ushakov said on Thursday that talks went well.", text: "on Thursday", value: "2024-02-08",
            resolution: "relative"),
        Case(sentence: "The two leaders spoke on Monday by phone.", text: "on Monday", value: "2024-02-05", resolution: "relative"),
        Case(sentence: "Rescuers reached the site on Friday afternoon.", text: "on Friday", value: "2024-02-02", resolution: "relative"),
        Case(sentence: "The bill passed the lower house last Thursday.", text: "last Thursday", value: "2024-02-01", resolution: "relative"),
        Case(sentence: "The minister will visit Paris next Tuesday.", text: "next Tuesday", value: "2024-02-13", resolution: "relative"),
        Case(sentence: "Officials confirmed yesterday that the bridge would reopen.", text: "yesterday", value: "2024-02-07", resolution: "relative"),
        Case(sentence: "The central bank meets today to set rates.", text: "today", value: "2024-02-08", resolution: "relative"),
        Case(sentence: "Results are expected tomorrow, the commission said.", text: "tomorrow", value: "2024-02-09", resolution: "relative"),
        Case(sentence: "Prices rose sharply last week in most regions.", text: "last week", value: nil, resolution: "unresolved: range"),
        Case(sentence: "The target was reached a year earlier than planned.", text: "a year earlier", value: nil, resolution: "unresolved: range"),
        Case(sentence: "Exports fell last year for the first time in a decade.", text: "last year", value: nil, resolution: "unresolved: range"),
        Case(sentence: "Parliament will vote on the budget in May, the speaker said.", text: "May", value: nil, resolution: "unresolved: month"),
        Case(sentence: "Inflation has slowed since March, the agency reported.", text: "March", value: nil, resolution: "unresolved: month"),
        Case(sentence: "The plant closed in January 2019 after a fire.", text: "January 2019", value: nil, resolution: "unresolved: month"),
        Case(sentence: "The election is set for May 5 in most districts.", text: "May 5", value: "2024-05-05", resolution: "relative"),
        Case(sentence: "Yesterday, the court rejected the appeal.", text: "Yesterday", value: "2024-02-07", resolution: "relative"),
        Case(sentence: "The ceasefire began on Sept. 9, 2023, in the north.", text: "Sept. 9, 2023", value: "2023-09-09", resolution: "absolute"),
        Case(sentence: "Former prime minister Theresa May said the plan was sound.", text: nil, value: nil, resolution: ""),
        Case(sentence: "Theresa May visited the factory with local officials.", text: nil, value: nil, resolution: ""),
        Case(sentence: "Protesters march through the capital every week.", text: nil, value: nil, resolution: ""),
        Case(sentence: "The company may raise prices again, analysts warned.", text: nil, value: nil, resolution: ""),
        Case(sentence: "Some 2,024 people signed the petition.", text: nil, value: nil, resolution: ""),
        Case(sentence: "The report listed February 30, 2023 as the deadline by mistake.", text: nil, value: nil, resolution: ""),
    ]

    @Test(arguments: cases)
    func findsTheDate(_ c: Case) throws {
        let a = try ExtractTestSupport.annotated(c.sentence)
        guard let text = c.text else {
            #expect(a.dates.isEmpty, "unexpected \(a.dates.map(\.text))")
            return
        }
        #expect(a.dates.count == 1)
        let d = a.dates.first
        #expect(d?.text == text)
        #expect(d?.value == c.value)
        #expect(d?.resolution == c.resolution)
        if let d { #expect(ExtractTestSupport.slice(a.text, d.start, d.end) == d.text) }
    }

    @Test func weekdayWithoutArticleDateIsUnresolved() throws {
        let a = try ExtractTestSupport.annotated("The talks ended on Monday without a deal.", date: nil)
        #expect(a.dates.first?.value == nil)
        #expect(a.dates.first?.resolution == "unresolved: no article date")
    }

    @Test func missingArticleDateComesFromTheFirstParagraph() throws {
        var a = try ExtractTestSupport.article([("Friday, January 4, 2019", false), ("An apartment building collapsed on Monday.", false)])
        try ExtractTestSupport.extractor().annotate(&a)
        #expect(a.date == "2019-01-04")
        #expect(a.dates.last?.value == "2018-12-31")
    }

    @Test func articleDateStaysNilWithoutAFullDateUpFront() throws {
        var a = try ExtractTestSupport.article([("On Saturday morning the jet was shot down.", false)])
        try ExtractTestSupport.extractor().annotate(&a)
        #expect(a.date == nil)
    }
}

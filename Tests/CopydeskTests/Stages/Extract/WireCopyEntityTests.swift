import Testing

@testable import Copydesk

/// Entities in hand-written wire and broadcast copy, one case per error class seen on real news:
/// months read as places, companies and clubs read as people or places, headlines, datelines,
/// sports results, organisations named after places, and names with initials or particles.
struct WireCopyEntityTests {
    /// Blocks of an article (`heading` marks a headline), the `text|type` pairs it must yield
    /// and the `text|type` pairs it must not.
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let blocks: [String]
        var headings: Set<Int> = []
        let expected: [String]
        var absent: [String] = []
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "months are dates, not places",
            blocks: ["The ceasefire talks resumed in December and broke down again in May, diplomats said."],
            expected: [], absent: ["December|location", "May|location", "December|organization"]),
        Case(
            name: "companies are organisations, not people or places",
            blocks: ["Time Warner and Warner Bros said on Tuesday that TimeWarner would cut 2,000 jobs."],
            expected: ["Time Warner|organization", "Warner Bros|organization"],
            absent: ["Warner|person", "Warner Bros|person", "TimeWarner|location", "TimeWarner|person"]),
        Case(
            name: "a football club is an organisation, not a person",
            blocks: ["Manchester United beat Arsenal at Old Trafford, and Bayern Munich drew with Borussia Dortmund."],
            expected: ["Manchester United|organization", "Arsenal|organization", "Bayern Munich|organization", "Borussia Dortmund|organization"],
            absent: ["Manchester United|person", "Borussia Dortmund|person", "Bayern Munich|location"]),
        Case(
            name: "a wire dateline gives the place and the agency",
            blocks: ["WASHINGTON (Reuters) - U.S. President Bill Clinton met Russian President Boris Yeltsin in Helsinki on Friday."],
            expected: [
                "WASHINGTON|location", "Reuters|organization", "U.S.|location", "Bill Clinton|person", "Boris Yeltsin|person", "Helsinki|location",
            ],
            absent: ["President|person"]),
        Case(
            name: "sports results name teams, and a national side keeps its place type",
            blocks: [
                "Bundesliga results on Saturday:",
                "Bayern Munich 1 Hansa Rostock 1, Werder Bremen 2 Schalke 0, Karlsruhe 3 Cologne 1",
                "Cricket: England 326 Pakistan 201",
            ],
            expected: [
                "Bayern Munich|organization", "Hansa Rostock|organization", "Werder Bremen|organization", "Schalke|organization",
                "Karlsruhe|organization", "Cologne|organization", "England|location", "Pakistan|location",
            ],
            absent: ["Karlsruhe|person", "Hansa Rostock|person"]),
        Case(
            name: "an all-capitals headline yields places but never an organisation",
            blocks: [
                "SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT",
                "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria.",
            ],
            headings: [0],
            expected: ["JAPAN|location", "CHINA|location", "Japan|location", "Syria|location"],
            absent: ["SOCCER|organization", "JAPAN GET LUCKY WIN|organization"]),
        Case(
            name: "organisations named after places are organisations as a whole",
            blocks: ["The Bank of England and the New York Stock Exchange were closed, and Manchester City postponed their match."],
            expected: ["Bank of England|organization", "New York Stock Exchange|organization", "Manchester City|organization"],
            absent: ["England|location", "New York|location", "Manchester|location"]),
        Case(
            name: "names with particles stay whole",
            blocks: ["Ludwig van Beethoven was admired by Charles de Gaulle, and a portrait of Vincent van Gogh hung nearby."],
            expected: ["Ludwig van Beethoven|person", "Charles de Gaulle|person", "Vincent van Gogh|person"],
            absent: ["Charles|person", "Gaulle|person"]),
        Case(
            name: "names with initials stay whole",
            blocks: ["George W. Bush telephoned Prime Minister Tony Blair after J.P. Morgan analysts cut their forecast."],
            expected: ["George W. Bush|person", "Tony Blair|person", "J.P. Morgan|organization"],
            absent: ["Morgan|person", "Bush|person"]),
        Case(
            name: "a company suffix makes an organisation and a title inside a name introduces a person",
            blocks: ["Shares of Veldhoven Optics Holding NV rose after Marin County District Attorney Carla Reyes dropped the case."],
            expected: ["Veldhoven Optics Holding NV|organization", "Carla Reyes|person"],
            absent: ["Holding NV|person", "Marin County District Attorney Carla Reyes|location", "Marin County District Attorney Carla Reyes|person"]),
        Case(
            name: "a title alone is no person",
            blocks: ["The Secretary of State said the President would travel on Monday."],
            expected: [], absent: ["State|location", "President|person", "Secretary|person"]),
    ]

    @Test(arguments: cases)
    func findsTheEntities(_ c: Case) throws {
        var a = try ExtractTestSupport.article(c.blocks.enumerated().map { ($0.element, c.headings.contains($0.offset)) }, date: "1996-08-30")
        try ExtractTestSupport.extractor().annotate(&a)
        let found = Set(a.entities.map { "\($0.text)|\($0.type.rawValue)" })
        for e in c.expected { #expect(found.contains(e), "missing \(e) in \(found.sorted())") }
        for e in c.absent { #expect(!found.contains(e), "unexpected \(e) in \(found.sorted())") }
        for e in a.entities { #expect(ExtractTestSupport.slice(a.text, e.start, e.end) == e.text) }
        let headingEnd = c.headings.map { a.paragraphs[$0].end }.max() ?? -1
        #expect(!a.entities.contains { $0.type == .organization && $0.end <= headingEnd }, "an organisation in a heading")
    }
}

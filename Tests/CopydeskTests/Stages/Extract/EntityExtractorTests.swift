import Testing

@testable import Copydesk

/// Entities in hand-written sentences: each case lists expected `text|type|canonical` triples
/// that must be found, and texts that must not be tagged.
struct EntityExtractorTests {
    /// A sentence, the mentions it must yield and the texts it must not tag.
    struct Case: Sendable, CustomStringConvertible {
        let sentence: String
        let expected: [String]
        var absent: [String] = []
        var description: String { sentence }
    }

    static let cases: [Case] = [
        Case(
            sentence: "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing.",
            expected: [
                "Russian|group|Russian", "Vladimir Putin|person|Vladimir Putin", "Chinese|group|Chinese",
                "Xi Jinping|person|Xi Jinping", "Beijing|location|Beijing",
            ]),
        Case(
            sentence: "The call was described by Kremlin aide Yury Ushakov.",
            expected: ["Kremlin|organization|Kremlin", "Yury Ushakov|person|Yury Ushakov"]),
        Case(
            sentence: "Later, Yury Ushakov said Ushakov had no further comment.",
            expected: ["Yury Ushakov|person|Yury Ushakov", "Ushakov|person|Yury Ushakov"]),
        Case(
            sentence: "Officials in the US and the United States Congress disagreed.",
            expected: ["US|location|United States"]),
        Case(
            sentence: "The UK and the U.S. signed the accord with the EU.",
            expected: ["UK|location|United Kingdom", "U.S.|location|United States", "EU|organization|European Union"]),
        Case(sentence: "He spoke to us about the plan in private.", expected: [], absent: ["us"]),
        Case(
            sentence: "Yury Ushakov is an advisor to the President of the Russian Federation.",
            expected: ["Yury Ushakov|person|Yury Ushakov", "Russian Federation|location|Russia"], absent: ["President"]),
        Case(
            sentence: "Reports came from Reuters, AP, AFP and Xinhua within the hour.",
            expected: [
                "Reuters|organization|Reuters", "AP|organization|Associated Press",
                "AFP|organization|Agence France-Presse", "Xinhua|organization|Xinhua",
            ]),
        Case(
            sentence: "The White House and the Pentagon rejected the claims made in Moscow.",
            expected: ["White House|organization|White House", "Pentagon|organization|Pentagon", "Moscow|location|Moscow"]),
        Case(
            sentence: "Leaders of NATO and BRICS met in the Asia-Pacific region.",
            expected: ["NATO|organization|NATO", "BRICS|organization|BRICS", "Asia-Pacific|location|Asia-Pacific"]),
        Case(
            sentence: "The conflict in the Middle East and tension over Taiwan dominated the talks.",
            expected: ["Middle East|location|Middle East", "Taiwan|location|Taiwan"]),
        Case(
            sentence: "The Investigative Committee opened a case against the firm.",
            expected: ["Investigative Committee|organization|Investigative Committee"], absent: ["The"]),
        Case(
            sentence: "A statement from the Ministry of Foreign Affairs followed.",
            expected: ["Ministry of Foreign Affairs|organization|Ministry of Foreign Affairs"]),
        Case(
            sentence: "Shares of Acme Holdings Corp fell sharply.",
            expected: ["Acme Holdings Corp|organization|Acme Holdings Corp"]),
        Case(
            sentence: "Students at Harvard University protested on campus.",
            expected: ["Harvard University|organization|Harvard University"]),
        Case(
            sentence: "The Federal Security Service (FSB) said the suspect was detained.",
            expected: ["Federal Security Service|organization|Federal Security Service", "FSB|organization|Federal Security Service"]),
        Case(
            sentence: "Emergencies Minister Yevgeny Zinichev flew to the site.",
            expected: ["Yevgeny Zinichev|person|Yevgeny Zinichev"]),
        Case(
            sentence: "Dr. Anna Berg and Mr. Tom Hale led the research team.",
            expected: ["Anna Berg|person|Anna Berg", "Tom Hale|person|Tom Hale"]),
        Case(
            sentence: "Nancy Pelosi was elected Speaker of the House again.",
            expected: ["Nancy Pelosi|person|Nancy Pelosi"]),
        Case(
            sentence: "The explosion happened in Magnitogorsk early in the morning.",
            expected: ["Magnitogorsk|location|Magnitogorsk"]),
        Case(sentence: "Rescuers worked through the night in freezing cold.", expected: [], absent: ["Rescuers"]),
        Case(sentence: "When the storm passed, crews cleared the roads.", expected: [], absent: ["When"]),
        Case(
            sentence: "Palestinians and Israelis marched in Jerusalem.",
            expected: ["Palestinians|group|Palestinian", "Israelis|group|Israeli", "Jerusalem|location|Jerusalem"]),
        Case(
            sentence: "Former prime minister Theresa May addressed the conference.",
            expected: ["Theresa May|person|Theresa May"]),
        Case(
            sentence: "MOSCOW and Kyiv exchanged prisoners on Friday.",
            expected: ["MOSCOW|location|Moscow", "Kyiv|location|Kyiv"]),
        Case(
            sentence: "Flooding hit the Kursk Region and the Ural Mountains.",
            expected: ["Kursk Region|location|Kursk Region", "Ural Mountains|location|Ural Mountains"]),
        Case(
            sentence: "Talks between Russia and Ukraine resumed in Istanbul.",
            expected: ["Russia|location|Russia", "Ukraine|location|Ukraine", "Istanbul|location|Istanbul"]),
        Case(
            sentence: "Prime Minister Keir Starmer met Chancellor Olaf Scholz.",
            expected: ["Keir Starmer|person|Keir Starmer", "Olaf Scholz|person|Olaf Scholz"]),
        Case(
            sentence: "Trade between Europe and Africa grew strongly.",
            expected: ["Europe|location|Europe", "Africa|location|Africa"]),
        Case(sentence: "In March the committee met twice.", expected: [], absent: ["March", "In March"]),
        Case(sentence: "Some reports suggest a deliberate act.", expected: [], absent: ["Some"]),
        Case(
            sentence: "The Russian-Chinese partnership was praised in Washington.",
            expected: ["Russian|group|Russian", "Chinese|group|Chinese", "Washington|location|Washington"]),
    ]

    @Test(arguments: cases)
    func findsTheEntities(_ c: Case) throws {
        let a = try ExtractTestSupport.annotated(c.sentence)
        let found = Set(a.entities.map { "\($0.text)|\($0.type.rawValue)|\($0.canonical)" })
        for e in c.expected { #expect(found.contains(e), "missing \(e) in \(found.sorted())") }
        let texts = Set(a.entities.map(\.text))
        for t in c.absent { #expect(!texts.contains(t), "unexpected \(t)") }
        for e in a.entities { #expect(ExtractTestSupport.slice(a.text, e.start, e.end) == e.text) }
    }

    @Test func headingsYieldOnlyGazetteerPlacesAndGroups() throws {
        var a = try ExtractTestSupport.article(
            [
                ("Russia, China Renounce US Interference in Kremlin Affairs", true),
                ("Joint Energy Projects Promotion Committee", true),
                ("The Kremlin said the talks went well.", false),
            ], date: "2024-02-08")
        try ExtractTestSupport.extractor().annotate(&a)
        let heading = a.entities.filter { $0.end <= a.paragraphs[1].end }
        #expect(Set(heading.map(\.canonical)) == ["Russia", "China", "United States"])
        #expect(heading.allSatisfy { $0.type == .location })
        #expect(a.entities.last?.canonical == "Kremlin")
    }

    @Test func mentionCountsAreSharedByEveryMentionOfAnEntity() throws {
        let a = try ExtractTestSupport.annotated("President Vladimir Putin spoke. Putin then left, and Putin's aide stayed.")
        let putin = a.entities.filter { $0.canonical == "Vladimir Putin" }
        #expect(putin.count == 3)
        #expect(putin.allSatisfy { $0.mentions == 3 })
    }

    @Test func datelineGivesPlaceAndAgency() throws {
        var a = try ExtractTestSupport.article([("KYIV (Reuters) - Officials met on Monday.", false)], date: "2024-02-08")
        a.dateline = Dateline(place: "KYIV", agency: "Reuters", start: 0, end: 15)
        try ExtractTestSupport.extractor().annotate(&a)
        #expect(a.entities.first?.canonical == "Kyiv")
        #expect(a.entities.first?.type == .location)
        #expect(a.entities.dropFirst().first?.canonical == "Reuters")
        #expect(a.entities.dropFirst().first?.type == .organization)
    }
}

/// Sentence openers and bare titles glued to capitalised words are not people.
@Test(arguments: [
    ("President Anna Berg spoke first. Afterwards Berg left the hall.", ["Anna Berg"]),
    ("So I'm going to vote for the plan, the farmer said.", [String]()),
    ("Former Mayor Tomas Lind said the bridge was safe.", ["Tomas Lind"]),
    ("The Vice President will attend the summit.", [String]()),
])
func openersAndBareTitlesAreNotPeople(paragraph: String, people: [String]) throws {
    let article = try ExtractTestSupport.annotated(paragraph)
    #expect(Set(article.entities.filter { $0.type == .person }.map(\.canonical)) == Set(people))
}

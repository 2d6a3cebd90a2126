import Testing

@testable import Copydesk

/// Datelines opening wire stories, and openings that are not datelines.
@Suite struct DatelineParserTests {
    let parser: DatelineParser

    init() throws {
        parser = DatelineParser(rules: try SegmentTestSupport.englishRules())
    }

    @Test(
        arguments: [
            ("MOSCOW (Sputnik) - Russian President Vladimir Putin spoke.", "MOSCOW", "Sputnik", "MOSCOW (Sputnik) - "),
            ("WASHINGTON, March 3 (Reuters) — The Senate voted.", "WASHINGTON", "Reuters", "WASHINGTON, March 3 (Reuters) — "),
            ("LONDON — Prices rose in May.", "LONDON", nil, "LONDON — "),
            ("KYIV, Ukraine (AP) — Air raid sirens sounded.", "KYIV, Ukraine", "AP", "KYIV, Ukraine (AP) — "),
            ("BEIJING, Feb 8 (Xinhua) -- China's exports grew.", "BEIJING", "Xinhua", "BEIJING, Feb 8 (Xinhua) -- "),
            ("NEW YORK (AP) — Stocks fell on Wall Street.", "NEW YORK", "AP", "NEW YORK (AP) — "),
            ("PARIS, France – Farmers blocked roads.", "PARIS, France", nil, "PARIS, France – "),
            ("Tokyo (Kyodo) - The yen weakened.", "Tokyo", "Kyodo", "Tokyo (Kyodo) - "),
            ("SÃO PAULO (Reuters) - Brazil's real firmed.", "SÃO PAULO", "Reuters", "SÃO PAULO (Reuters) - "),
            ("ST. LOUIS, Jan. 12, 2024 (AP) — A storm hit.", "ST. LOUIS", "AP", "ST. LOUIS, Jan. 12, 2024 (AP) — "),
            ("LONDON—The pound slipped.", "LONDON", nil, "LONDON—"),
        ] as [(String, String, String?, String)])
    func datelines(paragraph: String, place: String, agency: String?, prefix: String) throws {
        let dateline = try #require(parser.parse(paragraph[...]))
        #expect(dateline.place == place)
        #expect(dateline.agency == agency)
        #expect(dateline.length == prefix.unicodeScalars.count)
    }

    @Test(arguments: [
        "NATO said on Monday it would send more troops.",
        "US officials – speaking anonymously – said the talks failed.",
        "Russia, China Renounce US Interference in Other State's Affairs",
        "Record Bilateral Trade Turnover",
        "Friday, January 4, 2019\u{00A0}",
        "Friday, January 4, 2019 \n\nAn apartment building collapsed.",
        "Apple (AAPL) - shares rose after the results.",
        "LONDON-based banks cut jobs.",
        "UK – the talks – resumed.",
        "The EU (European Union) - a bloc of 27 states - met.",
        "BREAKING NEWS",
        "",
    ])
    func notDatelines(paragraph: String) {
        #expect(parser.parse(paragraph[...]) == nil)
    }
}

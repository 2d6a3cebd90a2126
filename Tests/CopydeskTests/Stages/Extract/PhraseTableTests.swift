import Testing

@testable import Copydesk

/// Phrase lookup in token streams: longest phrase first, case rules, first entry wins.
struct PhraseTableTests {
    static let table = PhraseTable<String>([
        (phrase: "United States", value: "country"),
        (phrase: "United States Senate", value: "chamber"),
        (phrase: "United", value: "club"),
        (phrase: "US", value: "abbreviation"),
        (phrase: "united states", value: "second entry of a phrase"),
        (phrase: "Asia-Pacific", value: "region"),
    ])

    private func match(_ text: String, at start: Int = 0, ignoringCase: Bool = false) -> (length: Int, value: String)? {
        let scanned = TokenScanner.scan(text)
        return Self.table.match(in: scanned, at: start, limit: scanned.tokens.count, ignoringCase: ignoringCase)
    }

    @Test func takesTheLongestPhrase() {
        #expect(match("United States Senate votes")?.length == 3)
        #expect(match("United States Senate votes")?.value == "chamber")
        #expect(match("United States troops")?.value == "country")
        #expect(match("United fans")?.value == "club")
        #expect(match("Asia-Pacific trade")?.length == 3)
    }

    @Test func appliesCaseRulesUnlessTold() {
        #expect(match("united states") == nil)
        #expect(match("united states", ignoringCase: true)?.value == "country")
        #expect(match("told us", at: 1) == nil)
        #expect(match("told US", at: 1)?.value == "abbreviation")
        #expect(match("UNITED STATES")?.value == "country")
    }

    @Test func keepsTheFirstEntryOfAPhrase() {
        #expect(Self.table.value(of: "United States") == "country")
    }

    @Test func staysInOneParagraph() {
        let text = "United\n\nStates"
        let scanned = TokenScanner.scan(
            text, paragraphs: [Paragraph(kind: .paragraph, start: 0, end: 6), Paragraph(kind: .paragraph, start: 8, end: 14)])
        #expect(Self.table.match(in: scanned, at: 0, limit: scanned.tokens.count)?.value == "club")
    }

    @Test func respectsTheLimit() {
        let scanned = TokenScanner.scan("United States Senate")
        #expect(Self.table.match(in: scanned, at: 0, limit: 2)?.value == "country")
        #expect(Self.table.match(in: scanned, at: 0, limit: 0) == nil)
    }
}

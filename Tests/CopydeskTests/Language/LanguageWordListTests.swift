import Testing

@testable import Copydesk

/// The shared word lists load with the kinds each rule reads, and a list that is missing or
/// does not follow the format is an error naming the file.
@Suite struct LanguageWordListTests {
    @Test func englishAbbreviationsCarryTheKindsOfBothRules() throws {
        let list = try LanguageWordList.abbreviations(language: "en")
        let glued = list.entries(ofKind: .glued)
        #expect(list.entries(ofKind: .title).contains("Mr."))
        #expect(list.entries(ofKind: .number).contains("No."))
        #expect(list.entries(ofKind: .ambiguous).contains("et al."))
        #expect(glued.contains("Mr.") && glued.contains("Inc.") && glued.contains("No."))
        #expect(!glued.contains("Messrs.") && !glued.contains("U.S."))
    }

    @Test func englishSentenceStartersCarryTheKindsOfBothRules() throws {
        let list = try LanguageWordList.sentenceStarters(language: "en")
        let afterAbbreviation = list.entries(ofKind: .afterAbbreviation)
        let afterHeading = list.entries(ofKind: .afterHeading)
        #expect(afterAbbreviation.contains("According") && afterHeading.contains("According"))
        #expect(afterAbbreviation.contains("He") && !afterHeading.contains("He"))
        #expect(afterHeading.contains("Officials") && !afterAbbreviation.contains("Officials"))
    }

    @Test func aMissingListIsAnErrorNamingIt() {
        let error = #expect(throws: BundledData.MissingFile.self) { try LanguageWordList.sentenceStarters(language: "xx") }
        #expect(error?.description == "bundled data file Resources/language/xx/sentence-starters.txt is missing")
        #expect(throws: BundledData.MissingFile.self) { try BundledData.entries("language/en/no-such-list.txt") }
    }

    @Test(arguments: [
        "Mr.",
        "Mr. titel",
        "Mr. title glue",
    ])
    func aLineWithoutKnownKindsIsMalformed(line: String) {
        let error = #expect(throws: BundledData.MalformedEntry.self) {
            try LanguageWordList<AbbreviationListKind>(lines: [line], relativePath: "language/xx/abbreviations.txt")
        }
        #expect(error?.entry == line)
        #expect(error?.description.hasPrefix("bundled data file Resources/language/xx/abbreviations.txt") == true)
    }

    @Test(arguments: [
        ("Mr title", "Mr"),
        ("Mr. glued", "Mr."),
        ("Mr. title ambiguous", "Mr."),
    ])
    func anAbbreviationNeedsItsPeriodAndOneSentenceEndKind(line: String, entry: String) {
        let error = #expect(throws: BundledData.MalformedEntry.self) {
            try LanguageWordList<AbbreviationListKind>(lines: [line], relativePath: "language/xx/abbreviations.txt").validatedAsAbbreviations()
        }
        #expect(error?.entry == entry)
    }

    @Test func anEntryMayHoldASpace() throws {
        let list = try LanguageWordList<AbbreviationListKind>(lines: ["et al.   ambiguous"], relativePath: "language/xx/abbreviations.txt")
        #expect(list.entries.map(\.text) == ["et al."])
        #expect(list.entries.map(\.kinds) == [[.ambiguous]])
    }
}

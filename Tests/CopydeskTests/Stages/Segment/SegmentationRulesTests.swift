import Testing

@testable import Copydesk

/// The bundled English rule files load and classify abbreviations as documented.
@Suite struct SegmentationRulesTests {
    @Test func englishAbbreviationKinds() throws {
        let rules = try SegmentTestSupport.englishRules()
        #expect(rules.abbreviations["mr"] == .title)
        #expect(rules.abbreviations["gen"] == .title)
        #expect(rules.abbreviations["no"] == .number)
        #expect(rules.abbreviations["inc"] == .ambiguous)
        #expect(rules.abbreviations["u.s"] == .ambiguous)
        #expect(rules.abbreviations["p.m"] == .time)
        #expect(rules.abbreviations["al"] == .ambiguous)
        #expect(rules.abbreviations["said"] == nil)
    }

    @Test func englishStartersAndAgencies() throws {
        let rules = try SegmentTestSupport.englishRules()
        #expect(rules.sentenceStarters.contains("the"))
        #expect(rules.sentenceStarters.contains("however"))
        #expect(!rules.sentenceStarters.contains("government"))
        #expect(rules.agencies.contains("Reuters"))
        #expect(rules.agencies.contains("Kyodo"))
    }

    @Test func unknownLanguageFails() {
        #expect(throws: BundledData.MissingFile.self) { try SegmentationRules.load(language: "xx") }
    }
}

/// The words that go on with a sentence after a clock time load with the rules.
@Suite struct TimeFollowerTests {
    @Test func daysMonthsAndZonesFollowTimes() throws {
        let rules = try SegmentTestSupport.englishRules()
        #expect(rules.timeFollowers.contains("tuesday"))
        #expect(rules.timeFollowers.contains("eastern"))
        #expect(!rules.timeFollowers.contains("the"))
    }
}

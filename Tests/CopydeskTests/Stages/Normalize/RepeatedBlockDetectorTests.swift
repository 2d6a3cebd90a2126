import Foundation
import Testing

@testable import Copydesk

@Test(.needsSharedData) func seedSummaryIsAFlattenedCopyOfTheBody() throws {
    let summary = try SeedArticle.summary()
    let paragraphs = try SeedArticle.paragraphs()
    #expect(paragraphs.count == 20)
    let result = RepeatedBlockDetector().detect(summary: summary, paragraphs: paragraphs)
    let removed = try #require(result.removeSummary)
    #expect(removed.kind == "flattened_copy")
    #expect(removed.location == "summary")
    #expect(removed.containment >= 0.9)
    #expect(result.removedParagraphs.isEmpty)
}

@Test func genuineStandfirstIsKept() {
    let standfirst = "A walkout over night-shift pay halts container traffic at one of Portugal's main car-export ports."
    let result = RepeatedBlockDetector().detect(summary: standfirst, paragraphs: WireStory.paragraphs)
    #expect(result == RepeatedBlocks())
}

@Test func shortSummaryIsNeverRemoved() {
    let result = RepeatedBlockDetector().detect(summary: "Dock workers at the port", paragraphs: WireStory.paragraphs)
    #expect(result.removeSummary == nil)
}

@Test func bodyPastedTwiceLosesItsSecondCopy() {
    var second = WireStory.paragraphs
    second[2] = second[2].replacingOccurrences(of: "several hundred", with: "hundreds of")
    let paragraphs = ["Port strike"] + WireStory.paragraphs + ["Port strike"] + second
    let result = RepeatedBlockDetector().detect(summary: nil, paragraphs: paragraphs)
    #expect(result.removeSummary == nil)
    #expect(result.removedParagraphs.keys.sorted() == Array(6...11))
    #expect(result.removedParagraphs[6] == RemovedBlock(kind: "pasted_twice", location: "paragraph 6", containment: 1))
    #expect(result.removedParagraphs.values.allSatisfy { $0.kind == "pasted_twice" })
    let changed = result.removedParagraphs[9]?.containment ?? 0
    #expect(changed > 0.8 && changed < 1)
}

@Test func leadRepeatedInSecondParagraphIsRemoved() {
    let lead = WireStory.paragraphs[0]
    let repeated = lead.replacingOccurrences(of: "LISBON (Wire) - ", with: "")
    let paragraphs = [lead, repeated] + WireStory.paragraphs.dropFirst()
    let result = RepeatedBlockDetector().detect(summary: nil, paragraphs: paragraphs)
    #expect(result.removedParagraphs == [1: RemovedBlock(kind: "repeated_lead", location: "paragraph 1", containment: 1)])
}

@Test func summaryRepeatingTheLeadIsRemovedAndTheLeadKept() {
    let summary = WireStory.paragraphs[0].replacingOccurrences(of: "LISBON (Wire) - ", with: "")
    let result = RepeatedBlockDetector().detect(summary: summary, paragraphs: WireStory.paragraphs)
    #expect(result.removeSummary == RemovedBlock(kind: "repeated_lead", location: "summary", containment: 1))
    #expect(result.removedParagraphs.isEmpty)
}

@Test func singleParagraphRepeatedLaterIsRemoved() {
    let paragraphs = WireStory.paragraphs + [WireStory.paragraphs[2]]
    let result = RepeatedBlockDetector().detect(summary: nil, paragraphs: paragraphs)
    #expect(result.removedParagraphs == [5: RemovedBlock(kind: "repeated_paragraph", location: "paragraph 5", containment: 1)])
}

@Test func repeatedHeadingsAloneAreKept() {
    let paragraphs = ["Background", WireStory.paragraphs[0], "Background", WireStory.paragraphs[1]]
    #expect(RepeatedBlockDetector().detect(summary: nil, paragraphs: paragraphs) == RepeatedBlocks())
}

import Testing

@testable import Copydesk

private let fingerprinter = Fingerprinter()

private func document(
    _ key: String, _ body: String, date: String? = nil, source: String = "drops/a.txt",
    section: String? = nil
) -> DedupeDocument {
    DedupeDocument(
        key: key, date: date, section: section, sourcePath: source, bodyLength: body.unicodeScalars.count,
        fingerprint: fingerprinter.fingerprint(title: "Port strike", body: body))
}

private let story = document("original", WireStory.body, date: "2024-03-05")

@Test(arguments: [
    ("new intro", WireStory.withNewIntro, 0.62, 0.84),
    ("five typos", WireStory.withTypoFixes, 0.80, 0.96),
    ("added paragraph", WireStory.withAddedParagraph, 0.78, 0.95),
])
func nearDuplicatesAreCaughtWithTheirSimilarity(label: String, body: String, low: Double, high: Double) throws {
    let verdicts = DuplicateClusterer().cluster([story, document(label, body, date: "2024-03-06")])
    #expect(verdicts[0] == nil)
    let verdict = try #require(verdicts[1])
    #expect(verdict.survivorKey == "original")
    #expect(verdict.survivorIndex == 0)
    #expect(verdict.evidence == .estimatedJaccard)
    #expect(verdict.similarity > low && verdict.similarity < high)
}

@Test func sameTopicDifferentStoryIsNotMerged() {
    let other = document("other", WireStory.sameTopicDifferentStory, date: "2024-03-05")
    #expect(DuplicateClusterer().cluster([story, other]) == [nil, nil])
    #expect(MinHasher.estimatedJaccard(story.fingerprint.signature, other.fingerprint.signature) < 0.1)
}

@Test func exactCopiesAreClusteredWithSimilarityOne() {
    let copy = document("copy", WireStory.paragraphs.joined(separator: "\n"), date: "2024-03-05")
    let verdicts = DuplicateClusterer().cluster([story, copy])
    #expect(verdicts[1] == DuplicateVerdict(survivorKey: "original", survivorIndex: 0, similarity: 1, evidence: .exactContent))
}

@Test func earliestDateSurvivesEvenWhenItArrivesLast() {
    let docs = [
        document("late", WireStory.withAddedParagraph, date: "2024-03-07"),
        document("undated", WireStory.withTypoFixes),
        document("early", WireStory.body, date: "2024-03-05"),
    ]
    let verdicts = DuplicateClusterer().cluster(docs)
    #expect(verdicts.map { $0?.survivorKey } == ["early", "early", nil])
    #expect(verdicts.map { $0?.survivorIndex } == [2, 2, nil])
}

@Test func longestBodySurvives() {
    let docs = [document("short", WireStory.body), document("long", WireStory.withAddedParagraph)]
    let verdicts = DuplicateClusterer(config: DedupeConfig(survivorPolicy: .longestBody)).cluster(docs)
    #expect(verdicts.map { $0?.survivorKey } == ["long", nil])
}

@Test func sourcePriorityMatchesPathPrefixOrSection() {
    let docs = [
        document("blog", WireStory.body, source: "drops/blogs/x.txt"),
        document("desk", WireStory.withTypoFixes, source: "drops/misc/y.txt", section: "Wire"),
        document("agency", WireStory.withAddedParagraph, source: "drops/agency/z.txt"),
    ]
    let byPath = DuplicateClusterer(config: DedupeConfig(survivorPolicy: .sourcePriority(["drops/agency/", "Wire"]))).cluster(docs)
    #expect(byPath.map { $0?.survivorKey } == ["agency", "agency", nil])
    let bySection = DuplicateClusterer(config: DedupeConfig(survivorPolicy: .sourcePriority(["Wire"]))).cluster(docs)
    #expect(bySection.map { $0?.survivorKey } == ["desk", nil, "desk"])
    let noMatch = DuplicateClusterer(config: DedupeConfig(survivorPolicy: .sourcePriority(["feeds/"]))).cluster(docs)
    #expect(noMatch.map { $0?.survivorKey } == [nil, "blog", "blog"])
}

@Test func tiesGoToTheFirstInInput() {
    let docs = [document("first", WireStory.body, date: "2024-03-05"), document("second", WireStory.withTypoFixes, date: "2024-03-05")]
    #expect(DuplicateClusterer().cluster(docs).map { $0?.survivorKey } == [nil, "first"])
}

/// A run mixing duplicates and distinct stories.
private var mixedRun: [DedupeDocument] {
    [
        document("a", WireStory.withAddedParagraph, date: "2024-03-06"),
        document("b", WireStory.sameTopicDifferentStory, date: "2024-03-05"),
        document("c", WireStory.body, date: "2024-03-06"),
        document("d", WireStory.withNewIntro, date: "2024-03-04"),
        document("e", WireStory.sameTopicDifferentStory, date: "2024-03-07"),
        document("f", WireStory.withTypoFixes, date: "2024-03-04"),
        document("g", "An unrelated note about weather in the Algarve with rain expected on Friday and Saturday."),
    ]
}

@Test func sameInputGivesSameVerdictsWhateverTheBatchSize() {
    let docs = mixedRun
    let whole = DuplicateClusterer().cluster(docs)
    #expect(whole.map { $0?.survivorKey } == ["d", nil, "d", nil, "b", "d", nil])
    #expect(DuplicateClusterer().cluster(docs) == whole)
    for batchSize in [1, 2, 3, 5] {
        var clusterer = DuplicateClusterer()
        for start in stride(from: 0, to: docs.count, by: batchSize) {
            clusterer.add(docs[start..<min(start + batchSize, docs.count)])
        }
        #expect(clusterer.verdicts() == whole)
    }
}

@Test func historyMatchesComeFirstAndReportTheEstimate() throws {
    var history = NearDuplicateIndex()
    let published = fingerprinter.fingerprint(title: "Port strike", body: WireStory.body)
    history.add(key: "yesterday", fingerprint: published)
    let docs = [
        document("typos", WireStory.withTypoFixes), document("other", WireStory.sameTopicDifferentStory),
        document("same", WireStory.body),
    ]
    let verdicts = DuplicateClusterer(history: history).cluster(docs)
    let typos = try #require(verdicts[0])
    #expect(typos.survivorKey == "yesterday")
    #expect(typos.survivorIndex == nil)
    #expect(typos.evidence == .estimatedJaccard)
    #expect(typos.similarity == MinHasher.estimatedJaccard(docs[0].fingerprint.signature, published.signature))
    #expect(verdicts[1] == nil)
    #expect(verdicts[2] == DuplicateVerdict(survivorKey: "yesterday", survivorIndex: nil, similarity: 1, evidence: .exactContent))
}

@Test func streamingIndexMatchesTheMostSimilarSeenDocument() throws {
    var index = NearDuplicateIndex()
    var matches: [IndexMatch?] = []
    for doc in mixedRun {
        matches.append(index.match(doc.fingerprint))
        index.add(key: doc.key, fingerprint: doc.fingerprint)
    }
    #expect(matches.map { $0?.key } == [nil, nil, "a", "c", "b", "c", nil])
    let repeatOfB = try #require(matches[4])
    #expect(repeatOfB.evidence == .exactContent)
    #expect(matches[2]?.similarity == MinHasher.estimatedJaccard(mixedRun[2].fingerprint.signature, mixedRun[0].fingerprint.signature))
    #expect(index.count == 7)
}

@Test func configurationProblemsAreReported() {
    #expect(DedupeConfig().problem == nil)
    #expect(DedupeConfig(bands: 16, rows: 4).problem == "bands × rows (16 × 4) must equal hash_count (120)")
    #expect(DedupeConfig(threshold: 0).problem == "threshold must be in (0, 1]")
}

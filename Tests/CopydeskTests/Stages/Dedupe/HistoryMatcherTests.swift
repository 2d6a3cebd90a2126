import Foundation
import Testing

@testable import Copydesk

/// A history store kept in memory that hands candidates out in descending entry order: the
/// matcher must decide the same whatever backend and order it is given.
private actor ReversedMemoryHistory: HistoryStore {
    private var records: [(entry: Int, record: HistoryRecord, committed: Bool)] = []
    private var settings: String?

    func historySettings() -> String? { records.contains { $0.committed } ? settings : nil }
    func prepareHistory(fingerprintSettings: String, run: String) { settings = fingerprintSettings }
    func candidates(for queries: [HistoryQuery]) -> [[HistoryCandidate]] {
        queries.map { query in
            records.filter { stored in
                stored.committed && stored.record.articleID != query.articleID
                    && (stored.record.exactKey == query.exactKey || !Set(stored.record.lookupKeys).isDisjoint(with: query.lookupKeys))
            }
            .reversed()
            .map { HistoryCandidate(entry: $0.entry, articleID: $0.record.articleID, exactKey: $0.record.exactKey, signature: $0.record.signature) }
        }
    }
    func stage(_ records: [HistoryRecord], run: String, skippingKnown: Bool) {
        for record in records { self.records.append((self.records.count + 1, record, false)) }
    }
    func commitHistory(run: String, replacingAll: Bool) {
        records = records.map { ($0.entry, $0.record, true) }
    }
    func discardHistory(run: String) {}
    func historyCount() -> Int { records.count { $0.committed } }
}

@Suite("history matcher")
struct HistoryMatcherTests {
    let config = DedupeConfig()
    var fingerprinter: Fingerprinter { Fingerprinter(config: config) }

    func fingerprint(_ body: String, title: String? = "Port strike") -> DocumentFingerprint {
        fingerprinter.fingerprint(title: title, body: body)
    }

    func sqliteStore() throws -> SQLiteStateStore {
        try SQLiteStateStore(path: try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path)
    }

    /// A matcher over `store` holding `history` (id, fingerprint), committed by one run.
    func committedMatcher(over store: any HistoryStore, holding history: [(id: String, fingerprint: DocumentFingerprint)]) async throws
        -> HistoryMatcher
    {
        let matcher = HistoryMatcher(store: store, storeName: "test store", config: config)
        try await matcher.prepare(run: "r1")
        try await store.stage(
            history.map { matcher.record(articleID: $0.id, date: nil, fingerprint: $0.fingerprint) }, run: "r1", skippingKnown: true)
        try await store.commitHistory(run: "r1", replacingAll: false)
        return matcher
    }

    /// The earlier day's wire stories: the story, a different story on the same strike, and
    /// the story under another headline (the same signature, another exact key).
    var history: [(id: String, fingerprint: DocumentFingerprint)] {
        [
            ("story", fingerprint(WireStory.body)), ("same-topic", fingerprint(WireStory.sameTopicDifferentStory)),
            ("retitled", fingerprint(WireStory.body, title: "Setubal dock workers walk out")),
        ]
    }

    /// Today's copies.
    var copies: [(id: String, fingerprint: DocumentFingerprint)] {
        [
            ("new-intro", fingerprint(WireStory.withNewIntro)), ("typo-fixes", fingerprint(WireStory.withTypoFixes)),
            ("added-paragraph", fingerprint(WireStory.withAddedParagraph)),
            ("exact", fingerprint(WireStory.paragraphs.joined(separator: "\n").uppercased(), title: "PORT STRIKE!")),
            ("other-story", fingerprint(WireStory.sameTopicDifferentStory + "\n\nTalks resume on Friday.", title: nil)),
            (
                "unrelated",
                fingerprint("Shares in the carmaker fell sharply after it cut its profit forecast for the year, blaming weak demand in China.")
            ),
            ("empty", fingerprint("", title: "Port strike")),
        ]
    }

    @Test func wireStoryCopiesMatchAsTheInMemoryIndexMatchesThem() async throws {
        var index = NearDuplicateIndex(config: config)
        for entry in history { index.add(key: entry.id, fingerprint: entry.fingerprint) }
        let expected = copies.map { index.match($0.fingerprint).map { ($0.key, $0.similarity, $0.evidence) } }
        for store in [try sqliteStore() as any HistoryStore, ReversedMemoryHistory()] {
            let matches = try await committedMatcher(over: store, holding: history).matches(copies)
            #expect(matches.map { $0?.key } == expected.map { $0?.0 }, "\(type(of: store))")
            #expect(matches.map { $0?.similarity } == expected.map { $0?.1 })
            #expect(matches.map { $0?.evidence } == expected.map { $0?.2 })
        }
        #expect(
            expected.map { $0?.0 } == ["story", "story", "story", "story", "same-topic", nil, nil],
            "ties between the story and its retitled copy go to the earlier entry")
        #expect(expected[3]?.2 == .exactContent)
        #expect(expected[0..<3].allSatisfy { $0?.2 == .estimatedJaccard && ($0?.1 ?? 0) >= 0.6 })
    }

    @Test func anExactCopyMatchesTheEarliestRecordWithItsKeyBeforeAnyEstimate() async throws {
        let story = fingerprint(WireStory.body)
        let typos = fingerprint(WireStory.withTypoFixes)
        let matches = try await committedMatcher(over: try sqliteStore(), holding: [("typos", typos), ("first", story), ("second", story)]).matches([
            ("copy", story)
        ])
        #expect(matches.map { $0?.key } == ["first"])
        #expect(matches[0]?.evidence == .exactContent)
        #expect(matches[0]?.similarity == 1)
    }

    @Test func aRecordIsNeverAMatchForTheArticleItCameFrom() async throws {
        let store = try sqliteStore()
        let matcher = try await committedMatcher(over: store, holding: [("a1", fingerprint(WireStory.body))])
        #expect(
            try await matcher.matches([("a1", fingerprint(WireStory.body)), ("a1", fingerprint(WireStory.withAddedParagraph))]).map { $0 == nil } == [
                true, true,
            ])
        #expect(try await matcher.matches([("a2", fingerprint(WireStory.body))])[0]?.key == "a1")
    }

    @Test func aHistoryBuiltWithOtherSettingsIsRefused() async throws {
        let store = try sqliteStore()
        _ = try await committedMatcher(over: store, holding: [("a1", fingerprint(WireStory.body))])
        var other = config
        other.shingleSize = 5
        let refusing = HistoryMatcher(store: store, storeName: "out/state.sqlite", config: other)
        let error = await #expect(throws: HistoryMatcher.SettingsMismatch.self) { try await refusing.prepare(run: "r2") }
        #expect(error?.description.hasPrefix("out/state.sqlite: the dedupe history was built with shingle_size 3, hash_count 120") == true)
    }

    @Test func anEmptyHistoryAdoptsTheSettingsOfItsFirstRun() async throws {
        let store = try sqliteStore()
        try await store.prepareHistory(fingerprintSettings: "shingle_size 9", run: "r0")
        try await HistoryMatcher(store: store, storeName: "s", config: config).prepare(run: "r1")
        #expect(try await store.historySettings() == nil)
    }

    @Test func aRecordFoundUnderAShortenedKeyMatchesOnlyWhenItSharesAWholeKey() async throws {
        let story = fingerprint(WireStory.body)
        let (bands, rows) = (config.bands, config.rows)
        var noBandShared = story.signature
        for band in 0..<bands { noBandShared[band * rows] &+= 1 }
        var oneBandShared = story.signature
        for band in 1..<bands { oneBandShared[band * rows] &+= 1 }
        for band in 1...10 { oneBandShared[band * rows + 1] &+= 1 }
        let store = try sqliteStore()
        let matcher = HistoryMatcher(store: store, storeName: "test store", config: config)
        try await matcher.prepare(run: "r1")
        let storyKeys = matcher.record(articleID: "story", date: nil, fingerprint: story).lookupKeys
        let sameLowBits = storyKeys.map { $0 ^ 1 << 40 }
        try await store.stage(
            [
                HistoryRecord(
                    articleID: "no-band", exactKey: "e1", date: nil, signature: noBandShared, lookupKeys: sameLowBits),
                HistoryRecord(
                    articleID: "one-band", exactKey: "e2", date: nil, signature: oneBandShared, lookupKeys: sameLowBits),
            ], run: "r1", skippingKnown: true)
        try await store.commitHistory(run: "r1", replacingAll: false)
        let candidates = try await store.candidates(for: [HistoryQuery(articleID: "q", exactKey: "none", lookupKeys: storyKeys)])
        #expect(candidates[0].map(\.articleID) == ["no-band", "one-band"], "the store finds both under the keys' low 32 bits")
        #expect(MinHasher.estimatedJaccard(story.signature, noBandShared) == 80.0 / 120)
        let matches = try await matcher.matches([("q", story)])
        #expect(matches[0]?.key == "one-band", "the more similar record shares no band, so the in-memory index would never offer it")
        #expect(matches[0]?.similarity == 71.0 / 120)
    }
}

import Testing

@testable import Copydesk

/// What every ``HistoryStore`` backend must do, written once and run by each backend's suite
/// on a new, empty store of its own.
enum HistoryStoreContract {
    /// The fingerprint settings the contract's runs record.
    static let settings = "test settings"

    /// A record with a signature of eight values (high bits set) and the given lookup keys.
    static func record(_ id: String, exactKey: String, lookupKeys: [Int64], date: String? = nil) -> HistoryRecord {
        HistoryRecord(
            articleID: id, exactKey: exactKey, date: date, signature: (1...8).map { UInt64($0) << 60 | UInt64(id.utf8.count) },
            lookupKeys: lookupKeys)
    }

    /// A lookup for article `id`.
    static func query(_ id: String, exactKey: String = "none", lookupKeys: [Int64] = []) -> HistoryQuery {
        HistoryQuery(articleID: id, exactKey: exactKey, lookupKeys: lookupKeys)
    }

    /// Staged records are found only once their run commits; a discarded run's are never found.
    static func pendingRecordsAreInvisibleUntilCommittedAndDiscardedRecordsAreGone(_ store: any HistoryStore) async throws {
        try await store.prepareHistory(fingerprintSettings: settings, run: "r1")
        let stored = record("a1", exactKey: "k1", lookupKeys: [7, -3], date: "2024-01-01")
        try await store.stage([stored], run: "r1", skippingKnown: true)
        #expect(try await store.candidates(for: [query("b1", exactKey: "k1"), query("b2", lookupKeys: [-3])]) == [[], []])
        #expect(try await store.historyCount() == 0)
        try await store.commitHistory(run: "r1", replacingAll: false)
        let found = try await store.candidates(for: [query("b1", exactKey: "k1"), query("b2", lookupKeys: [-3]), query("b3", lookupKeys: [8])])
        let expected = HistoryCandidate(entry: 1, articleID: "a1", exactKey: "k1", signature: stored.signature)
        #expect(found.map { $0.map(\.entry) } == [[1], [1], []])
        #expect(found.joined().allSatisfy { $0.articleID == expected.articleID && $0.exactKey == expected.exactKey })
        #expect(
            found.joined().allSatisfy { HistorySignature.compared($0.signature) == HistorySignature.compared(expected.signature) },
            "the signature comes back with the bits matching compares")
        try await store.prepareHistory(fingerprintSettings: settings, run: "r2")
        try await store.stage([record("a2", exactKey: "k2", lookupKeys: [9])], run: "r2", skippingKnown: true)
        try await store.discardHistory(run: "r2")
        try await store.commitHistory(run: "r2", replacingAll: false)
        #expect(try await store.candidates(for: [query("b1", exactKey: "k2", lookupKeys: [9])]) == [[]])
        #expect(try await store.historyCount() == 1)
    }
}

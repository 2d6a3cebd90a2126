import Foundation
import GRDB
import Testing

@testable import Copydesk

@Suite("SQLite state store: history")
struct SQLiteStateStoreTests {
    let settings = "test settings"

    func store() throws -> SQLiteStateStore {
        try SQLiteStateStore(path: try TestPaths.temporaryDirectory().appendingPathComponent("nested/state.sqlite").path)
    }

    /// A record with a signature of eight values and the given lookup keys.
    func record(_ id: String, exactKey: String, lookupKeys: [Int64], date: String? = nil) -> HistoryRecord {
        HistoryRecord(
            articleID: id, exactKey: exactKey, date: date, signature: (1...8).map { UInt64($0) << 60 | UInt64(id.utf8.count) },
            lookupKeys: lookupKeys)
    }

    func query(_ id: String, exactKey: String = "none", lookupKeys: [Int64] = []) -> HistoryQuery {
        HistoryQuery(articleID: id, exactKey: exactKey, lookupKeys: lookupKeys)
    }

    @Test func pendingRecordsAreInvisibleUntilCommittedAndDiscardedRecordsAreGone() async throws {
        let store = try store()
        try await store.prepareHistory(fingerprintSettings: settings, run: "r1")
        let stored = record("a1", exactKey: "k1", lookupKeys: [7, -3], date: "2024-01-01")
        try await store.stage([stored], run: "r1", skippingKnown: true)
        #expect(try await store.candidates(for: [query("b1", exactKey: "k1"), query("b2", lookupKeys: [-3])]) == [[], []])
        #expect(try await store.historyCount() == 0)
        try await store.commitHistory(run: "r1", replacingAll: false)
        let found = try await store.candidates(for: [query("b1", exactKey: "k1"), query("b2", lookupKeys: [-3]), query("b3", lookupKeys: [8])])
        let expected = HistoryCandidate(entry: 1, articleID: "a1", exactKey: "k1", signature: stored.signature)
        #expect(found == [[expected], [expected], []])
        try await store.prepareHistory(fingerprintSettings: settings, run: "r2")
        try await store.stage([record("a2", exactKey: "k2", lookupKeys: [9])], run: "r2", skippingKnown: true)
        try await store.discardHistory(run: "r2")
        try await store.commitHistory(run: "r2", replacingAll: false)
        #expect(try await store.candidates(for: [query("b1", exactKey: "k2", lookupKeys: [9])]) == [[]])
        #expect(try await store.historyCount() == 1)
    }

    @Test func candidatesShareAKeyComeInEntryOrderOnceAndLeaveOutTheArticleItself() async throws {
        let store = try store()
        try await store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try await store.stage(
            [
                record("a1", exactKey: "k1", lookupKeys: [1, 2]), record("a2", exactKey: "k2", lookupKeys: [2, 3]),
                record("a3", exactKey: "k1", lookupKeys: []), record("a4", exactKey: "k4", lookupKeys: [4]),
            ],
            run: "r1", skippingKnown: true)
        try await store.commitHistory(run: "r1", replacingAll: false)
        let found = try await store.candidates(for: [
            query("q", exactKey: "k1", lookupKeys: [3, 2, 2]), query("a1", exactKey: "k1", lookupKeys: [1, 2]),
            query("q", exactKey: "k4"),
        ])
        #expect(found.map { $0.map(\.articleID) } == [["a1", "a2", "a3"], ["a2", "a3"], ["a4"]])
        #expect(found[0].map(\.entry) == [1, 2, 3])
        #expect(try await store.candidates(for: []) == [])
    }

    @Test func aRerunAddsNoSecondRecordForTheSameArticle() async throws {
        let store = try store()
        try await store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try await store.stage([record("a1", exactKey: "k1", lookupKeys: [1])], run: "r1", skippingKnown: true)
        try await store.commitHistory(run: "r1", replacingAll: false)
        try await store.prepareHistory(fingerprintSettings: settings, run: "r2")
        try await store.stage([record("a1", exactKey: "k1", lookupKeys: [1])], run: "r2", skippingKnown: true)
        try await store.commitHistory(run: "r2", replacingAll: false)
        #expect(try await store.historyCount() == 1, "a rerun adds no second record for the same article")
    }

    @Test func aRebuildReplacesEveryEarlierRecordWhenItCommits() async throws {
        let store = try store()
        try await store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try await store.stage(
            [record("a1", exactKey: "k1", lookupKeys: [1]), record("a2", exactKey: "k2", lookupKeys: [2])], run: "r1", skippingKnown: true)
        try await store.commitHistory(run: "r1", replacingAll: false)
        try await store.prepareHistory(fingerprintSettings: settings, run: "r2")
        try await store.stage([record("a1", exactKey: "k1", lookupKeys: [1])], run: "r2", skippingKnown: false)
        #expect(try await store.historyCount() == 2)
        try await store.commitHistory(run: "r2", replacingAll: true)
        #expect(try await store.historyCount() == 1)
        #expect(try await store.candidates(for: [query("q", exactKey: "k2", lookupKeys: [1, 2])]).map { $0.map(\.articleID) } == [["a1"]])
    }

    @Test func recordsLeftByADeadRunAreDeletedByTheNextRun() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let dead = try SQLiteStateStore(path: path)
        try await dead.prepareHistory(fingerprintSettings: settings, run: "dead")
        try await dead.stage([record("a1", exactKey: "k1", lookupKeys: [1])], run: "dead", skippingKnown: true)
        let next = try SQLiteStateStore(path: path)
        try await next.prepareHistory(fingerprintSettings: settings, run: "next")
        try await dead.commitHistory(run: "dead", replacingAll: false)
        #expect(try await next.historyCount() == 0)
    }

    @Test func theSettingsAreThoseOfTheCommittedHistory() async throws {
        let store = try store()
        #expect(try await store.historySettings() == nil)
        try await store.prepareHistory(fingerprintSettings: "shingle_size 3", run: "r1")
        try await store.stage([record("a1", exactKey: "k1", lookupKeys: [1])], run: "r1", skippingKnown: true)
        #expect(try await store.historySettings() == nil, "pending records are no history yet")
        try await store.commitHistory(run: "r1", replacingAll: false)
        #expect(try await store.historySettings() == "shingle_size 3")
    }

    @Test func aFileOfTheFirstSchemaIsUpgradedAndKeepsItsHistory() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteStateStore.migrator.migrate(old, upTo: "v1 history")
        let signature = Data(repeating: 1, count: 64)
        try await old.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('fingerprint', 'old settings')")
            try db.execute(
                sql: "INSERT INTO history_articles (article_id, exact_key, signature, run, committed) VALUES ('a1', 'k1', ?, 'r0', 1)",
                arguments: [signature])
            try db.execute(sql: "INSERT INTO history_bands (band_key, article) VALUES (-5, 1)")
        }
        try old.close()
        let store = try SQLiteStateStore(path: path)
        #expect(try await store.historySettings() == "old settings")
        let found = try await store.candidates(for: [query("q", lookupKeys: [-5])])
        #expect(
            found == [[HistoryCandidate(entry: 1, articleID: "a1", exactKey: "k1", signature: Array(repeating: 0x0101_0101_0101_0101, count: 8))]])
        #expect(try await store.ledgerEntries().isEmpty)
    }
}

import Foundation
import Testing

@testable import Copydesk

@Suite("PostgreSQL state store", PostgresTestServer.required)
struct PostgresStateStoreTests {
    let settings = "test settings"

    func record(_ id: String, exactKey: String, lookupKeys: [Int64], date: String? = nil) -> HistoryRecord {
        HistoryStoreContract.record(id, exactKey: exactKey, lookupKeys: lookupKeys, date: date)
    }

    func query(_ id: String, exactKey: String = "none", lookupKeys: [Int64] = []) -> HistoryQuery {
        HistoryStoreContract.query(id, exactKey: exactKey, lookupKeys: lookupKeys)
    }

    @Test func pendingRecordsAreInvisibleUntilCommittedAndDiscardedRecordsAreGone() async throws {
        try await HistoryStoreContract.pendingRecordsAreInvisibleUntilCommittedAndDiscardedRecordsAreGone(
            try PostgresStateStore(url: try PostgresTestServer.freshSchema()))
    }

    @Test func candidatesShareAKeyComeInEntryOrderOnceAndLeaveOutTheArticleItself() async throws {
        let store = try PostgresStateStore(url: try PostgresTestServer.freshSchema())
        try await store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try await store.stage(
            [
                record("a1", exactKey: "k1", lookupKeys: [1, 2]), record("a2", exactKey: "k2", lookupKeys: [2, 3]),
                record("a3", exactKey: "k1", lookupKeys: []), record("a4", exactKey: "k4", lookupKeys: [4, 4]),
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

    @Test func aRerunAddsNoSecondRecordAndARebuildReplacesEveryEarlierOne() async throws {
        let store = try PostgresStateStore(url: try PostgresTestServer.freshSchema())
        try await store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try await store.stage(
            [record("a1", exactKey: "k1", lookupKeys: [1]), record("a2", exactKey: "k2", lookupKeys: [2])], run: "r1", skippingKnown: true)
        try await store.commitHistory(run: "r1", replacingAll: false)
        try await store.prepareHistory(fingerprintSettings: settings, run: "r2")
        try await store.stage([record("a1", exactKey: "k1", lookupKeys: [1])], run: "r2", skippingKnown: true)
        try await store.commitHistory(run: "r2", replacingAll: false)
        #expect(try await store.historyCount() == 2, "a rerun adds no second record for the same article")
        try await store.prepareHistory(fingerprintSettings: settings, run: "r3")
        try await store.stage([record("a1", exactKey: "k1", lookupKeys: [1])], run: "r3", skippingKnown: false)
        #expect(try await store.historyCount() == 2)
        try await store.commitHistory(run: "r3", replacingAll: true)
        #expect(try await store.historyCount() == 1)
        #expect(try await store.candidates(for: [query("q", exactKey: "k2", lookupKeys: [1, 2])]).map { $0.map(\.articleID) } == [["a1"]])
    }

    @Test func recordsLeftByADeadRunAreDeletedByTheNextRunAndTheSettingsAreTheCommittedOnes() async throws {
        let url = try PostgresTestServer.freshSchema()
        let dead = try PostgresStateStore(url: url)
        #expect(try await dead.historySettings() == nil)
        try await dead.prepareHistory(fingerprintSettings: "shingle_size 3", run: "dead")
        try await dead.stage([record("a1", exactKey: "k1", lookupKeys: [1])], run: "dead", skippingKnown: true)
        #expect(try await dead.historySettings() == nil, "pending records are no history yet")
        let next = try PostgresStateStore(url: url)
        try await next.prepareHistory(fingerprintSettings: settings, run: "next")
        try await dead.commitHistory(run: "dead", replacingAll: false)
        #expect(try await next.historyCount() == 0)
        try await next.stage([record("a2", exactKey: "k2", lookupKeys: [1])], run: "next", skippingKnown: true)
        try await next.commitHistory(run: "next", replacingAll: false)
        #expect(try await dead.historySettings() == settings)
    }

    @Test func theLedgerRecordsFilesAndMembersAndAWholeFileReplacesItsMembers() async throws {
        let store = try PostgresStateStore(url: try PostgresTestServer.freshSchema())
        let archive = LedgerEntry(path: "drop/a.zip", size: 10, contentHash: "h1")
        try await store.markDone(
            [
                LedgerEntry(path: "drop/a.zip", member: "b.txt", size: 10, contentHash: "h1"),
                LedgerEntry(path: "drop/a.zip", member: "a.txt", size: 10, contentHash: "h1"),
            ],
            run: "r1", replacingAll: false)
        #expect(try await store.ledgerEntry(for: "drop/a.zip") == nil)
        #expect(try await store.ledgerMembers(of: "drop/a.zip").map(\.member) == ["a.txt", "b.txt"])
        try await store.markDone([archive, LedgerEntry(path: "drop/B.txt", size: 3, contentHash: "h2")], run: "r2", replacingAll: false)
        #expect(try await store.ledgerEntry(for: "drop/a.zip") == archive)
        #expect(try await store.ledgerMembers(of: "drop/a.zip").isEmpty)
        #expect(try await store.ledgerEntries().map(\.path) == ["drop/B.txt", "drop/a.zip"], "byte order, as in SQLite")
        try await store.markDone([LedgerEntry(path: "drop/c.txt", size: 1, contentHash: "h3")], run: "r3", replacingAll: true)
        #expect(try await store.ledgerEntries() == [LedgerEntry(path: "drop/c.txt", size: 1, contentHash: "h3")])
    }

    @Test func migrationsAreRecordedAndAppliedOnce() async throws {
        let url = try PostgresTestServer.freshSchema()
        _ = try PostgresStateStore(url: url)
        _ = try PostgresStateStore(url: url)
        let applied = try PostgresConnection(url: url).query("SELECT name FROM copydesk_migrations")
        #expect(applied == PostgresStateStore.migrations.map { [$0.name] })
        #expect(try PostgresStateStore.exists(at: url))
        #expect(try !PostgresStateStore.exists(at: try PostgresTestServer.freshSchema()))
    }

    @Test func aSecondRunOnTheStoreWaitsForTheLockThenFailsAsLockedAndGetsItOnceReleased() async throws {
        let location = StateStoreLocation.postgres(try PostgresTestServer.freshSchema())
        let other = StateStoreLocation.postgres(try PostgresTestServer.freshSchema())
        let held = try await location.acquireLock(wait: .zero)
        let clock = ContinuousClock()
        let start = clock.now
        var caught: (any Error)?
        do { _ = try await location.acquireLock(wait: .seconds(1)) } catch { caught = error }
        #expect(clock.now - start >= .seconds(1))
        let error = try #require(caught)
        #expect(ExitStatus.classify(error) == .locked)
        #expect("\(error)".contains("is locked by another run (copydesk pid \(getpid())"), "\(error)")
        #expect(!"\(error)".contains(PostgresTestServer.url?.split(separator: ":")[2].split(separator: "@")[0] ?? "no password"))
        let elsewhere = try await other.acquireLock(wait: .zero)
        elsewhere.release()
        held.release()
        held.release()
        try await location.acquireLock(wait: .zero).release()
    }
}

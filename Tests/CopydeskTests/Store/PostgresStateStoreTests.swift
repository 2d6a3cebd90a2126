import Foundation
import Synchronization
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
        do {
            let dead = try PostgresStateStore(url: url)
            #expect(try await dead.historySettings() == nil)
            try await dead.prepareHistory(fingerprintSettings: "shingle_size 3", run: "dead")
            try await dead.stage([record("a1", exactKey: "k1", lookupKeys: [1])], run: "dead", skippingKnown: true)
            #expect(try await dead.historySettings() == nil, "pending records are no history yet")
        }
        // The dead run's connection has ended: the server frees the lock of its id once its
        // session is gone.
        let sessions = try PostgresConnection(url: url)
        for _ in 0..<100 where try sessions.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") != [["0"]] {
            try await Task.sleep(for: .milliseconds(20))
        }
        let next = try PostgresStateStore(url: url)
        try await next.prepareHistory(fingerprintSettings: settings, run: "next")
        #expect(try sessions.query("SELECT count(*) FROM history_articles") == [["0"]], "the dead run's pending record is deleted")
        try await next.stage([record("a2", exactKey: "k2", lookupKeys: [1])], run: "next", skippingKnown: true)
        try await next.commitHistory(run: "next", replacingAll: false)
        #expect(try await next.historySettings() == settings)
        #expect(try await next.historyCount() == 1)
    }

    @Test func runsAtOnceKeepTheirPendingRecordsAndEachFindsWhatTheOtherCommittedAfterItStarted() async throws {
        let url = try PostgresTestServer.freshSchema()
        let early = try PostgresStateStore(url: url)
        try await early.prepareHistory(fingerprintSettings: settings, run: "early")
        try await early.stage([record("e1", exactKey: "k1", lookupKeys: [1])], run: "early", skippingKnown: true)
        try await early.commitHistory(run: "early", replacingAll: false)

        let one = try PostgresStateStore(url: url)
        let two = try PostgresStateStore(url: url)
        try await one.prepareHistory(fingerprintSettings: settings, run: "one")
        try await one.stage([record("o1", exactKey: "k2", lookupKeys: [2])], run: "one", skippingKnown: true)
        try await two.prepareHistory(fingerprintSettings: settings, run: "two")
        try await two.stage([record("t1", exactKey: "k3", lookupKeys: [2, 3])], run: "two", skippingKnown: true)
        #expect(try PostgresConnection(url: url).query("SELECT run FROM history_articles WHERE NOT committed ORDER BY run") == [["one"], ["two"]])

        try await one.takeCommitTurn(run: "one")
        let taken = Mutex(false)
        let waiting = Task {
            try await two.takeCommitTurn(run: "two")
            taken.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(400))
        #expect(!taken.withLock { $0 }, "the second run waits while the first has the turn")
        try await one.commitHistory(run: "one", replacingAll: false)
        try await waiting.value

        let queries = [query("q1", exactKey: "k1"), query("q2", lookupKeys: [2]), query("o1", lookupKeys: [2])]
        let late = try await two.lateCandidates(for: queries, run: "two")
        #expect(late.map { $0.map(\.articleID) } == [[], ["o1"], []], "only what another run committed since two started, never the article itself")
        #expect(try await one.lateCandidates(for: queries, run: "one").allSatisfy(\.isEmpty), "a committed run looks no more")
        try await two.commitHistory(run: "two", replacingAll: false)
        #expect(try await early.historyCount() == 3)
        let numbers = try PostgresConnection(url: url).query("SELECT article_id FROM history_articles ORDER BY commit_number, id")
        #expect(numbers == [["e1"], ["o1"], ["t1"]], "commits are numbered in the order they happened")
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

    @Test func runsOnDifferentDropsShareTheStoreWhileTheSameDropAndAWholeStoreRunWait() async throws {
        let location = StateStoreLocation.postgres(try PostgresTestServer.freshSchema())
        let monday = try await location.acquireLock(wait: .zero, scope: .drop("/drops/monday"))
        let tuesday = try await location.acquireLock(wait: .zero, scope: .drop("/drops/tuesday"))
        for scope in [StateStoreLockScope.drop("/drops/monday"), .wholeStore] {
            var caught: (any Error)?
            do { _ = try await location.acquireLock(wait: .milliseconds(300), scope: scope) } catch { caught = error }
            let error = try #require(caught, "\(scope)")
            #expect(ExitStatus.classify(error) == .locked)
            if scope != .wholeStore { #expect("\(error)".contains("drop /drops/monday"), "\(error)") }
        }
        monday.release()
        try await location.acquireLock(wait: .zero, scope: .drop("/drops/monday")).release()
        tuesday.release()
        try await location.acquireLock(wait: .zero, scope: .wholeStore).release()
    }
}

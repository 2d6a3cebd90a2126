import Foundation
import Testing

@testable import Copydesk

/// ``SQLiteStateStore`` looks a whole batch up at once (``HistoryBatchLookup``): each query of
/// a batch must be given exactly what it is given when looked up alone.
@Suite("SQLite state store: history looked up a batch at once")
struct HistoryBatchLookupTests {
    @Test func eachQueryOfABatchIsGivenWhatItIsGivenAlone() async throws {
        let store = try SQLiteStateStore(path: try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path)
        var random = SplitMix64(seed: 17)
        let keyPool = (0..<60).map { _ in Int64(bitPattern: random.next()) }
        func keys(_ count: Int) -> [Int64] { (0..<count).map { _ in keyPool[Int(random.next() % UInt64(keyPool.count))] } }
        try await store.prepareHistory(fingerprintSettings: "settings", run: "r1")
        let records = (0..<80).map { number in
            HistoryStoreContract.record(
                number % 5 == 0 ? "Wire-\(number)" : String(format: "%016llx", random.next()), exactKey: "k\(number % 13)",
                lookupKeys: number % 9 == 0 ? [] : Array(Set(keys(4))))
        }
        try await store.stage(records, run: "r1", skippingKnown: true)
        try await store.commitHistory(run: "r1", replacingAll: false)
        try await store.prepareHistory(fingerprintSettings: "settings", run: "r2")
        let lateKeys = keys(3)
        try await store.stage([HistoryStoreContract.record("late", exactKey: "k3", lookupKeys: lateKeys)], run: "r2", skippingKnown: true)
        try await store.commitHistory(run: "r2", replacingAll: false)

        let queries =
            records.prefix(30).map { HistoryStoreContract.query($0.articleID, exactKey: $0.exactKey, lookupKeys: $0.lookupKeys) }
            + (0..<30).map { number in HistoryStoreContract.query("q\(number)", exactKey: "k\(number % 17)", lookupKeys: keys(5) + keys(2)) }
        var alone: [[HistoryCandidate]] = []
        for query in queries { alone += try await store.candidates(for: [query]) }
        let batch = try await store.candidates(for: queries)
        #expect(batch == alone)
        let stored = records + [HistoryStoreContract.record("late", exactKey: "k3", lookupKeys: [])]
        let storedKeys = (records.map(\.lookupKeys) + [lateKeys]).map { Set($0.map { Int32(truncatingIfNeeded: $0) }) }
        let expected = queries.map { query in
            let keys = Set(query.lookupKeys.map { Int32(truncatingIfNeeded: $0) })
            return stored.indices.filter { index in
                stored[index].articleID != query.articleID && (stored[index].exactKey == query.exactKey || !storedKeys[index].isDisjoint(with: keys))
            }.map { $0 + 1 }
        }
        #expect(batch.map { $0.map(\.entry) } == expected)
        #expect(batch.allSatisfy { candidates in candidates.map(\.entry) == candidates.map(\.entry).sorted() })
        #expect(batch.contains { $0.count > 3 }, "queries share keys and records, so some find several")
        #expect(zip(queries, batch).allSatisfy { query, candidates in !candidates.contains { $0.articleID == query.articleID } })
    }
}

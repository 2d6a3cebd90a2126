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

    func record(_ id: String, exactKey: String, lookupKeys: [Int64], date: String? = nil) -> HistoryRecord {
        HistoryStoreContract.record(id, exactKey: exactKey, lookupKeys: lookupKeys, date: date)
    }

    func query(_ id: String, exactKey: String = "none", lookupKeys: [Int64] = []) -> HistoryQuery {
        HistoryStoreContract.query(id, exactKey: exactKey, lookupKeys: lookupKeys)
    }

    @Test func pendingRecordsAreInvisibleUntilCommittedAndDiscardedRecordsAreGone() async throws {
        try await HistoryStoreContract.pendingRecordsAreInvisibleUntilCommittedAndDiscardedRecordsAreGone(try store())
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
            found == [[HistoryCandidate(entry: 1, articleID: "a1", exactKey: "k1", signature: Array(repeating: 0x0101_0101, count: 8))]],
            "the signature keeps each value's low 32 bits")
        #expect(try await store.ledgerEntries().isEmpty)
    }

    @Test(arguments: ["v3 history by article", "v4 ledger members"])
    func aFileOfAnOlderSchemaIsUpgradedInPlaceAndFindsItsOldEntries(version: String) async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteStateStore.migrator.migrate(old, upTo: version)
        let id = "00c0ffee12345678"
        let exactKey = "0123456789abcdef0123456789abcdef"
        let signature: [UInt64] = [0xFFEE_DDCC_BBAA_9988, 7, 0x1_0000_0000]
        let legacySignature = signature.reduce(into: Data()) { data, value in withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        let bandKey: Int64 = 0x7654_3210_0123_4567
        try await old.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('fingerprint', 'old settings')")
            try db.execute(
                sql: """
                    INSERT INTO history_articles (id, article_id, exact_key, date, signature, run, committed) VALUES
                        (1, ?, ?, '2024-05-01', ?, 'r0', 1), (2, 'Wire-2', 'k2', NULL, ?, 'r0', 1), (3, 'pending', 'k3', NULL, ?, 'r1', 0)
                    """, arguments: [id, exactKey, legacySignature, legacySignature, legacySignature])
            try db.execute(sql: "INSERT INTO history_bands (band_key, article) VALUES (?, 1), (-5, 2), (-5, 3), (99, 3)", arguments: [bandKey])
        }
        try old.close()
        let store = try SQLiteStateStore(path: path)
        #expect(try await store.historySettings() == "old settings")
        #expect(try await store.historyCount() == 2, "the pending record of a run that never committed is not carried over")
        let lowHalves: [UInt64] = [0xBBAA_9988, 7, 0]
        let first = HistoryCandidate(entry: 1, articleID: id, exactKey: exactKey, signature: lowHalves)
        let second = HistoryCandidate(entry: 2, articleID: "Wire-2", exactKey: "k2", signature: lowHalves)
        let found = try await store.candidates(for: [
            query("q", exactKey: exactKey), query("q", lookupKeys: [bandKey]), query("q", lookupKeys: [-5, 99]), query("q", exactKey: "k3"),
        ])
        #expect(found == [[first], [first], [second], []])
        try await store.prepareHistory(fingerprintSettings: "old settings", run: "r2")
        try await store.stage([record("a4", exactKey: "k4", lookupKeys: [-5])], run: "r2", skippingKnown: true)
        try await store.commitHistory(run: "r2", replacingAll: false)
        #expect(try await store.candidates(for: [query("q", lookupKeys: [-5])]).map { $0.map(\.articleID) } == [["Wire-2", "a4"]])
        #expect(try await store.candidates(for: [query("q", lookupKeys: [99])]) == [[]], "the pending record's keys are gone too")
    }

    @Test func hexKeysAreStoredAsBytesSignaturesAndLookupKeysInTheirLow32Bits() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let store = try SQLiteStateStore(path: path)
        let hex = HistoryRecord(
            articleID: "00c0ffee12345678", exactKey: "0123456789abcdef0123456789abcdef", date: nil, signature: [0xFFFF, 1, 0x00AB],
            lookupKeys: [1 << 40 | 3])
        let text = HistoryRecord(articleID: "Wire-1", exactKey: "ABCDEF", date: nil, signature: [.max, 0x1_0000_0002], lookupKeys: [])
        try await store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try await store.stage([hex, text], run: "r1", skippingKnown: true)
        try await store.commitHistory(run: "r1", replacingAll: false)
        let found = try await store.candidates(for: [query("q", exactKey: hex.exactKey), query("q", exactKey: "ABCDEF")])
        #expect(found.map { $0.map(\.articleID) } == [[hex.articleID], [text.articleID]])
        #expect(found.map { $0.map(\.signature) } == [[hex.signature], [[0xFFFF_FFFF, 2]]], "every value's low 32 bits come back as stored")
        let database = try DatabaseQueue(path: path)
        let stored = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT typeof(article_id) AS idType, length(article_id) AS idLength, typeof(exact_key) AS keyType,
                        length(exact_key) AS keyLength, length(signature) AS signatureLength FROM history_articles ORDER BY id
                    """)
        }
        #expect(stored.map { $0["idType"] as String } == ["blob", "text"])
        #expect(stored.map { $0["idLength"] as Int } == [8, 6])
        #expect(stored.map { $0["keyType"] as String } == ["blob", "text"])
        #expect(stored.map { $0["keyLength"] as Int } == [16, 6])
        #expect(stored.map { $0["signatureLength"] as Int } == [3 * 4, 2 * 4])
        let buckets = try database.read { db in try Row.fetchAll(db, sql: "SELECT bucket, entries FROM history_bands") }
        #expect(buckets.map { $0["bucket"] as Int64 } == [SettledKeyBuckets.bucket(ofStored: 3)], "one bucket holds the key")
        let entry = SettledKeyBuckets.entry(low: SettledKeyBuckets.lowPart(ofStored: 3), record: 1)
        #expect(buckets.map { SettledKeyBuckets.decoded($0["entries"]) } == [[entry]], "one entry in it")
    }

    @Test func lookupKeysDifferingOnlyAboveBit31FindEachOthersRecords() async throws {
        let store = try store()
        try await store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try await store.stage([record("a1", exactKey: "k1", lookupKeys: [1 << 32 | 7])], run: "r1", skippingKnown: true)
        try await store.commitHistory(run: "r1", replacingAll: false)
        let found = try await store.candidates(for: [query("q", lookupKeys: [7]), query("q", lookupKeys: [1 << 33 | 7]), query("q", lookupKeys: [8])])
        #expect(found.map { $0.map(\.articleID) } == [["a1"], ["a1"], []], "the store keeps a lookup key's low 32 bits; the matcher checks")
    }

    @Test func keysMoveFromTheRecentTierToTheSettledOneAndEveryRecordStaysFound() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let store = try SQLiteStateStore(path: path)
        var random = SplitMix64(seed: 5)
        var records: [HistoryRecord] = []
        func tier(_ table: String) async throws -> Int {
            let database = try DatabaseQueue(path: path)
            let count = table == "history_bands" ? "IFNULL(SUM(length(entries)), 0) / \(SettledKeyBuckets.entrySize)" : "COUNT(*)"
            return try await database.read { db in try Int.fetchOne(db, sql: "SELECT \(count) FROM \(table)") ?? 0 }
        }
        for (run, count) in [100, 5, 5, 5, 5, 5, 5, 5, 5].enumerated() {
            let added = (0..<count).map { index in
                record("r\(run)-\(index)", exactKey: "k\(run)-\(index)", lookupKeys: (0..<4).map { _ in Int64(bitPattern: random.next()) })
            }
            try await store.prepareHistory(fingerprintSettings: settings, run: "r\(run)")
            try await store.stage(added, run: "r\(run)", skippingKnown: true)
            try await store.commitHistory(run: "r\(run)", replacingAll: false)
            records += added
            let found = try await store.candidates(for: records.map { query("q", lookupKeys: [$0.lookupKeys[2]]) })
            #expect(zip(found, records).allSatisfy { candidates, record in candidates.contains { $0.articleID == record.articleID } })
            if run == 0 { #expect(try await tier("history_recent_bands") == 0, "a first fill goes to the settled tier") }
        }
        let (recent, settled) = (try await tier("history_recent_bands"), try await tier("history_bands"))
        #expect(recent + settled == records.count * 4)
        #expect(settled > 400 && recent > 0, "later commits go to the recent tier and slices of it move on")
    }
}

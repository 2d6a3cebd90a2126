import Foundation
import GRDB
import Testing

@testable import Copydesk

/// A history written in the schema v4 layout, as the store wrote it before schema v5 (every
/// record in `history_articles` with its run and `committed` flag, signatures 8 bytes a value,
/// every whole band key in `history_bands`), must find and match what a history filled in the
/// v5 layout finds.
@Suite("SQLite state store: history migrated from schema v4")
struct CompactHistoryMigrationTests {
    let generated = HistoryMigrationArticles(seed: 11)
    var config: DedupeConfig { generated.config }

    /// The drop checked against both histories: for each of the first 60 stored articles an
    /// exact copy, a near copy (60 of 300 shingles replaced, similarity 0.67), a far copy (200
    /// replaced, 0.2) and the article itself read again; and 40 new articles.
    func drop() -> [(id: String, fingerprint: DocumentFingerprint)] {
        var random = SplitMix64(seed: 0xD409_D409_D409)
        var articles: [(id: String, fingerprint: DocumentFingerprint)] = []
        for number in 0..<60 {
            let article = generated.stored(number)
            articles.append(("exact-\(number)", generated.fingerprint(article.shingles, article.exactKey)))
            for (name, replaced) in [("near", 60), ("far", 200)] {
                articles.append(("\(name)-\(number)", generated.copy(of: number, replacing: replaced, &random)))
            }
            articles.append((article.id, generated.fingerprint(article.shingles, article.exactKey)))
        }
        for number in 0..<40 {
            articles.append(
                ("new-\(number)", generated.fingerprint((0..<300).map { _ in random.next() }, ContentKey(high: random.next(), low: UInt64(number)))))
        }
        return articles
    }

    /// Writes `records` into a v4 file at `path` as the v4 store did, committed by run `r0`,
    /// and one pending record of a run that never committed.
    func writeV4(_ records: [HistoryRecord], pending: HistoryRecord, settings: String, at path: String) throws {
        let old = try DatabaseQueue(path: path)
        try SQLiteStateStore.migrator.migrate(old, upTo: "v4 ledger members")
        try old.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('fingerprint', ?)", arguments: [settings])
            for (record, committed) in records.map({ ($0, 1) }) + [(pending, 0)] {
                let signature = record.signature.reduce(into: Data()) { data, value in
                    withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
                }
                try db.execute(
                    sql: "INSERT INTO history_articles (article_id, exact_key, date, signature, run, committed) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [record.articleID, record.exactKey, record.date, signature, committed == 1 ? "r0" : "dead", committed])
                let id = db.lastInsertedRowID
                for key in record.lookupKeys {
                    try db.execute(sql: "INSERT OR IGNORE INTO history_bands (band_key, article) VALUES (?, ?)", arguments: [key, id])
                }
            }
        }
        try old.close()
    }

    @Test func aMigratedHistoryFindsAndMatchesWhatAFreshOneDoes() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let fresh = try SQLiteStateStore(path: directory.appendingPathComponent("fresh.sqlite").path)
        let freshMatcher = HistoryMatcher(store: fresh, storeName: "fresh", config: config)
        let records = (0..<200).map { number in
            let article = generated.stored(number)
            return freshMatcher.record(
                articleID: article.id, date: "2025-01-02", fingerprint: generated.fingerprint(article.shingles, article.exactKey))
        }
        let pendingArticle = generated.stored(1_000)
        let pending = freshMatcher.record(
            articleID: "pending", date: nil, fingerprint: generated.fingerprint(pendingArticle.shingles, pendingArticle.exactKey))
        let migratedPath = directory.appendingPathComponent("v4.sqlite").path
        try writeV4(records, pending: pending, settings: freshMatcher.fingerprintSettings, at: migratedPath)
        let migrated = try SQLiteStateStore(path: migratedPath)
        let migratedMatcher = HistoryMatcher(store: migrated, storeName: "migrated", config: config)
        try await freshMatcher.prepare(run: "r0")
        try await fresh.stage(records, run: "r0", skippingKnown: true)
        try await fresh.commitHistory(run: "r0", replacingAll: false)
        try await migratedMatcher.prepare(run: "r1")
        #expect(try await migrated.historyCount() == records.count, "the pending record of a run that never committed is not carried over")

        let drop = drop() + [("pending-copy", generated.fingerprint(pendingArticle.shingles, pendingArticle.exactKey))]
        let queries = drop.map { article in
            HistoryQuery(
                articleID: article.id, exactKey: article.fingerprint.exactKey.description,
                lookupKeys: freshMatcher.record(articleID: article.id, date: nil, fingerprint: article.fingerprint).lookupKeys)
        }
        #expect(try await migrated.candidates(for: queries) == fresh.candidates(for: queries))
        let matches = try await migratedMatcher.matches(drop)
        #expect(try await matches == freshMatcher.matches(drop))
        for (article, match) in zip(drop, matches) {
            let number = article.id.split(separator: "-").last.flatMap { Int($0) }
            switch article.id.split(separator: "-").first {
            case "exact": #expect(match?.evidence == .exactContent && match?.key == generated.stored(number!).id, "\(article.id)")
            case "near": #expect(match?.evidence == .estimatedJaccard && match?.key == generated.stored(number!).id, "\(article.id)")
            default: #expect(match == nil, "\(article.id)")
            }
        }

        let later = generated.stored(2_000)
        let laterRecord = migratedMatcher.record(articleID: later.id, date: nil, fingerprint: generated.fingerprint(later.shingles, later.exactKey))
        try await migrated.stage([laterRecord], run: "r1", skippingKnown: true)
        try await migrated.commitHistory(run: "r1", replacingAll: false)
        let laterMatch = try await migratedMatcher.matches([("copy", generated.fingerprint(later.shingles, ContentKey(high: 1, low: 2)))])
        #expect(laterMatch[0]?.key == later.id && laterMatch[0]?.entry == records.count + 1, "entries continue after the old ones")
    }
}

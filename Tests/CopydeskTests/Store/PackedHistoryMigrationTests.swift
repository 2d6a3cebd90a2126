import Foundation
import GRDB
import Testing

@testable import Copydesk

/// A history written in the schema v6 layout (signatures 8 bytes a value, a row a key in both
/// tiers) must, once migrated to v7, keep every record and find and match what it matched
/// before: the same records, the same similarities as the whole signatures give.
@Suite("SQLite state store: history migrated from schema v6")
struct PackedHistoryMigrationTests {
    let generated = HistoryMigrationArticles(seed: 29)
    var config: DedupeConfig { generated.config }

    /// For each of the first 50 stored articles an exact copy, two near copies (30 and 60 of
    /// 300 shingles replaced) and a far one (200 replaced); and 30 new articles.
    func drop() -> [(id: String, fingerprint: DocumentFingerprint)] {
        var random = SplitMix64(seed: 0x0607_0607)
        var articles: [(id: String, fingerprint: DocumentFingerprint)] = []
        for number in 0..<50 {
            let article = generated.stored(number)
            articles.append(("exact-\(number)", generated.fingerprint(article.shingles, article.exactKey)))
            for (name, replaced) in [("near", 30), ("near", 60), ("far", 200)] {
                articles.append(("\(name)-\(number)", generated.copy(of: number, replacing: replaced, &random)))
            }
        }
        for number in 0..<30 {
            articles.append(("new-\(number)", generated.fingerprint((0..<300).map { _ in random.next() }, ContentKey(high: random.next(), low: 0))))
        }
        return articles
    }

    /// Writes `records` into a v6 file at `path` as the v6 store kept them: entries numbered
    /// from 1, keys in their stored forms, signatures whole; the keys of the first `settled`
    /// records in the settled tier, the others' in the recent one; and `staged` as a record a
    /// live run `r1` staged.
    func writeV6(_ records: [HistoryRecord], settled: Int, staged: HistoryRecord, settings: String, at path: String) throws {
        let old = try DatabaseQueue(path: path)
        try SQLiteStateStore.migrator.migrate(old, upTo: "v6 shards")
        try old.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('fingerprint', ?), ('recent_bands_cursor', '-5')", arguments: [settings])
            for (index, record) in records.enumerated() {
                let entry = index + 1
                try db.execute(
                    sql: "INSERT INTO history_articles (id, article_id, exact_key, date, signature) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        entry, StoredKeyText.databaseValue(record.articleID), StoredKeyText.databaseValue(record.exactKey), record.date,
                        StoredSignature.data(record.signature, width: .whole),
                    ])
                let tier = index < settled ? "history_bands" : "history_recent_bands"
                for key in record.lookupKeys {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO \(tier) (band_key, article) VALUES (?, ?)", arguments: [HistoryLookupKeys.stored(key), entry])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO history_staged_articles (id, run, article_id, exact_key, date, signature, lookup_keys)
                    VALUES (?, 'r1', ?, ?, NULL, ?, ?)
                    """,
                arguments: [
                    records.count + 1, StoredKeyText.databaseValue(staged.articleID), StoredKeyText.databaseValue(staged.exactKey),
                    StoredSignature.data(staged.signature, width: .whole), HistoryLookupKeys.packed(staged.lookupKeys),
                ])
        }
        try old.close()
    }

    @Test func aMigratedHistoryKeepsEveryRecordAndMatchesAsBefore() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let fresh = try SQLiteStateStore(path: directory.appendingPathComponent("fresh.sqlite").path)
        let freshMatcher = HistoryMatcher(store: fresh, storeName: "fresh", config: config)
        let records = (0..<150).map { number in
            let article = generated.stored(number)
            return freshMatcher.record(
                articleID: article.id, date: "2025-03-04", fingerprint: generated.fingerprint(article.shingles, article.exactKey))
        }
        let stagedArticle = generated.stored(1_000)
        let staged = freshMatcher.record(
            articleID: stagedArticle.id, date: nil, fingerprint: generated.fingerprint(stagedArticle.shingles, stagedArticle.exactKey))
        let migratedPath = directory.appendingPathComponent("v6.sqlite").path
        try writeV6(records, settled: 100, staged: staged, settings: freshMatcher.fingerprintSettings, at: migratedPath)
        let migrated = try SQLiteStateStore(path: migratedPath)
        let migratedMatcher = HistoryMatcher(store: migrated, storeName: "migrated", config: config)
        #expect(try await migrated.historyCount() == records.count)
        let database = try DatabaseQueue(path: migratedPath)
        let keyCount = try await database.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT SUM(length(entries)) FROM history_bands) / \(SettledKeyBuckets.entrySize)
                        + (SELECT COUNT(*) FROM history_recent_bands)
                    """)
        }
        #expect(keyCount == Set(records.enumerated().flatMap { index, record in record.lookupKeys.map { "\(index) \($0)" } }).count)
        #expect(try await database.read { db in try Int.fetchAll(db, sql: "SELECT DISTINCT length(signature) FROM history_articles") } == [120 * 4])
        try database.close()
        try await freshMatcher.prepare(run: "r0")
        try await fresh.stage(records, run: "r0", skippingKnown: true)
        try await fresh.commitHistory(run: "r0", replacingAll: false)

        let drop = drop()
        let queries = drop.map { article in
            HistoryQuery(
                articleID: article.id, exactKey: article.fingerprint.exactKey.description,
                lookupKeys: freshMatcher.record(articleID: article.id, date: nil, fingerprint: article.fingerprint).lookupKeys)
        }
        #expect(try await migrated.candidates(for: queries) == fresh.candidates(for: queries))
        let matches = try await migratedMatcher.matches(drop)
        #expect(try await matches == freshMatcher.matches(drop))
        for (article, match) in zip(drop, matches) {
            let parts = article.id.split(separator: "-")
            let original = parts.last.flatMap { Int($0) }.map { generated.stored($0) }
            switch parts.first {
            case "exact": #expect(match?.evidence == .exactContent && match?.key == original?.id, "\(article.id)")
            case "near":
                #expect(match?.evidence == .estimatedJaccard && match?.key == original?.id, "\(article.id)")
                let whole = original.map {
                    MinHasher.estimatedJaccard(article.fingerprint.signature, generated.fingerprint($0.shingles, $0.exactKey).signature)
                }
                #expect(match?.similarity == whole, "\(article.id): the similarity the whole signatures give")
            default: #expect(match == nil, "\(article.id)")
            }
        }

        try await migrated.commitHistory(run: "r1", replacingAll: false)
        let stagedMatch = try await migratedMatcher.matches([("copy", generated.fingerprint(stagedArticle.shingles, ContentKey(high: 1, low: 2)))])
        #expect(stagedMatch[0]?.key == stagedArticle.id && stagedMatch[0]?.similarity == 1, "the staged record commits after the migration")
        #expect(stagedMatch[0]?.entry == records.count + 1)
    }
}

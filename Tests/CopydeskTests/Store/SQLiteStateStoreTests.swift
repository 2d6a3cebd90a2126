import Foundation
import Testing
@testable import Copydesk

@Suite("SQLite state store: history")
struct SQLiteStateStoreTests {
    let config = DedupeConfig()
    let settings = "test settings"

    func fingerprint(_ text: String) -> DocumentFingerprint {
        Fingerprinter(config: config).fingerprint(title: nil, body: text)
    }

    func store() throws -> SQLiteStateStore {
        try SQLiteStateStore(path: try TestPaths.temporaryDirectory().appendingPathComponent("nested/state.sqlite").path)
    }

    let story = "The regional council voted on Tuesday to close three rural schools next year, citing falling pupil numbers and rising heating costs, despite protests from parents who gathered outside the town hall."

    @Test func pendingEntriesAreInvisibleUntilCommitted() throws {
        let store = try store()
        try store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try store.stage([HistoryEntry(articleID: "a1", date: "2024-01-01", fingerprint: fingerprint(story))], bands: config.bands, rows: config.rows, run: "r1", skippingKnown: true)
        #expect(try store.match([(id: "b1", fingerprint: fingerprint(story))], bands: config.bands, rows: config.rows, threshold: 0.5) == [nil])
        try store.commitHistory(run: "r1", replacingAll: false)
        let match = try #require(try store.match([(id: "b1", fingerprint: fingerprint(story))], bands: config.bands, rows: config.rows, threshold: 0.5)[0])
        #expect(match.key == "a1")
        #expect(match.evidence == .exactContent)
    }

    @Test func nearCopiesMatchByTheirSignature() throws {
        let store = try store()
        try store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try store.stage([HistoryEntry(articleID: "a1", date: nil, fingerprint: fingerprint(story))], bands: config.bands, rows: config.rows, run: "r1", skippingKnown: true)
        try store.commitHistory(run: "r1", replacingAll: false)
        let edited = story.replacingOccurrences(of: "Tuesday", with: "Wednesday") + " A decision is final."
        let unrelated = "Shares in the carmaker fell sharply after it cut its profit forecast for the year, blaming weak demand in China and the cost of new battery plants in Europe."
        let matches = try store.match([(id: "b1", fingerprint: fingerprint(edited)), (id: "b2", fingerprint: fingerprint(unrelated))], bands: config.bands, rows: config.rows, threshold: 0.5)
        #expect(matches[0]?.key == "a1")
        #expect(matches[0]?.evidence == .estimatedJaccard)
        #expect(matches[1] == nil)
    }

    @Test func anEntryIsNeverAMatchForTheRecordItCameFrom() throws {
        let store = try store()
        try store.prepareHistory(fingerprintSettings: settings, run: "r1")
        try store.stage([HistoryEntry(articleID: "a1", date: nil, fingerprint: fingerprint(story))], bands: config.bands, rows: config.rows, run: "r1", skippingKnown: true)
        try store.commitHistory(run: "r1", replacingAll: false)
        let edited = story + " A decision is final."
        #expect(try store.match([(id: "a1", fingerprint: fingerprint(story)), (id: "a1", fingerprint: fingerprint(edited))],
                                bands: config.bands, rows: config.rows, threshold: 0.5) == [nil, nil])
        #expect(try store.match([(id: "a2", fingerprint: fingerprint(story))], bands: config.bands, rows: config.rows, threshold: 0.5)[0]?.key == "a1")
        try store.prepareHistory(fingerprintSettings: settings, run: "r2")
        try store.stage([HistoryEntry(articleID: "a1", date: nil, fingerprint: fingerprint(story))], bands: config.bands, rows: config.rows, run: "r2", skippingKnown: true)
        try store.commitHistory(run: "r2", replacingAll: false)
        #expect(try store.historyCount() == 1, "a rerun adds no second entry for the same record")
    }

    @Test func entriesLeftByADeadRunAreDeletedByTheNextRun() throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let dead = try SQLiteStateStore(path: path)
        try dead.prepareHistory(fingerprintSettings: settings, run: "dead")
        try dead.stage([HistoryEntry(articleID: "a1", date: nil, fingerprint: fingerprint(story))], bands: config.bands, rows: config.rows, run: "dead", skippingKnown: true)
        let next = try SQLiteStateStore(path: path)
        try next.prepareHistory(fingerprintSettings: settings, run: "next")
        try dead.commitHistory(run: "dead", replacingAll: false)
        #expect(try next.historyCount() == 0)
    }

    @Test func aHistoryBuiltWithOtherSettingsIsRefused() throws {
        let store = try store()
        try store.prepareHistory(fingerprintSettings: "shingle_size 3", run: "r1")
        try store.stage([HistoryEntry(articleID: "a1", date: nil, fingerprint: fingerprint(story))], bands: config.bands, rows: config.rows, run: "r1", skippingKnown: true)
        try store.commitHistory(run: "r1", replacingAll: false)
        #expect(throws: SQLiteStateStore.SettingsMismatch.self) { try store.prepareHistory(fingerprintSettings: "shingle_size 5", run: "r2") }
    }
}

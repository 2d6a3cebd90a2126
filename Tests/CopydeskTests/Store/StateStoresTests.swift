import Foundation
import Testing

@testable import Copydesk

@Suite("state store factory")
struct StateStoresTests {
    let record = HistoryRecord(articleID: "a1", exactKey: "k1", date: nil, signature: [1, 2, 3], lookupKeys: [5])

    @Test func theLedgerAndAHistoryOnOneFileShareOneOpenStore() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let stores = StateStores()
        let history = try #require(try await stores.history(at: StateStoreLocation("\(directory.path)/state.sqlite")))
        let ledger = try #require(try await stores.ledger(at: StateStoreLocation("sqlite://\(directory.path)/./state.sqlite")))
        let other = try #require(try await stores.history(at: StateStoreLocation("\(directory.path)/other.sqlite")))
        #expect((history as? SQLiteStateStore) === (ledger as? SQLiteStateStore))
        #expect((history as? SQLiteStateStore) !== (other as? SQLiteStateStore))
    }

    @Test func buildingAPipelineOpensNoStore() throws {
        let out = try TestPaths.temporaryDirectory()
        let yaml = """
            name: lazy
            ledger: "${OUT}/state/ledger.sqlite"
            stages:
              - {type: textdrop, path: "${INPUT}"}
              - {type: dedupe, history: "sqlite://${OUT}/state/history.sqlite"}
              - {type: jsonl, path: "${OUT}/articles.jsonl"}
            """
        let samples = TestPaths.repository.appendingPathComponent("samples").path
        let definition = try PipelineLoader(environment: ["INPUT": samples, "OUT": out.path]).load(yaml: yaml, file: "lazy.yaml")
        _ = try PipelineRunner(definition: definition)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func aReadOnlyFactoryCreatesNothingWhereNoStoreIs() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = StateStoreLocation.sqlite(path: directory.appendingPathComponent("missing/state.sqlite").path)
        let stores = StateStores(readOnly: true)
        #expect(try await stores.history(at: location) == nil)
        #expect(try await stores.ledger(at: location) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aReadOnlyFactoryReadsAnExistingStoreAndWritesNothing() async throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("state.sqlite").path
        let existing = try SQLiteStateStore(path: path)
        try await existing.prepareHistory(fingerprintSettings: "settings", run: "r1")
        try await existing.stage([record], run: "r1", skippingKnown: true)
        try await existing.commitHistory(run: "r1", replacingAll: false)
        try await existing.markDone([LedgerEntry(path: "a.txt", size: 1, contentHash: "h")], run: "r1", replacingAll: false)
        try await existing.stage(
            [HistoryRecord(articleID: "pending", exactKey: "k9", date: nil, signature: [9], lookupKeys: [])], run: "live", skippingKnown: true)

        let stores = StateStores(readOnly: true)
        let history = try #require(try await stores.history(at: .sqlite(path: path)))
        let ledger = try #require(try await stores.ledger(at: .sqlite(path: path)))
        #expect(try await history.historySettings() == "settings")
        #expect(
            try await history.candidates(for: [HistoryQuery(articleID: "q", exactKey: "k1", lookupKeys: [])]).map { $0.map(\.articleID) } == [["a1"]])
        #expect(try await ledger.ledgerEntry(for: "a.txt")?.contentHash == "h")

        try await history.prepareHistory(fingerprintSettings: "other", run: "dry")
        try await history.stage(
            [HistoryRecord(articleID: "a2", exactKey: "k2", date: nil, signature: [4], lookupKeys: [6])], run: "dry", skippingKnown: false)
        try await history.commitHistory(run: "dry", replacingAll: true)
        try await history.discardHistory(run: "live")
        try await ledger.markDone([LedgerEntry(path: "b.txt", size: 2, contentHash: "i")], run: "dry", replacingAll: true)

        #expect(try await existing.historySettings() == "settings")
        #expect(try await existing.historyCount() == 1)
        #expect(try await existing.ledgerEntries().map(\.path) == ["a.txt"])
        try await existing.commitHistory(run: "live", replacingAll: false)
        #expect(try await existing.historyCount() == 2, "another run's pending records are left alone")
    }
}

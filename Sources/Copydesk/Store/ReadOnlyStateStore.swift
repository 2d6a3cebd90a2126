/// A state store as a dry run sees it: reads go to the store, writes do nothing. Handed out
/// by a read-only ``StateStores``.
struct ReadOnlyStateStore: StateStore {
    /// The store read.
    let base: any StateStore

    func historySettings() async throws -> String? {
        try await base.historySettings()
    }

    func prepareHistory(fingerprintSettings: String, run: String) async throws {}

    func candidates(for queries: [HistoryQuery]) async throws -> [[HistoryCandidate]] {
        try await base.candidates(for: queries)
    }

    func stage(_ records: [HistoryRecord], run: String, skippingKnown: Bool) async throws {}

    func commitHistory(run: String, replacingAll: Bool) async throws {}

    func discardHistory(run: String) async throws {}

    func historyCount() async throws -> Int {
        try await base.historyCount()
    }

    func ledgerEntry(for path: String) async throws -> LedgerEntry? {
        try await base.ledgerEntry(for: path)
    }

    func ledgerMembers(of path: String) async throws -> [LedgerEntry] {
        try await base.ledgerMembers(of: path)
    }

    func markDone(_ entries: [LedgerEntry], run: String, replacingAll: Bool) async throws {}

    func ledgerEntries() async throws -> [LedgerEntry] {
        try await base.ledgerEntries()
    }
}

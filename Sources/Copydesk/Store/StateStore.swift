/// What a state store backend provides: the dedupe history and the ledger of processed
/// files, in one store (the two often share a location). ``SQLiteStateStore`` is the
/// embedded backend; ``StateStores`` opens a backend by ``StateStoreLocation``.
///
/// A backend only stores: every dedupe decision (band keys, similarity, the threshold) is
/// made by the dedupe code (``HistoryMatcher``), so a new backend implements storage and
/// lookups by key, nothing else.
public typealias StateStore = HistoryStore & LedgerStore

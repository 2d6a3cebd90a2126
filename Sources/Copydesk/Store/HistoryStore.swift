/// Signatures of articles emitted by earlier runs, so a drop is deduplicated against every
/// earlier day. SQLite (``SQLiteStateStore``) is the embedded implementation; a shared server
/// store implements the same protocol for sharded runs.
///
/// Entries written during a run stay pending until ``commitHistory(run:)``: a failed or killed
/// run leaves nothing that later runs would match against.
public protocol HistoryStore: Sendable {
    /// Fails unless the store was built with `fingerprintSettings` (or is empty, and then
    /// adopts them); deletes pending entries that runs which died before committing left.
    func prepareHistory(fingerprintSettings: String, run: String) throws
    /// For each article (its id and fingerprint), the committed entry it duplicates (exact key
    /// first, then the best MinHash estimate at or above `threshold` among LSH candidates, ties
    /// going to the earliest entry), or `nil`. An entry recorded for the same article id is the
    /// article itself, read again by a rerun: it is never a match.
    func match(_ articles: [(id: String, fingerprint: DocumentFingerprint)], bands: Int, rows: Int, threshold: Double) throws -> [IndexMatch?]
    /// Adds entries as pending entries of `run`. With `skippingKnown`, entries whose article id
    /// the committed history already holds are left out, so a rerun adds nothing twice.
    func stage(_ entries: [HistoryEntry], bands: Int, rows: Int, run: String, skippingKnown: Bool) throws
    /// Makes the entries of `run` visible to later runs; with `replacingAll`, every entry of
    /// earlier runs is deleted in the same transaction (history rebuilt by a reprocessing run).
    func commitHistory(run: String, replacingAll: Bool) throws
    /// Deletes the pending entries of `run`.
    func discardHistory(run: String) throws
    /// Number of committed entries.
    func historyCount() throws -> Int
}

/// One emitted article as the history remembers it.
public struct HistoryEntry: Sendable, Equatable {
    /// The article's id.
    public var articleID: String
    /// The article's date, if known.
    public var date: String?
    /// Its fingerprint (only the exact key and signature are stored).
    public var fingerprint: DocumentFingerprint

    /// Creates an entry.
    public init(articleID: String, date: String?, fingerprint: DocumentFingerprint) {
        self.articleID = articleID
        self.date = date
        self.fingerprint = fingerprint
    }
}

/// The record of input files already processed, so a run over an archive that was interrupted
/// skips the files finished before and processes the rest; a file whose content changed is
/// processed again. SQLite (``SQLiteStateStore``) is the embedded implementation.
public protocol LedgerStore: Sendable {
    /// The entry recorded for `path`, if any.
    func ledgerEntry(for path: String) async throws -> LedgerEntry?
    /// Records `entries` as done by `run`, in one transaction; with `replacingAll`, every other
    /// entry is deleted in the same transaction (a reprocessing run starts the ledger over).
    func markDone(_ entries: [LedgerEntry], run: String, replacingAll: Bool) async throws
    /// Every entry, sorted by path.
    func ledgerEntries() async throws -> [LedgerEntry]
}

/// One input file as the ledger knows it.
public struct LedgerEntry: Sendable, Equatable, Codable {
    /// The file's path as the source listed it.
    public var path: String
    /// Its size in bytes.
    public var size: Int
    /// SHA-256 of its content, in hex.
    public var contentHash: String
    /// `done` once its articles are committed to every output.
    public var status: String

    /// Creates an entry.
    public init(path: String, size: Int, contentHash: String, status: String = "done") {
        self.path = path
        self.size = size
        self.contentHash = contentHash
        self.status = status
    }
}
